//! One table from keys to actions, per view and per dialog. The help overlay, the
//! hint bars, the dialogs' choices and `upright keys` are generated from it, so
//! they always show the keys that really work.

mod check;
mod defaults;
mod key;

use strum::{IntoStaticStr, VariantArray};

use super::action::Action;
use crate::model::diagnostic::Diagnostic;
use crate::model::settings::Settings;

pub use check::KeyProblem;
pub use key::{KEY_NAMES_HELP, Key};

/// Where a key is pressed: a view, or a dialog over it. `Global` bindings apply
/// under every view unless that view binds the same key; under a dialog only the
/// quit key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, VariantArray, IntoStaticStr)]
pub enum Context {
    #[strum(serialize = "Everywhere")]
    Global,
    #[strum(serialize = "Routine picker")]
    Picker,
    #[strum(serialize = "Session")]
    Session,
    #[strum(serialize = "Routine editor")]
    Editor,
    #[strum(serialize = "History")]
    History,
    #[strum(serialize = "End of session")]
    Summary,
    /// The first-run safety notice.
    #[strum(serialize = "Safety notice")]
    Notice,
    /// "Resume the interrupted session?"
    #[strum(serialize = "Resume dialog")]
    Resume,
    /// "End this session now?"
    #[strum(serialize = "End-session dialog")]
    EndDialog,
    /// "Events not saved to the log": retry / write them to a file / quit anyway.
    #[strum(serialize = "Quit dialog")]
    QuitDialog,
    /// The pain score and note questions (typed text).
    #[strum(serialize = "Pain/note prompt")]
    Prompt,
    /// The editor's list of exercises to add, with its filter (typed text).
    #[strum(serialize = "Add-step list")]
    AddStep,
    /// The editor's dose form (typed text).
    #[strum(serialize = "Dose form")]
    DoseForm,
    /// A routine's name, new or renamed (typed text).
    #[strum(serialize = "Name prompt")]
    NamePrompt,
    /// "Unsaved changes: save / discard / keep editing".
    #[strum(serialize = "Unsaved-changes dialog")]
    ConfirmLeave,
    #[strum(serialize = "Delete dialog")]
    ConfirmDelete,
    #[strum(serialize = "Reset dialog")]
    ConfirmReset,
    /// The list of keys (`?`): scrolls when it does not fit; any other key
    /// closes it.
    #[strum(serialize = "Help")]
    Help,
}

impl Context {
    pub const ALL: &'static [Context] = <Context as VariantArray>::VARIANTS;

    pub fn title(self) -> &'static str {
        self.into()
    }

    /// A dialog or prompt over a view (not a view of its own).
    pub fn is_dialog(self) -> bool {
        !matches!(
            self,
            Context::Global
                | Context::Picker
                | Context::Session
                | Context::Editor
                | Context::History
                | Context::Summary
        )
    }

    /// Characters pressed here are typed into a text field, unless a binding of
    /// this context claims them (and none may: see `[keys]` checks).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Prompt | Context::AddStep | Context::DoseForm | Context::NamePrompt
        )
    }

    /// Whether a Global binding of `action` to `key` works here: every one in a
    /// view; in a dialog only the quit key, and not a character where text is
    /// typed.
    pub fn inherits(self, action: Action, key: Key) -> bool {
        if !self.is_dialog() {
            return true;
        }
        action == Action::Quit && !(self.takes_text() && key.typed().is_some())
    }

    /// How messages name it: "the session view", "the end-session dialog".
    pub fn place(self) -> String {
        let title = self.title().to_lowercase();
        if self.is_dialog() {
            title
        } else {
            format!("{title} view")
        }
    }
}

/// The bindings in force: for each context, actions and their keys, in display order.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<defaults::Entry>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            entries: defaults::defaults(),
        }
    }
}

/// One hint of a hint bar: the action, its key as the bar writes it, and a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub action: Action,
    pub key: String,
    pub label: &'static str,
}

impl Keymap {
    /// Builds the keymap of the settings, or says what is wrong with `[keys]`,
    /// each problem located in the file.
    pub fn from_settings(settings: &Settings) -> Result<Keymap, Vec<Diagnostic>> {
        Keymap::with_bindings(&settings.keys)
            .map_err(|problems| problems.into_iter().map(KeyProblem::diagnostic).collect())
    }

    /// Every binding in display order: view or dialog, action, keys.
    pub fn bindings(&self) -> impl Iterator<Item = (Context, Action, &[Key])> {
        self.entries.iter().map(|(c, a, k)| (*c, *a, k.as_slice()))
    }

    /// The action a key triggers in a context: the context's own binding first,
    /// then a Global one the context takes (see [`Context::inherits`]).
    pub fn action(&self, ctx: Context, key: Key) -> Option<Action> {
        let find = |c: Context| {
            self.entries
                .iter()
                .find(|(ec, _, keys)| *ec == c && keys.contains(&key))
                .map(|(_, a, _)| *a)
        };
        find(ctx).or_else(|| {
            if ctx == Context::Global {
                None
            } else {
                find(Context::Global).filter(|a| ctx.inherits(*a, key))
            }
        })
    }

    /// The keys bound to an action in a context (or, failing that, globally).
    pub fn keys(&self, ctx: Context, action: Action) -> &[Key] {
        self.entries
            .iter()
            .find(|(c, a, _)| *c == ctx && *a == action)
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|(c, a, _)| *c == Context::Global && *a == action)
            })
            .map_or(&[], |(_, _, k)| k.as_slice())
    }

    /// The first key of an action, as the hint bar writes it ("Space", "y").
    pub fn first_key(&self, ctx: Context, action: Action) -> Option<String> {
        self.keys(ctx, action).first().map(Key::short)
    }

    /// Every key of an action, as the hint bar writes them, joined by "/": "Tab/↓".
    pub fn all_keys(&self, ctx: Context, action: Action) -> String {
        let names: Vec<String> = self.keys(ctx, action).iter().map(Key::short).collect();
        names.join("/")
    }

    /// Hints for the bar, for the listed actions that have a key: each with its
    /// first key ("Space pause/resume").
    pub fn hints(&self, ctx: Context, actions: &[Action]) -> Vec<Hint> {
        actions
            .iter()
            .filter_map(|a| {
                Some(Hint {
                    action: *a,
                    key: self.first_key(ctx, *a)?,
                    label: a.label(),
                })
            })
            .collect()
    }

    /// Every binding of a context, for the help overlay: (keys, label).
    pub fn help(&self, ctx: Context) -> Vec<(String, &'static str)> {
        self.entries
            .iter()
            .filter(|(c, _, keys)| *c == ctx && !keys.is_empty())
            .map(|(_, a, keys)| {
                let names: Vec<String> = keys.iter().map(Key::short).collect();
                (names.join(" / "), a.label())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn context_keys_shadow_global_ones() {
        let map = Keymap::default();
        assert_eq!(
            map.action(Context::Session, Key::ch('q')),
            Some(Action::EndSession)
        );
        assert_eq!(
            map.action(Context::Picker, Key::ch('q')),
            Some(Action::Back)
        );
        assert_eq!(
            map.action(Context::Picker, Key::ch('?')),
            Some(Action::Help)
        );
        assert_eq!(
            map.action(Context::Session, Key::ch(' ')),
            Some(Action::Pause)
        );
        assert_eq!(map.action(Context::Picker, Key::ch(' ')), None);
    }

    #[test]
    fn dialogs_take_only_the_quit_key_from_everywhere() {
        let map = Keymap::default();
        for &ctx in Context::ALL.iter().filter(|c| c.is_dialog()) {
            assert_eq!(
                map.action(ctx, Key::ctrl('c')),
                Some(Action::Quit),
                "{ctx:?}"
            );
            for c in ['?', '1', 'q'] {
                assert_eq!(map.action(ctx, Key::ch(c)), None, "{ctx:?} {c}");
            }
            assert_eq!(
                map.action(ctx, Key::plain(KeyCode::Tab)).is_some(),
                ctx == Context::DoseForm
            );
        }
    }

    #[test]
    fn no_default_binding_takes_a_character_where_text_is_typed() {
        let map = Keymap::default();
        let mut text_contexts = 0;
        for &ctx in Context::ALL.iter().filter(|c| c.takes_text()) {
            text_contexts += 1;
            for (c, action, keys) in map.bindings().filter(|(c, _, _)| *c == ctx) {
                for key in keys {
                    assert_eq!(key.typed(), None, "{c:?} {action:?} {}", key.name());
                }
            }
        }
        assert_eq!(text_contexts, 4);
    }

    #[test]
    fn every_context_has_a_title_and_the_hints_name_the_first_key() {
        let titles: Vec<&str> = Context::ALL.iter().map(|c| c.title()).collect();
        assert!(titles.contains(&"Everywhere") && titles.contains(&"End-session dialog"));
        assert_eq!(Context::Session.place(), "session view");
        assert_eq!(Context::EndDialog.place(), "end-session dialog");
        let map = Keymap::default();
        assert_eq!(map.all_keys(Context::DoseForm, Action::NextField), "Tab/↓");
        assert_eq!(
            map.first_key(Context::EndDialog, Action::KeepGoing)
                .as_deref(),
            Some("k")
        );
        let hints = map.hints(Context::Session, &[Action::Pause, Action::Yes]);
        assert_eq!(
            hints,
            [Hint {
                action: Action::Pause,
                key: "Space".into(),
                label: "pause/resume"
            }]
        );
    }
}
