//! The application state and its update function. No terminal and no files here:
//! keys come in as actions, and whatever must happen outside (a bell, a log line)
//! goes out as an [`Effect`] for the runner to carry out.

pub mod action;
pub mod editor;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Routines,
    History,
    Stats,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Routines, Tab::History, Tab::Stats];
    pub fn title(self) -> &'static str {
        match self {
            Tab::Routines => "Routines",
            Tab::History => "History",
            Tab::Stats => "Stats",
        }
    }
    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// How a session ended, as the log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndStatus {
    Completed,
    Partial,
    Abandoned,
}

impl EndStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EndStatus::Completed => "completed",
            EndStatus::Partial => "partial",
            EndStatus::Abandoned => "abandoned",
        }
    }
}

/// Something the runner must do outside the app state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Ring the terminal bell.
    Bell,
    SessionStarted {
        session_id: String,
        routine_id: String,
        routine_name: String,
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
        at: DateTime<FixedOffset>,
    },
    /// The first-run safety notice was read; do not show it again.
    NoticeSeen,
    /// Write this routine into the user's routines.toml; report with
    /// [`App::routine_saved`].
    SaveRoutine { routine: Routine },
    /// Take this routine out of the user's routines.toml; report with
    /// [`App::routine_removed`].
    DeleteRoutine { id: String },
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
}

#[derive(Debug, Clone)]
pub enum Screen {
    Main,
    Session(Box<Running>),
    Summary(Box<Summary>),
    Editor(Box<editor::EditorState>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The first-run safety notice.
    Notice,
    /// "End session? save partial / discard / keep going"
    ConfirmEnd,
}

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
    /// The longest open hold so far per exercise id, in seconds (from the history).
    pub best_holds: std::collections::HashMap<String, f64>,
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
            best_holds: std::collections::HashMap::new(),
            effects: Vec::new(),
        }
    }

    /// Shows the safety notice (first run).
    pub fn show_notice(&mut self) {
        self.overlay = Some(Overlay::Notice);
    }

    /// The user's longest open hold of an exercise, in seconds.
    pub fn best_hold(&self, exercise_id: &str) -> Option<f64> {
        self.best_holds.get(exercise_id).copied()
    }

    /// Takes what the runner must do.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Which keymap context applies now.
    pub fn context(&self) -> Context {
        match (&self.screen, self.tab) {
            (Screen::Session(_), _) => Context::Session,
            (Screen::Summary(_), _) => Context::Global,
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

    /// A key was pressed.
    pub fn key(&mut self, key: Key, now: Now) {
        self.tick(now);
        if let Some(overlay) = self.overlay {
            self.overlay_key(overlay, key);
            return;
        }
        if self.editor_key(key) {
            return;
        }
        let ctx = self.context();
        if let Some(action) = self.keymap.action(ctx, key) {
            self.update(action, now);
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: Key) {
        use ratatui::crossterm::event::KeyCode;
        match overlay {
            Overlay::Help => self.overlay = None,
            Overlay::Notice => {
                if matches!(key.code, KeyCode::Enter | KeyCode::Esc | KeyCode::Char(' ')) {
                    self.overlay = None;
                    self.effects.push(Effect::NoticeSeen);
                } else if key == Key::ctrl('c') {
                    self.quit = true;
                }
            }
            Overlay::ConfirmEnd => match key.code {
                KeyCode::Char('s') | KeyCode::Char('S') => {
                    self.overlay = None;
                    self.end_session(EndStatus::Partial);
                }
                KeyCode::Char('d') | KeyCode::Char('D') => {
                    self.overlay = None;
                    self.end_session(EndStatus::Abandoned);
                }
                KeyCode::Char('k') | KeyCode::Char('K') | KeyCode::Esc | KeyCode::Enter => {
                    self.overlay = None;
                    let now = self.now.mono;
                    if let Screen::Session(r) = &mut self.screen
                        && r.was_running
                    {
                        r.session.apply(Command::Resume, now);
                    }
                }
                KeyCode::Char('c')
                    if key
                        .mods
                        .contains(ratatui::crossterm::event::KeyModifiers::CONTROL) =>
                {
                    self.overlay = None;
                    self.end_session(EndStatus::Partial);
                    self.quit = true;
                }
                _ => {}
            },
        }
    }

    /// Applies an action at `now`.
    pub fn update(&mut self, action: Action, now: Now) {
        self.now = now;
        self.status_line = None;
        match &self.screen {
            Screen::Session(_) => self.session_action(action),
            Screen::Summary(_) => match action {
                Action::Back | Action::Done | Action::Start => self.screen = Screen::Main,
                Action::Quit => self.quit = true,
                Action::Help => self.overlay = Some(Overlay::Help),
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
            Action::Help => self.overlay = Some(Overlay::Help),
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
            Action::Start if self.tab == Tab::Routines => {
                let id = self
                    .catalog
                    .routines()
                    .nth(self.selected)
                    .map(|r| r.id.clone());
                if let Some(id) = id {
                    self.start_session(&id);
                }
            }
            Action::Edit if self.tab == Tab::Routines => {
                let id = self
                    .catalog
                    .routines()
                    .nth(self.selected)
                    .map(|r| r.id.clone());
                if let Some(id) = id {
                    self.open_editor(&id);
                }
            }
            Action::NewRoutine if self.tab == Tab::Routines => self.new_routine(),
            _ => {}
        }
    }

    /// Starts a session of a routine (by id). Unknown ids are ignored.
    pub fn start_session(&mut self, routine_id: &str) -> bool {
        let Some(routine) = self.catalog.routine(routine_id) else {
            return false;
        };
        let steps = self.catalog.resolve(routine, &|_| None);
        let plan = Plan::build(&steps, &self.settings.timer);
        let session = Session::start(plan, self.settings.timer.clone(), self.now.mono);
        let session_id = format!(
            "{}-{:04x}",
            self.now.wall.format("%Y%m%dT%H%M%S"),
            self.nonce & 0xffff
        );
        self.effects.push(Effect::SessionStarted {
            session_id: session_id.clone(),
            routine_id: routine.id.clone(),
            routine_name: routine.name.clone(),
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
        true
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
                self.overlay = Some(Overlay::ConfirmEnd);
            }
            Action::Quit => {
                self.end_session(EndStatus::Partial);
                self.quit = true;
            }
            Action::Help => self.overlay = Some(Overlay::Help),
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

    /// Pauses a running session before the process is stopped (Ctrl-Z).
    pub fn pause_for_suspend(&mut self, now: Now) {
        self.tick(now);
        if let Screen::Session(r) = &mut self.screen {
            r.session.apply(Command::Pause, now.mono);
            r.message =
                Some("Paused while upright was in the background. Press Space to go on.".into());
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
        self.effects.push(Effect::SessionEnded {
            session_id: r.session_id.clone(),
            status,
            active_secs: active,
            at: now.wall,
        });
        let summary = Summary {
            routine_name: r.routine_name.clone(),
            status,
            wall_secs: s.wall(now.mono).as_secs_f64(),
            active_secs: active,
            records: s.records().to_vec(),
            not_reached,
        };
        self.screen = Screen::Summary(Box::new(summary));
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
                Event::PhaseStarted { .. } => rang |= bell,
                Event::Countdown { .. } => rang |= countdown,
                Event::WorkEnded(record) => self.effects.push(Effect::StepDone {
                    session_id: r.session_id.clone(),
                    record,
                    at: self.now.wall,
                }),
                Event::SuspendDetected { gap } => {
                    r.message = Some(format!(
                        "Paused: the computer seemed to sleep for {}. Press Space to go on.",
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
