//! Carries out what the app asks of the files: log events through the journal
//! on the writer thread ([`super::writer`]), the safety-notice marker, routines
//! saved and removed. Each report goes back through one method of the app.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Local;

use super::writer::{Job, Report, Writer};
use crate::app::{App, Effect};
use crate::model::event::Event;
use crate::model::history::History;
use crate::model::words::plural;
use crate::store::journal::Journal;
use crate::store::log;
use crate::store::paths::Paths;
use crate::store::routines_file;
use crate::store::status_cache::StatusCache;

/// How long the end of a run waits for the writer to finish what it has.
const FINISH_WAIT: Duration = Duration::from_secs(3);

/// The files of one run: where they are, and the writer of this machine's log.
pub struct Files {
    paths: Paths,
    /// This machine's own log, the only one written.
    own: PathBuf,
    writer: Option<Writer>,
    /// Files the user had events written to instead of the log: (file, how many).
    exported: Vec<(PathBuf, usize)>,
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
    pub fn new(paths: Paths, host: &str) -> Files {
        Files {
            own: paths.log_file(host),
            paths,
            writer: None,
            exported: Vec::new(),
            refresh: None,
        }
    }

    /// Starts the log's writer thread; `report` brings its answers to the loop.
    pub fn start_writer(&mut self, report: impl Fn(Report) + Send + 'static) {
        let journal = Journal::new(self.own.clone());
        self.writer = Some(Writer::spawn(journal, report));
    }

    /// Whether the writer has answers still to come.
    pub fn busy(&self) -> bool {
        self.writer.as_ref().is_some_and(Writer::busy)
    }

    fn send(&mut self, job: Job) {
        if let Some(w) = &mut self.writer {
            w.send(job);
        }
    }

    /// An answer of the writer: the status cache follows a saved end, and the
    /// app hears how the log stands (and where an export went).
    pub fn report(&mut self, report: Report, app: &mut App) {
        let written = match &mut self.writer {
            Some(w) => w.reported(&report),
            None => Vec::new(),
        };
        let shown = self.own.display().to_string();
        match report.exported {
            Some(Ok(path)) => {
                self.exported.push((path.clone(), written.len()));
                app.events_saved_to(Ok((written.len(), path.display().to_string())));
            }
            Some(Err(why)) => app.events_saved_to(Err(why)),
            None => {
                if report.result.is_ok() && written.iter().any(|e| matches!(e, Event::End(_))) {
                    self.refresh_status_cache();
                }
            }
        }
        app.log_saved(report.result.map(|()| shown));
    }

    /// Where the events go when they cannot reach the log and the user named no
    /// file: a new file in the cache dir.
    fn fallback_file(&self) -> PathBuf {
        let now = super::clock::now().wall;
        let name = format!(
            "unsaved-events-{}-{}.jsonl",
            now.format("%Y%m%dT%H%M%S"),
            std::process::id()
        );
        self.paths.cache_dir.join(name)
    }

    /// Ends the writer; events that never reached the log are written to the
    /// fallback file. `Some` says where events went instead of the log (the run
    /// then fails), `None` that the log has every event.
    pub fn finish(&mut self) -> Option<String> {
        let left = match self.writer.as_mut() {
            Some(w) => w.finish(FINISH_WAIT),
            None => Vec::new(),
        };
        let log = self.own.clone();
        let mut said: Vec<String> = self
            .exported
            .iter()
            .map(|(path, n)| {
                format!(
                    "{} were written to {} instead of {} (`upright log import {}` adds them to the log once it can be written)",
                    plural(*n as u64, "event", "events"),
                    path.display(),
                    log.display(),
                    path.display()
                )
            })
            .collect();
        if !left.is_empty() {
            let n = plural(left.len() as u64, "event", "events");
            let fallback = self.fallback_file();
            let mut journal = Journal::holding(log.clone(), left);
            let saved = std::fs::create_dir_all(&self.paths.cache_dir)
                .and_then(|()| journal.export(&fallback));
            said.push(match saved {
                Ok(_) => format!(
                    "{n} could not be saved to {}; they were written to {} (`upright log import {}` adds them to the log once it can be written)",
                    log.display(),
                    fallback.display(),
                    fallback.display()
                ),
                Err(e) => format!(
                    "{n} could not be saved to {} nor to {} ({e}); they are lost",
                    log.display(),
                    fallback.display()
                ),
            });
        }
        (!said.is_empty()).then(|| said.join("\n"))
    }

    /// The data dir, whose every session log is read.
    pub fn data_dir(&self) -> PathBuf {
        self.paths.data_dir.clone()
    }

    /// Reads every session log in `dir` into one history: set-aside lines and
    /// logs that cannot be read become a warning (the app still opens; nothing is
    /// overwritten).
    pub fn load_logs(dir: &Path) -> (History, Option<String>) {
        let (history, set) = log::set::load_all(dir);
        (history, set.summary())
    }

    /// Brings `upright status`'s cache up to date with the session just ended, in
    /// the background, so a status bar shows it at once and cheaply.
    fn refresh_status_cache(&mut self) {
        if let Some(previous) = self.refresh.take() {
            let _ = previous.join();
        }
        let cache = self.paths.status_cache();
        let logs = self.paths.log_files();
        let now = super::clock::now().wall.with_timezone(&Local);
        self.refresh = Some(std::thread::spawn(move || {
            let mut status = StatusCache::open(&cache).write_through();
            if status.digest(&logs, &now).is_ok() {
                let _ = status.save();
            }
        }));
    }

    /// Carries out one effect (the bell and the sounds are the runner's).
    pub fn apply(&mut self, effect: Effect, app: &mut App) {
        match effect {
            // The runner's: the terminal and the speakers.
            Effect::Bell | Effect::Cue(_) | Effect::Say(_) | Effect::Line(_) => {}
            Effect::Log(event) => self.send(Job::Append(event)),
            Effect::RetrySave => self.send(Job::Retry),
            Effect::SaveEventsTo(path) => {
                let path = match path {
                    Some(p) => PathBuf::from(p),
                    None => self.fallback_file(),
                };
                if let Err(e) = std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))) {
                    app.events_saved_to(Err(format!("{}: {e}", path.display())));
                } else {
                    self.send(Job::Export(path));
                }
            }
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
