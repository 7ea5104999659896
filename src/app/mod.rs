//! The application state and its update function. No terminal and no files here:
//! keys come in as actions, and whatever must happen outside (a bell, a log line)
//! goes out as an [`Effect`] for the runner to carry out.

pub mod action;
pub mod editor;
mod input;
pub mod keymap;
pub mod run;

use std::time::Instant;

use chrono::{DateTime, FixedOffset};

pub use action::Action;
use keymap::{Context, Key, Keymap};

use crate::model::catalog::Catalog;
use crate::model::plan::Plan;
use crate::model::routine::Routine;
use crate::model::session::{Command, Event, Session, Status, WorkRecord};
use crate::model::settings::Settings;

/// The moment an update happens: a monotonic instant for durations and the wall
/// clock (with the local offset) for timestamps.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub mono: Instant,
    pub wall: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
pub enum Tab {
    Routines,
    History,
    Stats,
}

impl Tab {
    pub const ALL: &'static [Tab] = <Tab as strum::VariantArray>::VARIANTS;
    pub fn title(self) -> &'static str {
        self.into()
    }
    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

pub use crate::model::event::EndStatus;
use crate::model::event::LevelReason;
use crate::model::history::{Calendar, History, Stats};

/// Something the runner must do outside the app state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Ring the terminal bell.
    Bell,
    SessionStarted {
        session_id: String,
        routine_id: String,
        routine_name: String,
        pain_before: Option<u8>,
        planned_steps: u32,
        at: DateTime<FixedOffset>,
    },
    StepDone {
        session_id: String,
        record: WorkRecord,
        at: DateTime<FixedOffset>,
    },
    SessionEnded {
        session_id: String,
        status: EndStatus,
        active_secs: f64,
        pain_after: Option<u8>,
        note: Option<String>,
        at: DateTime<FixedOffset>,
    },
    /// The user took a suggested level for an exercise.
    LevelChosen {
        session_id: String,
        exercise: String,
        level: u32,
        reason: LevelReason,
        at: DateTime<FixedOffset>,
    },
    /// The first-run safety notice was read; do not show it again.
    NoticeSeen,
    /// The log changed: rebuild the history and stats.
    RefreshHistory,
    /// Write this routine into the user's routines.toml; report with
    /// [`App::routine_saved`].
    SaveRoutine { routine: Routine },
    /// Take this routine out of the user's routines.toml; report with
    /// [`App::routine_removed`].
    DeleteRoutine { id: String },
    /// Write again the log events that could not be saved.
    RetrySave,
}

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
}

/// What the end-of-session screen shows.
#[derive(Debug, Clone)]
pub struct Summary {
    pub routine_name: String,
    pub status: EndStatus,
    pub wall_secs: f64,
    pub active_secs: f64,
    pub records: Vec<WorkRecord>,
    /// Work phases of the plan never reached.
    pub not_reached: usize,
    pub session_id: String,
    /// Level changes the app suggests after this session.
    pub suggestions: Vec<Suggestion>,
    /// The pain score and note asked at the end, once given.
    pub pain_after: Option<u8>,
    pub note: Option<String>,
}

/// "Ready for the next level" (or, after it hurt, an easier one).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub exercise: String,
    pub exercise_name: String,
    pub from: u32,
    pub to: u32,
    pub level_name: String,
    pub reason: LevelReason,
    pub accepted: bool,
}

/// An interrupted session the user can pick up again.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeOffer {
    pub session_id: String,
    pub routine_id: String,
    pub routine_name: String,
    /// The plan phase to start from.
    pub next_index: usize,
    /// Work phases already logged.
    pub done: usize,
}

/// What a text prompt is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Pain before starting `routine`.
    PainBefore {
        routine: String,
    },
    PainAfter,
    Note,
}

#[derive(Debug, Clone)]
pub enum Screen {
    Main,
    Session(Box<Running>),
    Summary(Box<Summary>),
    Editor(Box<editor::EditorState>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The first-run safety notice.
    Notice,
    /// "End session? save partial / discard / keep going"
    ConfirmEnd,
    /// A question with typed input: a pain score (0-10) or a note.
    Prompt {
        ask: Ask,
        input: String,
    },
    /// "Resume the interrupted session?"
    Resume,
}

/// The question of a pain prompt.
pub const PAIN_QUESTION: &str = "How is your upper back right now? 0-10";

pub struct App {
    pub catalog: Catalog,
    pub settings: Settings,
    pub keymap: Keymap,
    pub tab: Tab,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The selected routine in the picker.
    pub selected: usize,
    pub muted: bool,
    /// `NO_COLOR` was set: draw in the mono theme whatever the config says.
    pub no_color: bool,
    pub quit: bool,
    /// The latest moment seen; views read the time from here.
    pub now: Now,
    /// Distinguishes session ids started in the same second (the process id).
    pub nonce: u32,
    /// A line shown in the status bar (errors from the runner, confirmations).
    pub status_line: Option<String>,
    /// Set while log events are kept in memory because writing them failed: why,
    /// shown in the status bar until they are saved.
    pub unsaved: Option<String>,
    /// The longest open hold so far per exercise id, in seconds (from the history).
    pub best_holds: std::collections::HashMap<String, f64>,
    /// Every past session, rebuilt from the log by the runner.
    pub history: History,
    /// Figures of the Stats view, worked out by the runner in local time.
    pub stats: Option<Stats>,
    pub calendar: Option<Calendar>,
    /// The selected session in the History list (0 = newest shown).
    pub history_selected: usize,
    /// Show only sessions of this routine id in History.
    pub history_filter: Option<String>,
    /// History shows the selected session's steps.
    pub history_details: bool,
    /// Overlays waiting their turn (e.g. the resume offer after the notice).
    pub queued: Vec<Overlay>,
    pub resume_offer: Option<ResumeOffer>,
    /// The pain score given before the session in progress.
    pain_before: Option<u8>,
    /// A finished session whose end is not written yet (waiting for its questions).
    pending_end: Option<EndStatus>,
    effects: Vec<Effect>,
}

impl App {
    pub fn new(catalog: Catalog, settings: Settings, keymap: Keymap, now: Now) -> App {
        App {
            catalog,
            settings,
            keymap,
            tab: Tab::Routines,
            screen: Screen::Main,
            overlay: None,
            selected: 0,
            muted: false,
            no_color: false,
            quit: false,
            now,
            nonce: 0,
            status_line: None,
            unsaved: None,
            best_holds: std::collections::HashMap::new(),
            history: History::default(),
            stats: None,
            calendar: None,
            history_selected: 0,
            history_filter: None,
            history_details: false,
            queued: Vec::new(),
            resume_offer: None,
            pain_before: None,
            pending_end: None,
            effects: Vec::new(),
        }
    }

    /// Shows an overlay now, or after the one already open.
    fn show(&mut self, overlay: Overlay) {
        if self.overlay.is_none() {
            self.overlay = Some(overlay);
        } else {
            self.queued.push(overlay);
        }
    }

    /// Closes the current overlay and opens the next one waiting, if any.
    fn close_overlay(&mut self) {
        self.overlay = if self.queued.is_empty() {
            None
        } else {
            Some(self.queued.remove(0))
        };
    }

    /// Shows the safety notice (first run).
    pub fn show_notice(&mut self) {
        self.show(Overlay::Notice);
    }

    /// Offers to resume an interrupted session.
    pub fn offer_resume(&mut self, offer: ResumeOffer) {
        self.resume_offer = Some(offer);
        self.show(Overlay::Resume);
    }

    /// Takes a new history (the runner rebuilt it from the log) with its stats.
    pub fn set_history(
        &mut self,
        history: History,
        stats: Option<Stats>,
        calendar: Option<Calendar>,
    ) {
        self.best_holds.clear();
        for b in history.bests() {
            if let crate::model::history::BestValue::Hold { secs } = b.value {
                self.best_holds.insert(b.exercise.to_string(), secs);
            }
        }
        self.history = history;
        self.stats = stats;
        self.calendar = calendar;
        let shown = self.history_rows().len();
        self.history_selected = self.history_selected.min(shown.saturating_sub(1));
        self.suggest_levels();
    }

    /// The user's current level of an exercise (the last one they took), if any.
    pub fn current_level(&self, exercise: &str) -> Option<usize> {
        self.history.current_level(exercise).map(|l| l as usize)
    }

    /// Indices into `history.sessions()` shown in History, newest first.
    pub fn history_rows(&self) -> Vec<usize> {
        let sessions = self.history.sessions();
        (0..sessions.len())
            .rev()
            .filter(|&i| match &self.history_filter {
                Some(f) => sessions[i].routine.as_deref() == Some(f.as_str()),
                None => true,
            })
            .collect()
    }

    /// The user's longest open hold of an exercise, in seconds.
    pub fn best_hold(&self, exercise_id: &str) -> Option<f64> {
        self.best_holds.get(exercise_id).copied()
    }

    /// Takes what the runner must do.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The keymap context of the view showing now (a dialog open over it has its
    /// own: [`Overlay::context`], [`editor::Modal::context`]).
    pub fn context(&self) -> Context {
        match (&self.screen, self.tab) {
            (Screen::Session(_), _) => Context::Session,
            (Screen::Summary(_), _) => Context::Summary,
            (Screen::Editor(_), _) => Context::Editor,
            (Screen::Main, Tab::Routines) => Context::Picker,
            (Screen::Main, Tab::History) => Context::History,
            (Screen::Main, Tab::Stats) => Context::Global,
        }
    }

    /// The session in progress, if any.
    pub fn running(&self) -> Option<&Running> {
        match &self.screen {
            Screen::Session(r) => Some(r),
            _ => None,
        }
    }

    /// When the app next needs to wake by itself (`None`: only input matters).
    pub fn next_wake(&self) -> Option<Instant> {
        match &self.screen {
            Screen::Session(r) => r.session.next_wake(self.now.mono),
            _ => None,
        }
    }

    /// The clock moved on: bring the session up to date.
    pub fn tick(&mut self, now: Now) {
        self.now = now;
        if let Screen::Session(r) = &mut self.screen {
            r.session.tick(now.mono);
        }
        self.drain_session_events();
    }

    /// What the user answered to a prompt (`None`: skipped).
    fn answer(&mut self, ask: Ask, answer: Option<String>) {
        let pain = answer
            .as_deref()
            .and_then(|a| a.parse::<u8>().ok())
            .filter(|v| *v <= 10);
        match ask {
            Ask::PainBefore { routine } => {
                self.pain_before = pain;
                self.begin(&routine, None);
            }
            Ask::PainAfter => {
                if let Screen::Summary(s) = &mut self.screen {
                    s.pain_after = pain;
                }
                self.show(Overlay::Prompt {
                    ask: Ask::Note,
                    input: String::new(),
                });
            }
            Ask::Note => {
                if let Screen::Summary(s) = &mut self.screen {
                    s.note = answer;
                }
                self.write_end();
            }
        }
    }

    /// Applies an action at `now`.
    pub fn update(&mut self, action: Action, now: Now) {
        self.now = now;
        self.status_line = None;
        if action == Action::RetrySave {
            self.effects.push(Effect::RetrySave);
            return;
        }
        match &self.screen {
            Screen::Session(_) => self.session_action(action),
            Screen::Summary(_) => match action {
                Action::Back | Action::Done | Action::Start => {
                    self.write_end();
                    self.screen = Screen::Main;
                }
                Action::AcceptLevel => self.accept_level(),
                Action::Quit => self.shutdown(),
                Action::Help => self.show(Overlay::Help),
                _ => {}
            },
            Screen::Main => self.main_action(action),
            Screen::Editor(_) => self.editor_action(action),
        }
        self.drain_session_events();
    }

    fn main_action(&mut self, action: Action) {
        match action {
            Action::Quit | Action::Back => self.quit = true,
            Action::Help => self.show(Overlay::Help),
            Action::NextTab => self.tab = Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()],
            Action::PrevTab => {
                self.tab = Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
            }
            Action::TabRoutines => self.tab = Tab::Routines,
            Action::TabHistory => self.tab = Tab::History,
            Action::TabStats => self.tab = Tab::Stats,
            Action::Up if self.tab == Tab::Routines => {
                self.selected = self.selected.saturating_sub(1)
            }
            Action::Down if self.tab == Tab::Routines => {
                let n = self.catalog.routines().len();
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
            }
            Action::Start | Action::Edit if self.tab == Tab::Routines => {
                let id = self
                    .catalog
                    .routines()
                    .nth(self.selected)
                    .map(|r| r.id.clone());
                match (id, action) {
                    (Some(id), Action::Start) => {
                        self.start_session(&id);
                    }
                    (Some(id), _) => {
                        self.open_editor(&id);
                    }
                    (None, _) => {}
                }
            }
            Action::Up if self.tab == Tab::History => {
                self.history_selected = self.history_selected.saturating_sub(1);
            }
            Action::Down if self.tab == Tab::History => {
                let n = self.history_rows().len();
                self.history_selected = (self.history_selected + 1).min(n.saturating_sub(1));
            }
            Action::Details if self.tab == Tab::History => {
                self.history_details = !self.history_details
            }
            Action::Filter if self.tab == Tab::History => self.cycle_filter(),
            Action::NewRoutine if self.tab == Tab::Routines => self.new_routine(),
            _ => {}
        }
    }

    /// Filters History by the next routine that has sessions (then back to all).
    fn cycle_filter(&mut self) {
        let mut routines: Vec<String> = Vec::new();
        for s in self.history.sessions() {
            if let Some(r) = &s.routine
                && !routines.contains(r)
            {
                routines.push(r.clone());
            }
        }
        self.history_filter = match &self.history_filter {
            None => routines.first().cloned(),
            Some(cur) => routines
                .iter()
                .position(|r| r == cur)
                .and_then(|i| routines.get(i + 1))
                .cloned(),
        };
        self.history_selected = 0;
    }

    /// Starts a session of a routine (by id): asks the pain score first when the
    /// config says so. Unknown ids are ignored.
    pub fn start_session(&mut self, routine_id: &str) -> bool {
        if self.catalog.routine(routine_id).is_none() {
            return false;
        }
        if self.settings.session.ask_pain {
            self.show(Overlay::Prompt {
                ask: Ask::PainBefore {
                    routine: routine_id.to_string(),
                },
                input: String::new(),
            });
        } else {
            self.pain_before = None;
            self.begin(routine_id, None);
        }
        true
    }

    /// Picks up an interrupted session where its log stops.
    fn resume(&mut self, offer: &ResumeOffer) {
        self.pain_before = None;
        self.begin(
            &offer.routine_id,
            Some((offer.session_id.clone(), offer.next_index)),
        );
    }

    /// Starts the session now: a new one, or a resumed one (its id and first phase).
    fn begin(&mut self, routine_id: &str, resume: Option<(String, usize)>) {
        let Some(routine) = self.catalog.routine(routine_id) else {
            return;
        };
        let steps = self.catalog.resolve(routine, &|id| self.current_level(id));
        let plan = Plan::build(&steps, &self.settings.timer);
        let planned_steps = plan.work_phases().count() as u32;
        let (session_id, first) = match resume {
            Some((id, index)) => (id, index),
            None => (
                crate::model::event::session_id(self.now.wall, self.nonce),
                0,
            ),
        };
        let session = Session::start_at(plan, self.settings.timer.clone(), self.now.mono, first);
        self.effects.push(Effect::SessionStarted {
            session_id: session_id.clone(),
            routine_id: routine.id.clone(),
            routine_name: routine.name.clone(),
            pain_before: self.pain_before,
            planned_steps,
            at: self.now.wall,
        });
        if let Some(i) = self.catalog.routines().position(|r| r.id == routine_id) {
            self.selected = i;
        }
        self.screen = Screen::Session(Box::new(Running {
            session,
            session_id,
            routine_id: routine.id.clone(),
            routine_name: routine.name.clone(),
            message: None,
            was_running: false,
        }));
        self.drain_session_events();
    }

    fn session_action(&mut self, action: Action) {
        let now = self.now.mono;
        let Screen::Session(r) = &mut self.screen else {
            return;
        };
        let cmd = match action {
            Action::Pause => Some(Command::TogglePause),
            Action::Next => Some(Command::Next),
            Action::Previous => Some(Command::Previous),
            Action::Done => Some(Command::Done),
            Action::AddTime => Some(Command::Adjust(true)),
            Action::RemoveTime => Some(Command::Adjust(false)),
            Action::Hurt => Some(Command::Hurt),
            _ => None,
        };
        if let Some(cmd) = cmd {
            r.message = None;
            r.session.apply(cmd, now);
            return;
        }
        match action {
            Action::Mute => {
                self.muted = !self.muted;
                r.message = Some(
                    if self.muted {
                        "Bell muted."
                    } else {
                        "Bell on."
                    }
                    .into(),
                );
            }
            Action::EndSession | Action::Back => {
                r.was_running = r.session.status() == Status::Running;
                r.session.apply(Command::Pause, now);
                self.show(Overlay::ConfirmEnd);
            }
            Action::Quit => self.shutdown(),
            Action::Help => self.show(Overlay::Help),
            _ => {}
        }
    }

    /// Ends the running session early with the given status (partial or abandoned).
    pub fn end_session(&mut self, status: EndStatus) {
        let now = self.now;
        if let Screen::Session(r) = &mut self.screen {
            r.session.end_early(now.mono);
        }
        self.drain_session_events();
        self.finish(status);
    }

    /// Leaves the app, saving what a session in progress has done (partial) and
    /// writing the end of a finished one whose questions were not answered.
    pub fn shutdown(&mut self) {
        if self.in_session() {
            self.end_session(EndStatus::Partial);
        }
        self.write_end();
        self.quit = true;
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

    /// Whether a session is in progress (for saving on SIGTERM and the like).
    pub fn in_session(&self) -> bool {
        matches!(self.screen, Screen::Session(_))
    }

    fn finish(&mut self, status: EndStatus) {
        let Screen::Session(r) = &self.screen else {
            return;
        };
        let now = self.now;
        let s = &r.session;
        let done: Vec<usize> = s.records().iter().map(|x| x.phase).collect();
        let not_reached = s.plan().work_phases().filter(|i| !done.contains(i)).count();
        let active = s.active_work(now.mono).as_secs_f64();
        let summary = Summary {
            routine_name: r.routine_name.clone(),
            status,
            wall_secs: s.wall(now.mono).as_secs_f64(),
            active_secs: active,
            records: s.records().to_vec(),
            not_reached,
            session_id: r.session_id.clone(),
            suggestions: Vec::new(),
            pain_after: None,
            note: None,
        };
        self.screen = Screen::Summary(Box::new(summary));
        self.pending_end = Some(status);
        // Remove any prompt of the session (e.g. the end dialog).
        self.queued.retain(|o| !matches!(o, Overlay::ConfirmEnd));
        if status != EndStatus::Abandoned && self.settings.session.ask_pain {
            self.show(Overlay::Prompt {
                ask: Ask::PainAfter,
                input: String::new(),
            });
        } else {
            self.write_end();
        }
        self.effects.push(Effect::RefreshHistory);
    }

    /// Writes the session's end event once (after the end questions, or on leaving).
    fn write_end(&mut self) {
        let Some(status) = self.pending_end.take() else {
            return;
        };
        let Screen::Summary(s) = &self.screen else {
            return;
        };
        self.effects.push(Effect::SessionEnded {
            session_id: s.session_id.clone(),
            status,
            active_secs: s.active_secs,
            pain_after: s.pain_after,
            note: s.note.clone(),
            at: self.now.wall,
        });
        self.effects.push(Effect::RefreshHistory);
    }

    /// Works out level suggestions for the summary from the (refreshed) history.
    fn suggest_levels(&mut self) {
        let Screen::Summary(summary) = &mut self.screen else {
            return;
        };
        let mut out: Vec<Suggestion> = Vec::new();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for r in &summary.records {
            let key = (r.exercise_id.clone(), r.level);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let Some(ex) = self.catalog.exercise(&r.exercise_id) else {
                continue;
            };
            let level = r.level as u32;
            let hurt = summary
                .records
                .iter()
                .any(|x| x.exercise_id == r.exercise_id && x.hurt);
            let (to, reason) = if hurt && level > 1 {
                (level - 1, LevelReason::Easier)
            } else if !hurt
                && (level as usize) < ex.levels.len()
                && self.history.suggest_next_level(&r.exercise_id, level)
            {
                (level + 1, LevelReason::Progress)
            } else {
                continue;
            };
            let accepted = summary
                .suggestions
                .iter()
                .any(|s| s.exercise == r.exercise_id && s.to == to && s.accepted);
            out.push(Suggestion {
                exercise: r.exercise_id.clone(),
                exercise_name: r.exercise_name.clone(),
                from: level,
                to,
                level_name: ex
                    .level(to as usize)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                reason,
                accepted,
            });
        }
        summary.suggestions = out;
    }

    /// Takes the first suggestion not yet taken.
    fn accept_level(&mut self) {
        let Screen::Summary(summary) = &mut self.screen else {
            return;
        };
        let Some(s) = summary.suggestions.iter_mut().find(|s| !s.accepted) else {
            return;
        };
        s.accepted = true;
        self.effects.push(Effect::LevelChosen {
            session_id: summary.session_id.clone(),
            exercise: s.exercise.clone(),
            level: s.to,
            reason: s.reason,
            at: self.now.wall,
        });
        self.status_line = Some(format!(
            "{}: level {} from the next session on.",
            s.exercise_name, s.to
        ));
    }

    /// Turns the session's events into bells, log lines and screen changes.
    fn drain_session_events(&mut self) {
        let Screen::Session(r) = &mut self.screen else {
            return;
        };
        let events = r.session.take_events();
        if events.is_empty() {
            return;
        }
        let bell = self.settings.sound.bell && !self.muted;
        let countdown = bell && self.settings.sound.countdown;
        let mut rang = false;
        let mut completed = false;
        for e in events {
            match e {
                // A phase starts, or (auto-advance off) one ends and waits.
                Event::PhaseStarted { .. } | Event::Waiting { .. } => rang |= bell,
                Event::Countdown { .. } => rang |= countdown,
                Event::WorkEnded(record) => self.effects.push(Effect::StepDone {
                    session_id: r.session_id.clone(),
                    record,
                    at: self.now.wall,
                }),
                Event::SuspendDetected { gap } => {
                    let pause_key = self
                        .keymap
                        .keys(Context::Session, Action::Pause)
                        .first()
                        .map_or_else(|| "the pause key".to_string(), Key::short);
                    r.message = Some(format!(
                        "Paused: the computer seemed to sleep for {}. Press {pause_key} to go on.",
                        crate::model::duration::format_short(gap)
                    ));
                }
                Event::Completed => completed = true,
                Event::TempoCue { .. } => {}
            }
        }
        if rang {
            self.effects.push(Effect::Bell);
        }
        if completed {
            self.finish(EndStatus::Completed);
        }
    }
}
