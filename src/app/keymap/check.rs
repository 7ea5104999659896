//! The user's `[keys]` over the defaults, and what makes a binding unusable: an
//! unknown action or key name, a reserved key, one key for two actions in one
//! view or dialog, and a character bound where typed text goes.

use super::defaults::{Entry, defaults};
use super::{Context, KEY_NAMES_HELP, Key, Keymap};
use crate::app::action::Action;
use crate::model::diagnostic::Diagnostic;
use crate::model::settings::KeyBinding;

/// What the user must hear about a `[keys]` table that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// "file:line:column" of the offending entry.
    pub origin: String,
    pub message: String,
    pub expected: String,
}

impl KeyProblem {
    /// The problem as a located diagnostic.
    pub fn diagnostic(self) -> Diagnostic {
        // The path may itself contain ':'; line and column are the last two parts.
        let mut parts = self.origin.rsplitn(3, ':');
        let column = parts.next().and_then(|c| c.parse().ok());
        let line = parts.next().and_then(|l| l.parse().ok());
        let (path, line, column) = match (parts.next(), line, column) {
            (Some(path), Some(line), Some(column)) => (path.to_string(), line, column),
            _ => (self.origin, 0, 0),
        };
        Diagnostic {
            path,
            line,
            column,
            message: self.message,
            expected: Some(self.expected),
        }
    }
}

/// Keys the app keeps for itself: a binding to one of these could never work.
const RESERVED: &[(Key, &str)] = &[(Key::ctrl('z'), "suspending upright (Ctrl-Z, then fg)")];

/// Where the user wrote each key of each action: (action, key, "file:line:column").
type Written = Vec<(Action, Key, String)>;

/// Two actions reachable by one key in one view (a context, or a context and the
/// Global bindings it takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Clash {
    view: Context,
    key: Key,
    first: (Context, Action),
    second: (Context, Action),
}

/// Every clash of a table. Global keys are checked once, in `Context::Global`.
fn clashes(entries: &[Entry]) -> Vec<Clash> {
    let mut out = Vec::new();
    let flat = |c: Context| {
        entries
            .iter()
            .filter(move |(ec, _, _)| *ec == c)
            .flat_map(|(c, a, keys)| keys.iter().map(move |k| (*c, *a, *k)))
    };
    for &view in Context::ALL {
        let own: Vec<(Context, Action, Key)> = flat(view).collect();
        let under: Vec<(Context, Action, Key)> = if view == Context::Global {
            Vec::new()
        } else {
            flat(Context::Global)
                .filter(|(_, a, k)| view.inherits(*a, *k))
                .collect()
        };
        for (i, (ca, a, key)) in own.iter().enumerate() {
            // Later bindings in the same view, then the Global ones it takes.
            for (cb, b, other) in own[i + 1..].iter().chain(&under) {
                if a != b && key == other {
                    out.push(Clash {
                        view,
                        key: *key,
                        first: (*ca, *a),
                        second: (*cb, *b),
                    });
                }
            }
        }
    }
    out
}

impl Keymap {
    /// The default keymap with the user's `[keys]` applied: each named action gets
    /// exactly the listed keys, in every view and dialog where it is bound. Reports
    /// unknown action names, bad key names, reserved keys, keys that would reach
    /// two actions in one view where the defaults did not, and characters bound in
    /// a dialog that takes typed text.
    pub fn with_bindings(bindings: &[KeyBinding]) -> Result<Keymap, Vec<KeyProblem>> {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let mut written = Written::new();
        for b in bindings {
            if let Some((action, keys)) = read_binding(b, &mut written, &mut problems) {
                for entry in map.entries.iter_mut().filter(|(_, a, _)| *a == action) {
                    entry.2 = keys.clone();
                }
            }
        }
        problems.extend(typed_problems(&map.entries, &written));
        problems.extend(clash_problems(&map.entries, &written));
        problems.dedup();
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }
}

/// The action and keys of one `[keys]` entry, noting where each key was written;
/// `None` (with the problem) for an unknown action.
fn read_binding(
    b: &KeyBinding,
    written: &mut Written,
    problems: &mut Vec<KeyProblem>,
) -> Option<(Action, Vec<Key>)> {
    let Some(action) = Action::from_name(&b.action) else {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        let hint = crate::model::suggest::nearest(&b.action, names.iter().copied())
            .map(|n| format!(" (did you mean \"{n}\"?)"))
            .unwrap_or_default();
        problems.push(KeyProblem {
            origin: b.origin.clone(),
            message: format!("unknown action \"{}\" in [keys]{hint}", b.action),
            expected: format!(
                "one of: {} (`upright keys` lists them with their keys)",
                names.join(", ")
            ),
        });
        return None;
    };
    let mut keys = Vec::new();
    for (i, text) in b.keys.iter().enumerate() {
        let origin = b.key_origins.get(i).unwrap_or(&b.origin).clone();
        match Key::parse(text) {
            Ok(key) => {
                if let Some((_, why)) = RESERVED.iter().find(|(k, _)| *k == key) {
                    problems.push(KeyProblem {
                        origin,
                        message: format!(
                            "\"{}\" cannot be bound (for \"{}\"): it is kept for {why}",
                            key.name(),
                            b.action
                        ),
                        expected: "another key".into(),
                    });
                } else if !keys.contains(&key) {
                    keys.push(key);
                    written.push((action, key, origin));
                }
            }
            Err(why) => problems.push(KeyProblem {
                origin,
                message: format!("{why} (for \"{}\")", b.action),
                expected: KEY_NAMES_HELP.into(),
            }),
        }
    }
    Some((action, keys))
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A character the user bound to an action of a dialog that takes typed text:
/// it would never reach the text.
fn typed_problems(entries: &[Entry], written: &Written) -> Vec<KeyProblem> {
    let mut out = Vec::new();
    for (action, key, origin) in written {
        let Some(c) = key.typed() else {
            continue;
        };
        let places: Vec<String> = entries
            .iter()
            .filter(|(ctx, a, _)| a == action && ctx.takes_text())
            .map(|(ctx, _, _)| ctx.title().to_lowercase())
            .collect();
        if places.is_empty() {
            continue;
        }
        out.push(KeyProblem {
            origin: origin.clone(),
            message: format!(
                "\"{}\" cannot be bound to \"{}\": the {} take{} typed text, where \"{c}\" is a character to type",
                key.name(),
                action.name(),
                and_list(&places),
                if places.len() == 1 { "s" } else { "" },
            ),
            expected: "a key that types nothing: enter, esc, tab, backtab, backspace, delete, insert, arrows, home, end, pageup, pagedown, f1-f12, or a ctrl- or alt- key".into(),
        });
    }
    out
}

/// The clashes the user made, each named in both places. The defaults shadow
/// some global keys on purpose (q ends a session instead of going back).
fn clash_problems(entries: &[Entry], written: &Written) -> Vec<KeyProblem> {
    let before = clashes(&defaults());
    let place = |action: Action, key: Key| {
        written
            .iter()
            .find(|(a, k, _)| *a == action && *k == key)
            .map(|(_, _, o)| o.clone())
    };
    let mut out = Vec::new();
    for c in clashes(entries) {
        if before.contains(&c) {
            continue;
        }
        // The user's binding first: that is the one they are looking at.
        let (mine, other) = if place(c.first.1, c.key).is_some() {
            (c.first, c.second)
        } else {
            (c.second, c.first)
        };
        let describe = |(ctx, action): (Context, Action)| {
            let scope = if ctx == c.view {
                String::new()
            } else {
                format!("{}, ", ctx.title().to_lowercase())
            };
            let from = place(action, c.key).map_or_else(
                || "built-in default".to_string(),
                |o| match o.rsplit(':').nth(1) {
                    Some(line) => format!("line {line}"),
                    None => o,
                },
            );
            format!("\"{}\" ({scope}{from})", action.name())
        };
        let expected = if place(other.1, c.key).is_some() {
            format!(
                "a different key for \"{}\" or for \"{}\" (one action per key in each view)",
                mine.1.name(),
                other.1.name()
            )
        } else {
            format!(
                "another key for \"{}\", or other keys for \"{}\" too (one action per key in each view)",
                mine.1.name(),
                other.1.name()
            )
        };
        out.push(KeyProblem {
            origin: place(mine.1, c.key).unwrap_or_default(),
            message: format!(
                "\"{}\" is bound to both {} and {} in the {}",
                c.key.name(),
                describe(mine),
                describe(other),
                c.view.place()
            ),
            expected,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(action: &str, keys: &[&str]) -> KeyBinding {
        KeyBinding {
            action: action.into(),
            keys: keys.iter().map(|s| s.to_string()).collect(),
            origin: "c.toml:2:1".into(),
            key_origins: (0..keys.len())
                .map(|i| format!("c.toml:2:{}", 10 + i))
                .collect(),
        }
    }

    #[test]
    fn user_bindings_replace_defaults_and_report_problems() {
        let b = |action: &str, keys: &[&str]| KeyBinding {
            action: action.into(),
            keys: keys.iter().map(|s| s.to_string()).collect(),
            origin: format!("c.toml:{}:1", action.len()),
            key_origins: (0..keys.len())
                .map(|i| format!("c.toml:{}:{}", action.len(), 10 + 5 * i))
                .collect(),
        };
        let map = Keymap::with_bindings(&[b("pause", &["x", "space"])]).expect("valid");
        assert_eq!(
            map.action(Context::Session, Key::ch('x')),
            Some(Action::Pause)
        );
        assert_eq!(map.keys(Context::Session, Action::Pause).len(), 2);
        // 'p' is "previous" by default: taking it for pause is a conflict.
        let err = Keymap::with_bindings(&[b("pause", &["p"])]).unwrap_err();
        assert!(err[0].message.contains("\"p\" is bound to both"), "{err:?}");
        let err = Keymap::with_bindings(&[b("pause", &["x"]), b("previous", &["x"])]).unwrap_err();
        assert!(err[0].message.contains("\"x\" is bound to both"), "{err:?}");
        let err = Keymap::with_bindings(&[b("pasue", &["p"])]).unwrap_err();
        assert!(err[0].message.contains("did you mean \"pause\""), "{err:?}");
        let err = Keymap::with_bindings(&[b("pause", &["spacebar"])]).unwrap_err();
        assert!(err[0].message.contains("not a key name"), "{err:?}");
    }

    #[test]
    fn the_default_table_has_no_clash_it_would_report() {
        assert!(Keymap::with_bindings(&[]).is_ok());
        // Listing an action's default keys again changes nothing, even where a view
        // shadows a global key on purpose (q ends a session, q goes back elsewhere).
        assert!(Keymap::with_bindings(&[binding("back", &["q", "esc", "b"])]).is_ok());
        assert!(Keymap::with_bindings(&[binding("end_session", &["q", "esc"])]).is_ok());
        assert!(
            Keymap::with_bindings(&[binding("keep_going", &["k", "K", "esc", "enter"])]).is_ok()
        );
    }

    #[test]
    fn a_new_key_that_hides_a_global_one_is_a_clash() {
        let err = Keymap::with_bindings(&[binding("mute", &["?"])]).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(err[0].origin, "c.toml:2:10");
        assert!(
            err[0].message.contains(
                "\"mute\" (line 2) and \"help\" (everywhere, built-in default) in the session view"
            ),
            "{err:?}"
        );
        // A global key that a view already uses for something else.
        let err = Keymap::with_bindings(&[binding("help", &["h"])]).unwrap_err();
        assert!(err[0].message.contains("\"hurt\""), "{err:?}");
    }

    #[test]
    fn dialog_keys_clash_within_their_dialog_and_with_the_quit_key() {
        // s already saves what was done in the end-session dialog.
        let err = Keymap::with_bindings(&[binding("keep_going", &["s"])]).unwrap_err();
        assert!(
            err.iter().any(|p| p.message.contains(
                "\"s\" is bound to both \"keep_going\" (line 2) and \"save_partial\" (built-in default) in the end-session dialog"
            )),
            "{err:?}"
        );
        // Ctrl-C quits from every dialog.
        let err = Keymap::with_bindings(&[binding("discard", &["ctrl-c"])]).unwrap_err();
        assert!(
            err[0]
                .message
                .contains("and \"quit\" (everywhere, built-in default) in the end-session dialog"),
            "{err:?}"
        );
        // Other global keys do nothing in a dialog, so a dialog may use them.
        let map = Keymap::with_bindings(&[binding("keep_going", &["?"])]).expect("valid");
        assert_eq!(
            map.action(Context::EndDialog, Key::ch('?')),
            Some(Action::KeepGoing)
        );
        assert_eq!(map.action(Context::EndDialog, Key::ch('k')), None);
        assert_eq!(map.action(Context::EndDialog, Key::ch('q')), None);
    }

    #[test]
    fn a_character_cannot_be_bound_where_text_is_typed() {
        let err = Keymap::with_bindings(&[binding("confirm", &["enter", "y"])]).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(err[0].origin, "c.toml:2:11");
        assert!(
            err[0].message.contains(
                "\"y\" cannot be bound to \"confirm\": the pain/note prompt, history filter, add-step list, dose form and name prompt take typed text"
            ),
            "{err:?}"
        );
        // Keys that type nothing are fine there.
        let map = Keymap::with_bindings(&[binding("confirm", &["enter", "ctrl-j", "alt-y"])])
            .expect("valid");
        assert_eq!(
            map.action(Context::Prompt, Key::ctrl('j')),
            Some(Action::Confirm)
        );
        // A global character key is typed in a text field, not obeyed.
        let map = Keymap::with_bindings(&[binding("quit", &["Q"])]).expect("valid");
        assert_eq!(map.action(Context::Prompt, Key::ch('Q')), None);
        assert_eq!(
            map.action(Context::EndDialog, Key::ch('Q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn reserved_and_repeated_keys() {
        let err = Keymap::with_bindings(&[binding("hurt", &["ctrl-z"])]).unwrap_err();
        assert!(err[0].message.contains("cannot be bound"), "{err:?}");
        let map = Keymap::with_bindings(&[binding("pause", &["x", "x"])]).expect("valid");
        assert_eq!(map.keys(Context::Session, Action::Pause), &[Key::ch('x')]);
        // The old key is free again.
        assert_eq!(map.action(Context::Session, Key::ch(' ')), None);
    }

    #[test]
    fn problems_become_located_diagnostics() {
        let p = KeyProblem {
            origin: "/a:b/c.toml:3:7".into(),
            message: "m".into(),
            expected: "e".into(),
        };
        let d = p.diagnostic();
        assert_eq!((d.path.as_str(), d.line, d.column), ("/a:b/c.toml", 3, 7));
    }
}
