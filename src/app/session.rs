//! A session in the app: starting it (after the pain question), passing the
//! user's commands to the engine, turning what the engine reports into cues,
//! log events and messages, and the end screen.

use super::dialogs::{Ask, Overlay, ResumeOffer};
use super::keymap::{Context, Key};
use super::{Action, App, Effect, Now, Screen};
use crate::model::cues;
use crate::model::event::{EndStatus, Event as LogEvent, session_id};
use crate::model::plan::Plan;
use crate::model::session::{Command, Event, Session, Status};

/// A session in progress, with what the screen needs around it.
#[derive(Debug, Clone)]
pub struct Running {
    pub session: Session,
    pub session_id: String,
    pub routine_id: String,
    pub routine_name: String,
    /// A one-line message for the user (e.g. the session paused itself).
    pub message: Option<String>,
    /// The session was running when the end dialog opened (resume on "keep going").
    pub was_running: bool,
    /// "This hurt" was just noted and can still be taken back.
    pub hurt: Option<HurtNote>,
    /// Said large for a few seconds ("New best!"), until the instant given.
    pub banner: Option<(String, std::time::Instant)>,
}

/// Said while a session waits for the log to be read.
pub(super) const READING_LOG: &str = "Reading your log…";

/// How long "New best!" and "Target reached" stay on the screen.
pub const BANNER: std::time::Duration = std::time::Duration::from_secs(4);

/// How long "this hurt" can be taken back (pressing its key again) after it was
/// noted; its sets go to the log once this has passed.
pub const HURT_TAKE_BACK: std::time::Duration = std::time::Duration::from_secs(10);

/// "This hurt", just noted: the session as it stood before (paused at that
/// moment), and the sets it ended, kept back from the log until the moment to
/// take it back has passed.
#[derive(Debug, Clone)]
pub struct HurtNote {
    pub before: Box<Session>,
    pub records: Vec<crate::model::record::SetRecord>,
    pub until: std::time::Instant,
    /// The sets of the command are still coming from the engine.
    collecting: bool,
}

/// The end-of-session screen: which session (its sets, times and counts come from
/// the history, as History shows them), how it ended, what the app suggests, and
/// the answers asked after it.
#[derive(Debug, Clone)]
pub struct Summary {
    pub session_id: String,
    pub routine_name: String,
    pub status: EndStatus,
    /// Level changes the app suggests after this session.
    pub suggestions: Vec<super::levels::Suggestion>,
    /// The holds of this session that beat the best before them.
    pub new_bests: Vec<crate::model::history::NewBest>,
    /// The pain score and note asked at the end, once given.
    pub pain_after: Option<u8>,
    pub note: Option<String>,
}

impl App {
    /// Starts a session of a routine (by id): asks the pain score first when the
    /// config says so. Unknown ids are ignored.
    pub fn start_session(&mut self, routine_id: &str) -> bool {
        let Some(i) = self.catalog.routines().position(|r| r.id == routine_id) else {
            return false;
        };
        // The routine about to start shows behind the question.
        self.selected = i;
        self.tab = super::Tab::Routines;
        if self.settings.session.ask_pain {
            self.ask(Ask::PainBefore {
                routine: routine_id.to_string(),
            });
        } else {
            self.pain_before = None;
            self.begin(routine_id, None);
        }
        true
    }

    /// Picks up an interrupted session where its log stops.
    pub(super) fn resume(&mut self, offer: &ResumeOffer) {
        self.pain_before = None;
        self.begin(
            &offer.routine_id,
            Some((offer.session_id.clone(), offer.next_index)),
        );
    }

    /// Starts the session now: a new one, or a resumed one (its id and first phase).
    pub(super) fn begin(&mut self, routine_id: &str, resume: Option<(String, usize)>) {
        if self.awaiting_history {
            // The levels and bests come from the log: begin once it is in.
            self.pending_begin = Some((routine_id.to_string(), resume));
            self.status_line = Some(READING_LOG.to_string());
            return;
        }
        let Some(routine) = self.catalog.routine(routine_id) else {
            return;
        };
        // Each open hold aims at the best at its level and a step more.
        let beat_by = self.settings.progress.beat_by;
        let steps: Vec<_> = self
            .catalog
            .resolve(routine, &|id| self.current_level(id))
            .into_iter()
            .map(|s| {
                let best = self.history.best_hold(&s.exercise_id, s.level as u32);
                s.with_best(best.map(|(d, _)| d), beat_by)
            })
            .collect();
        let plan = Plan::build(&steps, &self.settings.timer);
        let planned_steps = plan.work_phases().count() as u32;
        let (id, first) = match resume {
            Some((id, index)) => (id, index),
            None => (session_id(self.now.wall, &self.host, self.nonce), 0),
        };
        let session = Session::start_at(plan, self.settings.timer.clone(), self.now.mono, first);
        let names = (routine.id.clone(), routine.name.clone());
        if let Some(i) = self.catalog.routines().position(|r| r.id == routine_id) {
            self.selected = i;
        }
        self.record(LogEvent::start(
            &id,
            (&names.0, &names.1),
            self.pain_before,
            planned_steps,
            self.now.wall,
        ));
        self.screen = Screen::Session(Box::new(Running {
            session,
            session_id: id,
            routine_id: names.0,
            routine_name: names.1,
            message: None,
            was_running: false,
            hurt: None,
            banner: None,
        }));
        self.drain_session_events();
    }

    pub(super) fn session_action(&mut self, action: Action) {
        if action == Action::Hurt && self.take_back_hurt() {
            return;
        }
        // Any other command closes the moment to take "this hurt" back.
        self.commit_hurt();
        let now = self.now.mono;
        let Screen::Session(r) = &mut self.screen else {
            return;
        };
        if action == Action::Hurt {
            self.note_hurt();
            return;
        }
        let cmd = match action {
            Action::Pause => Some(Command::TogglePause),
            Action::Next => Some(Command::Next),
            Action::Previous => Some(Command::Previous),
            Action::Done => Some(Command::Done),
            Action::AddTime => Some(Command::Adjust(true)),
            Action::RemoveTime => Some(Command::Adjust(false)),
            _ => None,
        };
        if let Some(cmd) = cmd {
            r.message = None;
            r.session.apply(cmd, now);
            return;
        }
        match action {
            Action::Focus => self.focus = !self.focus,
            Action::Mute => {
                self.muted = !self.muted;
                let word = if self.muted {
                    "Sound muted."
                } else {
                    "Sound on."
                };
                r.message = Some(word.into());
            }
            Action::EndSession | Action::Back => {
                r.was_running = r.session.status() == Status::Running;
                r.session.apply(Command::Pause, now);
                self.show(Overlay::ConfirmEnd);
            }
            Action::Quit => self.quit_app(),
            Action::Help => self.show(Overlay::Help),
            _ => {}
        }
    }

    /// "Keep going" in the end dialog: the session runs on if it was running.
    pub(super) fn keep_going(&mut self) {
        let now = self.now.mono;
        if let Screen::Session(r) = &mut self.screen
            && r.was_running
        {
            r.session.apply(Command::Resume, now);
        }
    }

    /// Ends the running session early with the given status (partial or abandoned).
    pub fn end_session(&mut self, status: EndStatus) {
        self.commit_hurt();
        let now = self.now;
        if let Screen::Session(r) = &mut self.screen {
            r.session.end_early(now.mono);
        }
        self.drain_session_events();
        self.finish(status);
    }

    /// Leaves the app at once (a signal, or the terminal went away), ending a
    /// session in progress (it ended early, keeping what was done) and asking
    /// nothing: events not saved by the end are written elsewhere and said.
    pub fn shutdown(&mut self) {
        self.quit_app();
        self.quit_anyway = true;
    }

    /// The key to press for a session action, as the hint bar writes it ("Space").
    pub fn session_key(&self, action: Action) -> String {
        self.keymap
            .keys(Context::Session, action)
            .first()
            .map_or_else(|| action.name().to_string(), Key::short)
    }

    /// Pauses a running session before the process is stopped (Ctrl-Z).
    pub fn pause_for_suspend(&mut self, now: Now) {
        self.tick(now);
        let key = self.session_key(Action::Pause);
        if let Screen::Session(r) = &mut self.screen {
            r.session.apply(Command::Pause, now.mono);
            r.message = Some(format!(
                "Paused while upright was in the background. Press {key} to go on."
            ));
        }
    }

    /// The cues of the exercise the session is at, which take turns on the
    /// screen during work.
    pub fn cues_of(&self, r: &Running) -> &[String] {
        r.session
            .current()
            .and_then(|p| r.session.plan().steps.get(p.step))
            .and_then(|step| self.catalog.exercise(&step.exercise_id))
            .map_or(&[], |e| e.cues.as_slice())
    }

    /// Whether a session is in progress (for saving on SIGTERM and the like).
    pub fn in_session(&self) -> bool {
        matches!(self.screen, Screen::Session(_))
    }

    /// The session is over: its end goes to the log at once, then the end screen
    /// shows and the questions after it are asked.
    fn finish(&mut self, status: EndStatus) {
        let Screen::Session(r) = &self.screen else {
            return;
        };
        let active = r.session.active_work(self.now.mono).as_secs_f64();
        let end = LogEvent::end(&r.session_id, status, active, self.now.wall);
        let summary = Summary {
            session_id: r.session_id.clone(),
            routine_name: r.routine_name.clone(),
            status,
            suggestions: Vec::new(),
            new_bests: Vec::new(),
            pain_after: None,
            note: None,
        };
        self.record(end);
        self.screen = Screen::Summary(Box::new(summary));
        // Remove any prompt of the session (e.g. the end dialog).
        self.queued.retain(|o| !matches!(o, Overlay::ConfirmEnd));
        if status != EndStatus::Abandoned && self.settings.session.ask_pain {
            self.ask(Ask::PainAfter);
        }
        self.refresh_figures();
    }

    /// The answers after the session go to the log, if any was given.
    pub(super) fn write_answers(&mut self) {
        let Screen::Summary(s) = &self.screen else {
            return;
        };
        if s.pain_after.is_none() && s.note.is_none() {
            return;
        }
        let event = LogEvent::after(&s.session_id, s.pain_after, s.note.clone(), self.now.wall);
        self.record(event);
        self.refresh_figures();
    }

    /// Turns the session's events into cues (sounds, phrases, the bell), log
    /// events and screen changes.
    pub(super) fn drain_session_events(&mut self) {
        let Screen::Session(r) = &mut self.screen else {
            return;
        };
        let events = r.session.take_events();
        if events.is_empty() {
            return;
        }
        let session = r.session_id.clone();
        let announcement = cues::announcement(&r.session, &events);
        if self.plain {
            let lines = events.iter().filter_map(|e| cues::line(&r.session, e));
            self.effects.extend(lines.map(Effect::Line));
        }
        let mut completed = false;
        let mut finished = Vec::new();
        for e in events {
            match e {
                Event::WorkEnded(record) => finished.push(record),
                Event::SuspendDetected { gap } => {
                    r.message = Some(suspend_message(&self.keymap, gap));
                }
                Event::Completed => completed = true,
                Event::PassedBest { .. } => {
                    r.banner = Some(("New best!".into(), self.now.mono + BANNER));
                }
                Event::ReachedTarget { .. } => {
                    // A new best says more than the target it passed on the way.
                    if r.banner.is_none() {
                        r.banner = Some(("Target reached!".into(), self.now.mono + BANNER));
                    }
                }
                Event::PhaseStarted { .. }
                | Event::Waiting { .. }
                | Event::Countdown { .. }
                | Event::TempoCue { .. } => {}
            }
        }
        match r.hurt.as_mut().filter(|h| h.collecting) {
            Some(note) => {
                note.records.extend(finished);
                note.collecting = false;
            }
            None => {
                for record in finished {
                    self.record(LogEvent::step(&session, &record, self.now.wall));
                }
            }
        }
        self.announce(announcement);
        if completed {
            // Nothing is left to take back once the session is over.
            self.commit_hurt();
            self.finish(EndStatus::Completed);
        }
    }
}

impl App {
    /// "This hurt": the engine skips the rest of the exercise (after a breather),
    /// the screen says so, and the user can take it back for a few seconds.
    fn note_hurt(&mut self) {
        let now = self.now.mono;
        let hurt_key = self.session_key(Action::Hurt);
        let Screen::Session(r) = &mut self.screen else {
            return;
        };
        let Some(phase) = r.session.current() else {
            return;
        };
        let name = r.session.plan().steps[phase.step].exercise_name.clone();
        let mut before = r.session.clone();
        before.apply(Command::Pause, now);
        r.session.apply(Command::Hurt, now);
        r.hurt = Some(HurtNote {
            before: Box::new(before),
            records: Vec::new(),
            until: now + HURT_TAKE_BACK,
            collecting: true,
        });
        r.message = Some(format!(
            "Noted: this hurt. Skipping the rest of {name}. Press {hurt_key} to take it back."
        ));
    }

    /// Takes back "this hurt" while it can be: the session is put back where it
    /// was, paused, and nothing of it reaches the log. False when there is none.
    fn take_back_hurt(&mut self) -> bool {
        let now = self.now.mono;
        let pause_key = self.session_key(Action::Pause);
        let Screen::Session(r) = &mut self.screen else {
            return false;
        };
        let Some(note) = r.hurt.take_if(|n| now < n.until) else {
            return false;
        };
        r.session = *note.before;
        // Events the snapshot queued before it was taken were already handled.
        r.session.take_events();
        let name = r
            .session
            .current()
            .map(|p| r.session.plan().steps[p.step].exercise_name.clone())
            .unwrap_or_default();
        r.message = Some(format!(
            "Taken back: {name} goes on. Press {pause_key} when you are ready."
        ));
        true
    }

    /// The moment to take "this hurt" back has passed (or another command came):
    /// its sets go to the log.
    pub(super) fn commit_hurt(&mut self) {
        let Screen::Session(r) = &mut self.screen else {
            return;
        };
        let Some(note) = r.hurt.take() else {
            return;
        };
        if r.message
            .as_deref()
            .is_some_and(|m| m.starts_with("Noted: this hurt"))
        {
            r.message = None;
        }
        let session = r.session_id.clone();
        for record in note.records {
            self.record(LogEvent::step(&session, &record, self.now.wall));
        }
    }
}

/// What the session says when it paused itself because the computer slept.
fn suspend_message(keymap: &super::keymap::Keymap, gap: std::time::Duration) -> String {
    let pause_key = keymap
        .keys(Context::Session, Action::Pause)
        .first()
        .map_or_else(|| "the pause key".to_string(), Key::short);
    format!(
        "Paused: the computer seemed to sleep for {}. Press {pause_key} to go on.",
        crate::model::duration::format_short(gap)
    )
}
