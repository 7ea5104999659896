//! The user's settings, as read from `config.toml` (see the top-level file for docs).

use std::time::Duration;

use super::schedule::Reminder;

/// Timer behaviour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerSettings {
    /// "Get ready" before the first exercise.
    pub lead_in: Duration,
    /// Gap between the left and the right side of a per-side exercise.
    pub switch_gap: Duration,
    /// Rest between sets and between exercises when a routine does not say.
    pub rest: Duration,
    /// Move on by itself when a phase ends; when off, wait for the user at each change.
    pub auto_advance: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoundSettings {
    /// Ring the terminal bell at each phase change when no cue sound plays, and
    /// with the end chime.
    pub bell: bool,
    /// Also sound each of the last three seconds of every timed phase.
    pub countdown: bool,
    /// Play the cue sounds through a system audio player, when one is found.
    pub tones: bool,
    /// The player's command line, the sound file's path appended; empty: the
    /// first known player found on PATH.
    pub player: Vec<String>,
    /// Speak milestones through the system's speech command.
    pub voice: bool,
    /// The speech command line, the phrase appended; empty: the first known
    /// speech command found on PATH.
    pub speech: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// Ask "How is your upper back right now? 0-10" before and after a session.
    pub ask_pain: bool,
    /// Sessions a week the user aims for.
    pub weekly_goal: u32,
    /// Offer to resume a recently interrupted session.
    pub resume: bool,
}

/// How an open hold's target moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressSettings {
    /// The target of an open hold is the best at its level and this much more.
    pub beat_by: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Default,
    HighContrast,
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Mono => "mono",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiSettings {
    pub theme: ThemeName,
    /// Show the ASCII pose figure beside the timer when there is room.
    pub figures: bool,
    /// Take clicks and the wheel; when off, the terminal keeps its own use of
    /// the mouse (selecting text).
    pub mouse: bool,
}

/// Where the session log goes (`[data]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSettings {
    /// This machine's host id as set in the config; `None`: from the host name
    /// (`UPRIGHT_HOST` in the environment wins over both).
    pub host: Option<String>,
}

/// How `upright remind` repeats and sends (`[remind]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemindSettings {
    /// Repeat an unanswered reminder after this long; zero: never.
    pub snooze: Duration,
    /// Repeat it at most this many times.
    pub max_snoozes: u32,
    /// A program (and its first arguments) to run instead of a desktop
    /// notification; the title and the text are added as its last two arguments.
    pub command: Vec<String>,
}

/// A key binding as written in `[keys]`: an action name and its keys, with where it
/// was written so the app can report a bad key name or a conflict precisely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub action: String,
    pub keys: Vec<String>,
    /// "file:line:column" of the entry (its action name).
    pub origin: String,
    /// "file:line:column" of each key name, in the order of `keys`.
    pub key_origins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub timer: TimerSettings,
    pub sound: SoundSettings,
    pub session: SessionSettings,
    pub progress: ProgressSettings,
    pub ui: UiSettings,
    pub data: DataSettings,
    /// Rebindings from `[keys]`, applied over the default keymap.
    pub keys: Vec<KeyBinding>,
    pub remind: RemindSettings,
    /// The `[[reminder]]` tables, in the order written.
    pub reminders: Vec<Reminder>,
}
