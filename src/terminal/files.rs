//! Carries out what the app asks of the files: log events through the journal,
//! the safety-notice marker, routines saved and removed. Each report goes back
//! through one method of the app.

use std::path::{Path, PathBuf};

use chrono::Local;

use crate::app::{App, Effect};
use crate::model::event::Event;
use crate::model::history::History;
use crate::model::words::plural;
use crate::store::journal::Journal;
use crate::store::log;
use crate::store::paths::Paths;
use crate::store::routines_file;
use crate::store::status_cache::StatusCache;

/// The files of one run: where they are, and the session log's journal.
pub struct Files {
    paths: Paths,
    journal: Journal,
    /// The status cache being brought up to date, waited for at the end of the run.
    refresh: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Files {
    fn drop(&mut self) {
        if let Some(refresh) = self.refresh.take() {
            let _ = refresh.join();
        }
    }
}

impl Files {
    pub fn new(paths: Paths) -> Files {
        let journal = Journal::new(paths.log_file());
        Files {
            paths,
            journal,
            refresh: None,
        }
    }

    /// The session log.
    pub fn log_path(&self) -> PathBuf {
        self.paths.log_file()
    }

    /// Log events that could not be written by the end of the run.
    pub fn unsaved(&self) -> usize {
        self.journal.unsaved()
    }

    /// Reads the session log into a history: set-aside lines become a warning, an
    /// unreadable log a message (the app still opens; nothing is overwritten).
    pub fn load_log(path: &Path) -> (History, Option<String>) {
        match log::load_history(path) {
            Ok((history, l)) => {
                let warn = (!l.set_aside.is_empty()).then(|| {
                    format!(
                        "{} of the log could not be read and {} set aside in {}",
                        plural(l.set_aside.len() as u64, "line", "lines"),
                        if l.set_aside.len() == 1 {
                            "was"
                        } else {
                            "were"
                        },
                        log::corrupt_path(path).display()
                    )
                });
                (history, warn)
            }
            Err(e) => (History::default(), Some(e.to_string())),
        }
    }

    /// Brings `upright status`'s cache up to date with the session just ended, in
    /// the background, so a status bar shows it at once and cheaply.
    fn refresh_status_cache(&mut self) {
        if let Some(previous) = self.refresh.take() {
            let _ = previous.join();
        }
        let cache = self.paths.status_cache();
        let logs = self.paths.log_files();
        let now = super::runner::now().wall.with_timezone(&Local);
        self.refresh = Some(std::thread::spawn(move || {
            let mut status = StatusCache::open(&cache).write_through();
            if status.digest(&logs, &now).is_ok() {
                let _ = status.save();
            }
        }));
    }

    /// Carries out one effect (the bell and the sounds are the runner's).
    pub fn apply(&mut self, effect: Effect, app: &mut App) {
        let shown = || self.paths.log_file().display().to_string();
        match effect {
            // The runner's: the terminal and the speakers.
            Effect::Bell | Effect::Cue(_) | Effect::Say(_) | Effect::Line(_) => {}
            Effect::Log(event) => {
                let ended = matches!(event, Event::End(_));
                let saved = self.journal.append(event);
                let saved = saved.map(|()| shown());
                if ended && saved.is_ok() {
                    self.refresh_status_cache();
                }
                app.log_saved(saved);
            }
            Effect::RetrySave => app.log_saved(self.journal.flush().map(|()| shown())),
            Effect::NoticeSeen => {
                let marker = self.paths.notice_marker();
                let written = std::fs::create_dir_all(&self.paths.data_dir)
                    .and_then(|_| std::fs::write(&marker, "The safety notice was shown.\n"));
                app.notice_saved(
                    written.map_err(|e| format!("Could not write {}: {e}", marker.display())),
                );
            }
            Effect::SaveRoutine { routine } => {
                let result = routines_file::save_routine(&self.paths.config_dir, &routine);
                app.routine_saved(&routine, result.map(|p| p.display().to_string()));
            }
            Effect::DeleteRoutine { id } => {
                let result = routines_file::remove_routine(&self.paths.config_dir, &id);
                app.routine_removed(&id, result.map(|p| p.display().to_string()));
            }
        }
    }
}
