//! Glue between the app and the files: builds the app from what was loaded, runs
//! it in the terminal, and carries out its effects (the session log, markers).

use chrono::Local;

use crate::app::keymap::Keymap;
use crate::app::run::{self, Effects};
use crate::app::{App, Effect, ResumeOffer};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::model::event::{
    DoseKind, EndEvent, Event, LevelEvent, SCHEMA_VERSION, StartEvent, StepEvent,
};
use crate::model::history::History;
use crate::model::plan::Work;
use crate::model::settings::Settings;
use crate::store::log;
use crate::store::paths::Paths;
use crate::store::routines_file;

/// How long after its start an interrupted session is offered for resuming.
pub const RESUME_WINDOW_HOURS: i64 = 12;
/// Months shown in the Stats calendar.
pub const CALENDAR_MONTHS: u32 = 6;

/// Writes what the app asks for to disk, and keeps the history up to date.
pub struct FileEffects {
    pub paths: Paths,
    /// The events this run wrote (the history of earlier runs lives in the app).
    pub events: Vec<Event>,
    /// How many of `events` the app's history already holds.
    applied: usize,
    /// Events that could not be written yet (disk full, read-only...): kept in
    /// memory and tried again before each new write.
    pub pending: Vec<Event>,
    /// The log being read in the background, so the first frame does not wait
    /// for years of history: its events and any warning, once read.
    loading: Option<std::sync::mpsc::Receiver<(History, Option<String>)>>,
    /// Offer to resume an interrupted session once the log is read.
    offer_resume: bool,
}

/// Turns a finished work phase into its log line.
pub fn step_event(
    session: &str,
    record: &crate::model::session::WorkRecord,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Event {
    let dose = match record.work {
        Work::Hold(_) => DoseKind::Hold,
        Work::PacedReps { .. } | Work::SelfPacedReps { .. } => DoseKind::Reps,
        Work::OpenHold { .. } => DoseKind::Open,
    };
    let timed = !matches!(dose, DoseKind::Reps);
    Event::Step(StepEvent {
        v: SCHEMA_VERSION,
        session: session.into(),
        at,
        index: record.phase as u32,
        exercise: record.exercise_id.as_str().into(),
        exercise_name: record.exercise_name.as_str().into(),
        level: record.level as u32,
        set: record.set,
        sets: record.sets,
        side: record.side,
        dose,
        planned_secs: if timed { record.planned_secs } else { None },
        achieved_secs: Some(record.achieved_secs()),
        planned_reps: record.planned_reps,
        achieved_reps: record.achieved_reps,
        skipped: record.skipped,
        hurt: record.hurt,
    })
}

impl FileEffects {
    /// Appends an event (after any still pending); on failure keeps it for later.
    fn write(&mut self, event: Event, app: &mut App) {
        self.pending.push(event);
        self.flush(app);
    }

    /// Writes the pending events in order, stopping at the first failure. While
    /// some are left, the app shows why and how to try again (`r`); once all are
    /// written after a failure, it says so.
    fn flush(&mut self, app: &mut App) {
        let path = self.paths.log_file();
        while let Some(first) = self.pending.first() {
            match log::append(&path, first) {
                Ok(()) => {
                    let done = self.pending.remove(0);
                    self.events.push(done);
                }
                Err(e) => {
                    let msg = format!(
                        "Not saved: press r to retry. {} event(s) kept in memory. {e}",
                        self.pending.len()
                    );
                    app.status_line = Some(msg.clone());
                    app.unsaved = Some(msg);
                    return;
                }
            }
        }
        if app.unsaved.take().is_some() {
            app.status_line = Some(format!("Saved: {} is up to date.", path.display()));
        }
    }

    /// Brings the app's history up to date with what this run wrote (and what is
    /// still waiting to be written), and works out the stats in local time.
    pub fn refresh(&mut self, app: &mut App) {
        let mut history = std::mem::take(&mut app.history);
        history.extend(self.events[self.applied..].iter().cloned());
        self.applied = self.events.len();
        let now = Local::now();
        // Events not yet saved still count in the figures shown.
        let with_pending;
        let shown = if self.pending.is_empty() {
            &history
        } else {
            let mut h = history.clone();
            h.extend(self.pending.iter().cloned());
            with_pending = h;
            &with_pending
        };
        let stats = shown.stats(&now, app.settings.session.weekly_goal);
        let calendar = shown.calendar(&now, CALENDAR_MONTHS);
        app.set_history(history, Some(stats), Some(calendar));
    }
}

impl FileEffects {
    pub fn new(paths: Paths, offer_resume: bool) -> FileEffects {
        FileEffects {
            paths,
            events: Vec::new(),
            applied: 0,
            pending: Vec::new(),
            loading: None,
            offer_resume,
        }
    }

    /// Takes in the log read in the background: its events come first, then what
    /// this run wrote meanwhile (unless the read already saw it).
    fn loaded(&mut self, loaded: History, warning: Option<String>, app: &mut App) {
        // What this run wrote goes over the log as read (seeing an event twice, if
        // the read caught it, changes nothing).
        app.history = loaded;
        self.applied = 0;
        self.refresh(app);
        if app.status_line.is_none() {
            app.status_line = warning;
        }
        if self.offer_resume
            && !app.in_session()
            && let Some(offer) = resume_offer(app)
        {
            app.offer_resume(offer);
        }
    }
}

impl Effects for FileEffects {
    fn background(&mut self, wake: Box<dyn Fn() + Send>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let path = self.paths.log_file();
        self.loading = Some(rx);
        std::thread::spawn(move || {
            let _ = tx.send(load_log(&path));
            wake();
        });
    }

    fn poll(&mut self, app: &mut App) {
        let done = self.loading.as_ref().and_then(|rx| rx.try_recv().ok());
        if let Some((events, warning)) = done {
            self.loading = None;
            self.loaded(events, warning, app);
        }
    }

    fn apply(&mut self, effect: Effect, app: &mut App) {
        match effect {
            Effect::NoticeSeen => {
                let marker = self.paths.notice_marker();
                let written = std::fs::create_dir_all(&self.paths.data_dir)
                    .and_then(|_| std::fs::write(&marker, "The safety notice was shown.\n"));
                if let Err(e) = written {
                    app.status_line = Some(format!("Could not write {}: {e}", marker.display()));
                }
            }
            Effect::SessionStarted {
                session_id,
                routine_id,
                routine_name,
                pain_before,
                planned_steps,
                at,
            } => {
                let e = Event::Start(StartEvent {
                    v: SCHEMA_VERSION,
                    session: session_id.as_str().into(),
                    at,
                    routine: routine_id,
                    routine_name,
                    pain_before,
                    planned_steps: Some(planned_steps),
                });
                self.write(e, app);
            }
            Effect::StepDone {
                session_id,
                record,
                at,
            } => {
                self.write(step_event(&session_id, &record, at), app);
            }
            Effect::SessionEnded {
                session_id,
                status,
                active_secs,
                pain_after,
                note,
                at,
            } => {
                let e = Event::End(EndEvent {
                    v: SCHEMA_VERSION,
                    session: session_id.as_str().into(),
                    at,
                    status,
                    pain_after,
                    note,
                    active_secs,
                });
                self.write(e, app);
            }
            Effect::LevelChosen {
                session_id,
                exercise,
                level,
                reason,
                at,
            } => {
                let e = Event::Level(LevelEvent {
                    v: SCHEMA_VERSION,
                    session: session_id.as_str().into(),
                    at,
                    exercise: exercise.as_str().into(),
                    level,
                    reason,
                });
                self.write(e, app);
                self.refresh(app);
            }
            Effect::RefreshHistory => self.refresh(app),
            Effect::RetrySave => {
                if self.pending.is_empty() {
                    app.status_line = Some("Nothing waiting to be saved.".into());
                } else {
                    self.flush(app);
                    self.refresh(app);
                }
            }
            Effect::Bell => {}
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

/// The keymap of the settings; `[keys]` problems become located diagnostics.
pub fn keymap(settings: &Settings) -> Result<Keymap, Error> {
    Keymap::from_settings(settings).map_err(Error::Config)
}

/// Loads the session log for the app: set-aside lines become a warning line, an
/// unreadable log a message (the app still opens; nothing is overwritten).
fn load_log(path: &std::path::Path) -> (History, Option<String>) {
    match log::load_history(path) {
        Ok((history, l)) => {
            let warn = (!l.set_aside.is_empty()).then(|| {
                format!(
                    "{} line(s) of the log could not be read and were set aside in {}",
                    l.set_aside.len(),
                    log::corrupt_path(path).display()
                )
            });
            (history, warn)
        }
        Err(e) => (History::default(), Some(e.to_string())),
    }
}

/// Opens the full-screen app, at the picker or straight into a routine.
pub fn run(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(), Error> {
    let keymap = keymap(&settings)?;
    if let Some(id) = start {
        catalog.find_routine(id)?;
    }
    let mut app = App::new(catalog, settings, keymap, run::now());
    app.nonce = std::process::id();
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // The log is read in the background (see `FileEffects::background`), so the
    // first frame does not wait for it; History, Stats and the resume offer
    // follow as soon as it is in.
    let mut effects = FileEffects::new(
        paths.clone(),
        app.settings.session.resume && start.is_none(),
    );
    if !paths.notice_marker().exists() {
        app.show_notice();
    }
    if let Some(id) = start {
        app.start_session(id);
    }
    let result =
        run::run(&mut app, &mut effects).map_err(|e| Error::Runtime(format!("terminal: {e}")));
    if !effects.pending.is_empty() {
        eprintln!(
            "upright: {} event(s) could not be saved to {}",
            effects.pending.len(),
            paths.log_file().display()
        );
    }
    result
}

/// The interrupted session to offer, if there is a recent one whose routine exists.
pub fn resume_offer(app: &App) -> Option<ResumeOffer> {
    let now = Local::now();
    let r = app
        .history
        .last_interrupted(&now, chrono::Duration::hours(RESUME_WINDOW_HOURS))?;
    let routine_id = r.session.routine.clone()?;
    let routine = app.catalog.routine(&routine_id)?;
    Some(ResumeOffer {
        session_id: r.session.id.to_string(),
        routine_id,
        routine_name: routine.name.clone(),
        next_index: r.next_index as usize,
        done: r.session.done_steps(),
    })
}
