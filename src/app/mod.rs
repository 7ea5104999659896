//! The application state and its update function. No terminal and no files here:
//! keys come in as actions, and whatever must happen outside (a bell, a log line)
//! goes out as an [`Effect`] for the runner to carry out; the runner reports back
//! through one method where there is something to report ([`App::log_saved`],
//! [`App::routine_saved`], [`App::routine_removed`], [`App::history_loaded`],
//! [`App::sound_failed`]).

pub mod action;
mod browse;
pub mod dialogs;
pub mod editor;
mod effect;
mod input;
pub mod keymap;
pub mod levels;
pub mod mouse;
mod reminders;
mod review;
pub mod session;
pub mod sound;

use std::time::Instant;

use chrono::{DateTime, FixedOffset};

pub use action::Action;
pub use browse::HistoryView;
pub use dialogs::{Ask, Overlay, PAIN_QUESTION, RESUME_WINDOW_HOURS, ResumeOffer};
pub use effect::Effect;
use keymap::{Context, Keymap};
pub use levels::Suggestion;
pub use reminders::{DueNote, Reminders};
pub use review::{CHARTED_HOLD, Figures, HEATMAP_MONTHS};
pub use session::{Running, Summary};
pub use sound::{Output, SoundOut};

use crate::model::catalog::Catalog;
pub use crate::model::event::EndStatus;
use crate::model::event::Event;
use crate::model::history::History;
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

#[derive(Debug, Clone)]
pub enum Screen {
    Main,
    Session(Box<Running>),
    Summary(Box<Summary>),
    Editor(Box<editor::EditorState>),
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
    /// `m` in a session: no sound, no voice, no bell.
    pub muted: bool,
    /// The session shows only the clock, the phase, the cue and what comes next.
    pub focus: bool,
    /// What can sound, as the runner found it.
    pub sound: SoundOut,
    /// Plain mode: each milestone of a session also goes out as an
    /// [`Effect::Line`] for the runner to print.
    pub plain: bool,
    /// `NO_COLOR` was set: draw in the mono theme whatever the config says.
    pub no_color: bool,
    pub quit: bool,
    /// Quit even with log events not saved (the user said so, or a signal).
    pub quit_anyway: bool,
    /// The latest moment seen; views read the time from here.
    pub now: Now,
    /// Distinguishes session ids started in the same second (the process id).
    pub nonce: u32,
    /// This machine's host id, carried in the ids of the sessions it starts; only
    /// its own sessions are offered for resuming.
    pub host: String,
    /// A line shown in the status bar (errors from the runner, confirmations).
    pub status_line: Option<String>,
    /// Set while log events are kept in memory because writing them failed: why,
    /// shown in the status bar until they are saved.
    pub unsaved: Option<String>,
    /// The same, as the writer said: how many events are kept, and why.
    pub unsaved_events: Option<crate::model::event::Unsaved>,
    /// Every past session: the log as read, and every event of this run.
    pub history: History,
    /// The sessions with a hold that beat the best before it (History marks them).
    pub new_best_sessions: std::collections::HashSet<crate::model::event::Name>,
    /// Figures of the Stats view, in local time.
    pub figures: Option<Figures>,
    /// The History view: selection, details, filter.
    pub history_view: HistoryView,
    /// How far the Stats page is scrolled down, in rows.
    pub stats_scroll: u16,
    /// What the schedule of reminders says is due.
    pub reminders: Reminders,
    /// Overlays waiting their turn (e.g. the resume offer after the notice).
    pub queued: Vec<Overlay>,
    pub resume_offer: Option<ResumeOffer>,
    /// The pain score given before the session in progress.
    pain_before: Option<u8>,
    /// The log events this run recorded, to lay over the log once it is read.
    recorded: Vec<Event>,
    /// Offer an interrupted session once the log is read.
    resume_on_load: bool,
    /// The log is being read: a session waits for it (its levels and bests).
    awaiting_history: bool,
    /// The session to begin once the log is in (routine id, resumed session).
    pending_begin: Option<(String, Option<(String, usize)>)>,
    effects: Vec<Effect>,
    /// How far the help is scrolled down, in rows.
    pub help_scroll: u16,
    /// The regions of the frame on the screen, and the last click.
    pub mouse: mouse::MouseState,
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
            focus: false,
            sound: SoundOut::default(),
            plain: false,
            no_color: false,
            quit: false,
            quit_anyway: false,
            now,
            nonce: 0,
            host: crate::model::host::FALLBACK.to_string(),
            status_line: None,
            unsaved: None,
            unsaved_events: None,
            history: History::default(),
            new_best_sessions: std::collections::HashSet::new(),
            figures: None,
            history_view: HistoryView::default(),
            stats_scroll: 0,
            reminders: Reminders::default(),
            queued: Vec::new(),
            resume_offer: None,
            pain_before: None,
            recorded: Vec::new(),
            resume_on_load: true,
            awaiting_history: false,
            pending_begin: None,
            effects: Vec::new(),
            help_scroll: 0,
            mouse: mouse::MouseState::default(),
        }
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
            (Screen::Main, Tab::History) if self.history_view.editing => Context::HistoryFilter,
            (Screen::Main, Tab::History) => Context::History,
            (Screen::Main, Tab::Stats) => Context::Stats,
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
            Screen::Session(r) => {
                let hurt = r.hurt.as_ref().map(|h| h.until);
                let banner = r.banner.as_ref().map(|(_, until)| *until);
                let cue = r
                    .session
                    .next_cue_change(self.now.mono, self.cues_of(r).len());
                [r.session.next_wake(self.now.mono), hurt, banner, cue]
                    .into_iter()
                    .flatten()
                    .min()
            }
            Screen::Main => self.reminders_wake(),
            _ => None,
        }
    }

    /// The clock moved on: bring the session up to date.
    pub fn tick(&mut self, now: Now) {
        self.now = now;
        if let Screen::Session(r) = &mut self.screen {
            r.session.tick(now.mono);
            if r.banner
                .as_ref()
                .is_some_and(|(_, until)| now.mono >= *until)
            {
                r.banner = None;
            }
            if r.hurt.as_ref().is_some_and(|h| now.mono >= h.until) {
                self.commit_hurt();
            }
        }
        if matches!(self.screen, Screen::Main) {
            self.update_due();
        }
        self.drain_session_events();
    }

    /// Applies an action at `now`.
    pub fn update(&mut self, action: Action, now: Now) {
        self.now = now;
        self.status_line = None;
        if action == Action::RetrySave {
            if self.unsaved.is_some() {
                self.effects.push(Effect::RetrySave);
            } else {
                self.status_line = Some("Nothing waiting to be saved.".into());
            }
            return;
        }
        match &self.screen {
            Screen::Session(_) => self.session_action(action),
            Screen::Summary(_) => match action {
                Action::Back | Action::Done | Action::Start => self.screen = Screen::Main,
                Action::AcceptLevel => self.accept_level(),
                Action::Quit => self.quit_app(),
                Action::Help => self.show(Overlay::Help),
                _ => {}
            },
            Screen::Main => self.main_action(action),
            Screen::Editor(_) => self.editor_action(action),
        }
        self.drain_session_events();
    }

    fn main_action(&mut self, action: Action) {
        let own = match self.tab {
            Tab::History => self.history_action(action),
            Tab::Stats => self.stats_action(action),
            Tab::Routines => false,
        };
        if own {
            return;
        }
        match action {
            Action::Quit | Action::Back => self.quit_app(),
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
            Action::NewRoutine if self.tab == Tab::Routines => self.new_routine(),
            _ => {}
        }
        self.tab_changed();
    }
}
