//! What the app asks of the world outside it. The runner carries each effect out
//! and reports back through one method of [`super::App`] where there is something
//! to report.

use crate::model::cues::Cue;
use crate::model::event::Event;
use crate::model::routine::Routine;

/// Something the runner must do outside the app state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Ring the terminal bell.
    Bell,
    /// Play a cue's sound through the audio player (without waiting for it);
    /// report a failure with [`super::App::sound_failed`].
    Cue(Cue),
    /// Speak a phrase through the speech command (without waiting for it);
    /// report a failure with [`super::App::sound_failed`].
    Say(String),
    /// Print a line of text: plain mode's milestones (see [`super::App::plain`]).
    Line(String),
    /// Append this event to the session log; report with [`super::App::log_saved`].
    Log(Event),
    /// Write again the log events that could not be saved; report with
    /// [`super::App::log_saved`].
    RetrySave,
    /// Write the log events that could not be saved into this file instead
    /// (`None`: a new file in the cache dir); report with
    /// [`super::App::events_saved_to`] and [`super::App::log_saved`].
    SaveEventsTo(Option<String>),
    /// The first-run safety notice was read; do not show it again.
    NoticeSeen,
    /// Write this routine into the user's routines.toml; report with
    /// [`super::App::routine_saved`].
    SaveRoutine { routine: Routine },
    /// Take this routine out of the user's routines.toml; report with
    /// [`super::App::routine_removed`].
    DeleteRoutine { id: String },
}
