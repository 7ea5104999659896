//! Everything a key can do. The names (snake_case) are what `[keys]` in config.toml
//! uses; the message of each variant is its label in the hint bar, the help and
//! `upright keys`.

use strum::{EnumMessage, EnumString, IntoStaticStr, VariantArray};

/// A user intention, independent of which key asked for it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, VariantArray, IntoStaticStr, EnumString, EnumMessage,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    // everywhere
    #[strum(message = "help")]
    Help,
    #[strum(message = "back")]
    Back,
    #[strum(message = "quit")]
    Quit,
    #[strum(message = "next tab")]
    NextTab,
    #[strum(message = "previous tab")]
    PrevTab,
    #[strum(message = "Routines")]
    TabRoutines,
    #[strum(message = "History")]
    TabHistory,
    #[strum(message = "Stats")]
    TabStats,
    // lists
    #[strum(message = "up")]
    Up,
    #[strum(message = "down")]
    Down,
    #[strum(message = "page up")]
    PageUp,
    #[strum(message = "page down")]
    PageDown,
    /// The first entry of a list, the top of a page.
    #[strum(message = "to the top")]
    Top,
    /// The last entry of a list, the end of a page.
    #[strum(message = "to the bottom")]
    Bottom,
    // picker
    #[strum(message = "start")]
    Start,
    #[strum(message = "edit")]
    Edit,
    #[strum(message = "new routine")]
    NewRoutine,
    // session
    #[strum(message = "pause/resume")]
    Pause,
    #[strum(message = "next")]
    Next,
    #[strum(message = "previous")]
    Previous,
    #[strum(message = "done")]
    Done,
    #[strum(message = "+5s")]
    AddTime,
    #[strum(message = "-5s")]
    RemoveTime,
    #[strum(message = "this hurt")]
    Hurt,
    #[strum(message = "mute sound")]
    Mute,
    /// Only the clock, the phase, the cue and what comes next; again for all.
    #[strum(message = "focus view")]
    Focus,
    #[strum(message = "end session")]
    EndSession,
    // editor
    #[strum(message = "move step up")]
    MoveUp,
    #[strum(message = "move step down")]
    MoveDown,
    #[strum(message = "add step")]
    Add,
    #[strum(message = "delete step")]
    Delete,
    #[strum(message = "duplicate step")]
    Duplicate,
    #[strum(message = "edit dose")]
    EditDose,
    #[strum(message = "rename")]
    Rename,
    #[strum(message = "undo")]
    Undo,
    #[strum(message = "redo")]
    Redo,
    #[strum(message = "save")]
    Save,
    #[strum(message = "reset to built-in")]
    Reset,
    #[strum(message = "delete routine")]
    DeleteRoutine,
    // history
    #[strum(message = "details")]
    Details,
    /// Type words to show only the sessions that have them.
    #[strum(message = "filter")]
    Filter,
    // end of session
    #[strum(message = "take the suggested level")]
    AcceptLevel,
    /// Try again to write log events that could not be saved.
    #[strum(message = "retry saving")]
    RetrySave,
    // dialogs
    /// Close the first-run safety notice.
    #[strum(message = "I understand")]
    Acknowledge,
    /// Pick up the interrupted session.
    #[strum(message = "resume the session")]
    ResumeSession,
    #[strum(message = "not now")]
    NotNow,
    /// End the session, saving what was done as partial.
    #[strum(message = "end now, keep what you did")]
    SavePartial,
    /// Throw away the session (or the editor's changes).
    #[strum(message = "discard")]
    Discard,
    /// Close the question and carry on.
    #[strum(message = "keep going")]
    KeepGoing,
    /// Write log events that could not be saved to a file the user names.
    #[strum(message = "write them to a file")]
    SaveElsewhere,
    /// Quit with log events not saved (they go to a file in the cache dir).
    #[strum(message = "quit anyway")]
    QuitAnyway,
    #[strum(message = "yes")]
    Yes,
    #[strum(message = "no")]
    No,
    // text prompts and forms
    /// Take what was typed.
    #[strum(message = "confirm")]
    Confirm,
    #[strum(message = "cancel")]
    Cancel,
    #[strum(message = "delete a character")]
    DeleteChar,
    #[strum(message = "previous match")]
    PreviousMatch,
    #[strum(message = "next match")]
    NextMatch,
    #[strum(message = "next field")]
    NextField,
    #[strum(message = "previous field")]
    PreviousField,
    /// The next value of a choice field (each side: default, yes, no).
    #[strum(message = "next choice")]
    NextChoice,
    #[strum(message = "previous choice")]
    PreviousChoice,
}

impl Action {
    /// Every action, in the order above.
    pub const ALL: &'static [Action] = <Action as VariantArray>::VARIANTS;

    /// The name used in `[keys]`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// A short label for the hint bar and the help.
    pub fn label(self) -> &'static str {
        self.get_message().unwrap_or_else(|| self.name())
    }

    pub fn from_name(name: &str) -> Option<Action> {
        name.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_snake_case_ones_config_files_use() {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        for name in [
            "help",
            "next_tab",
            "prev_tab",
            "tab_routines",
            "add_time",
            "end_session",
            "delete_routine",
            "accept_level",
            "retry_save",
            "save_partial",
            "keep_going",
            "delete_char",
            "previous_field",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(a.get_message().is_some(), "{a:?} has no label");
        }
        assert_eq!(Action::from_name("Pause"), None);
        assert_eq!(Action::from_name("pause"), Some(Action::Pause));
    }
}
