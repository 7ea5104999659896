//! One table from keys to actions, per context. The help overlay and the hint bar
//! are generated from it, so they always show the keys that really work.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::model::settings::KeyBinding;

/// Where a key is pressed. `Global` bindings apply under every other context
/// unless that context binds the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Picker,
    Session,
    Editor,
    History,
    Summary,
}

impl Context {
    pub const ALL: [Context; 6] = [
        Context::Global,
        Context::Picker,
        Context::Session,
        Context::Editor,
        Context::History,
        Context::Summary,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Picker => "Routine picker",
            Context::Session => "Session",
            Context::Editor => "Routine editor",
            Context::History => "History",
            Context::Summary => "End of session",
        }
    }
}

/// A key with its modifiers, as written in config: "space", "ctrl-r", "shift-up", "J".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }
    pub const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::SHIFT,
        }
    }

    /// The key of a terminal event, normalised: a shifted letter is the capital letter
    /// without SHIFT; BackTab never carries SHIFT.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                if c.is_ascii_alphabetic() && mods.contains(KeyModifiers::CONTROL) {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    // Shift is already in the character ('J', '?', '+').
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses a key name as written in `[keys]`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break;
            }
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        let code = if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_control() {
                return Err(format!("\"{text}\" is a control character"));
            }
            if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            } else if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        } else if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
            *code
        } else if let Some(n) = lower
            .strip_prefix('f')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=12).contains(n))
        {
            KeyCode::F(n)
        } else {
            return Err(format!("\"{text}\" is not a key name"));
        };
        Ok(Key { code, mods })
    }

    /// The name a user would write (and reads in the help): "space", "ctrl-r", "J".
    pub fn name(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("shift-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str("space"),
            KeyCode::Char(c) => s.push(c),
            KeyCode::F(n) => s.push_str(&format!("f{n}")),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| n);
                s.push_str(name);
            }
        }
        s
    }

    /// A compact form for the hint bar: arrows as symbols, Space, Enter, Esc.
    pub fn short(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            _ => return self.name(),
        };
        if self.mods.contains(KeyModifiers::SHIFT) {
            format!("S-{base}")
        } else if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{base}")
        } else {
            base
        }
    }
}

/// What the user must hear about a `[keys]` table that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    pub origin: String,
    pub message: String,
    pub expected: String,
}

/// The bindings in force: for each context, actions and their keys, in display order.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<(Context, Action, Vec<Key>)>,
}

fn defaults() -> Vec<(Context, Action, Vec<Key>)> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    vec![
        (C::Global, A::Help, vec![Key::ch('?')]),
        (C::Global, A::Back, vec![Key::ch('q'), Key::plain(K::Esc)]),
        (C::Global, A::Quit, vec![Key::ctrl('c')]),
        (C::Global, A::NextTab, vec![Key::plain(K::Tab)]),
        (C::Global, A::PrevTab, vec![Key::plain(K::BackTab)]),
        (C::Global, A::TabRoutines, vec![Key::ch('1')]),
        (C::Global, A::TabHistory, vec![Key::ch('2')]),
        (C::Global, A::TabStats, vec![Key::ch('3')]),
        (C::Picker, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::Picker, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::Picker, A::Start, vec![Key::plain(K::Enter)]),
        (C::Picker, A::Edit, vec![Key::ch('e')]),
        (C::Picker, A::NewRoutine, vec![Key::ch('n')]),
        (C::Session, A::Pause, vec![Key::ch(' ')]),
        (
            C::Session,
            A::Next,
            vec![Key::plain(K::Right), Key::ch('n')],
        ),
        (
            C::Session,
            A::Previous,
            vec![Key::plain(K::Left), Key::ch('p')],
        ),
        (C::Session, A::Done, vec![Key::plain(K::Enter)]),
        (C::Session, A::AddTime, vec![Key::ch('+'), Key::ch('=')]),
        (C::Session, A::RemoveTime, vec![Key::ch('-')]),
        (C::Session, A::Hurt, vec![Key::ch('h')]),
        (C::Session, A::Mute, vec![Key::ch('m')]),
        (
            C::Session,
            A::EndSession,
            vec![Key::ch('q'), Key::plain(K::Esc)],
        ),
        (C::Editor, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::Editor, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::Editor, A::MoveUp, vec![Key::shift(K::Up), Key::ch('K')]),
        (
            C::Editor,
            A::MoveDown,
            vec![Key::shift(K::Down), Key::ch('J')],
        ),
        (C::Editor, A::Add, vec![Key::ch('a')]),
        (C::Editor, A::Delete, vec![Key::ch('d')]),
        (C::Editor, A::Duplicate, vec![Key::ch('y')]),
        (C::Editor, A::EditDose, vec![Key::plain(K::Enter)]),
        (C::Editor, A::Rename, vec![Key::ch('r')]),
        (C::Editor, A::Undo, vec![Key::ch('u')]),
        (C::Editor, A::Redo, vec![Key::ctrl('r')]),
        (C::Editor, A::Save, vec![Key::ch('s')]),
        (C::Editor, A::Reset, vec![Key::ch('R')]),
        (C::Editor, A::Back, vec![Key::plain(K::Esc)]),
        (C::History, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::History, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::History, A::Details, vec![Key::plain(K::Enter)]),
        (C::History, A::Filter, vec![Key::ch('/')]),
        (C::Summary, A::AcceptLevel, vec![Key::ch('l')]),
        (C::Summary, A::Done, vec![Key::plain(K::Enter)]),
        (C::Picker, A::RetrySave, vec![Key::ch('r')]),
        (C::Session, A::RetrySave, vec![Key::ch('r')]),
        (C::Summary, A::RetrySave, vec![Key::ch('r')]),
    ]
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            entries: defaults(),
        }
    }
}

impl Keymap {
    /// The default keymap with the user's `[keys]` applied: each named action gets
    /// exactly the listed keys, in every context where it is bound. Reports unknown
    /// action names, bad key names and keys bound twice in one context.
    pub fn with_bindings(bindings: &[KeyBinding]) -> Result<Keymap, Vec<KeyProblem>> {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let mut origins: Vec<(Action, String)> = Vec::new();
        for b in bindings {
            let Some(action) = Action::from_name(&b.action) else {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                let hint = crate::store::doc::nearest(&b.action, names.iter().copied())
                    .map(|n| format!(" (did you mean \"{n}\"?)"))
                    .unwrap_or_default();
                problems.push(KeyProblem {
                    origin: b.origin.clone(),
                    message: format!("unknown action \"{}\"{hint}", b.action),
                    expected: format!("one of: {}", names.join(", ")),
                });
                continue;
            };
            let mut keys = Vec::new();
            for k in &b.keys {
                match Key::parse(k) {
                    Ok(key) => keys.push(key),
                    Err(why) => problems.push(KeyProblem {
                        origin: b.origin.clone(),
                        message: format!("{why} (for \"{}\")", b.action),
                        expected: "a character (\"p\", \"?\") or a key name: space, enter, esc, tab, backtab, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, f1-f12, with optional ctrl-, alt-, shift- prefixes".into(),
                    }),
                }
            }
            for entry in map.entries.iter_mut().filter(|(_, a, _)| *a == action) {
                entry.2 = keys.clone();
            }
            origins.push((action, b.origin.clone()));
        }
        // Conflicts: one key, two actions, in one context (or a context and Global).
        for ctx in Context::ALL {
            let mut seen: Vec<(Key, Action, Context)> = Vec::new();
            let layers: &[Context] = if ctx == Context::Global {
                &[Context::Global]
            } else {
                &[ctx, Context::Global]
            };
            for layer in layers {
                for (c, a, keys) in map.entries.iter().filter(|(c, _, _)| c == layer) {
                    for k in keys {
                        if let Some((_, other, oc)) =
                            seen.iter().find(|(sk, sa, _)| sk == k && sa != a)
                        {
                            // A context may shadow a global key on purpose (q = end session);
                            // only a user's rebinding that collides is a problem.
                            let user_made = origins.iter().any(|(oa, _)| oa == a || oa == other);
                            if (*oc == *c) && user_made {
                                let where_a = origin_of(&origins, *a);
                                let where_b = origin_of(&origins, *other);
                                problems.push(KeyProblem {
                                    origin: where_a.clone().or(where_b.clone()).unwrap_or_default(),
                                    message: format!(
                                        "\"{}\" is bound to both \"{}\" ({}) and \"{}\" ({}) in {}",
                                        k.name(),
                                        a.name(),
                                        where_a.unwrap_or_else(|| "default".into()),
                                        other.name(),
                                        where_b.unwrap_or_else(|| "default".into()),
                                        c.title()
                                    ),
                                    expected: "each key bound to one action per view".into(),
                                });
                            }
                        } else {
                            seen.push((*k, *a, *c));
                        }
                    }
                }
            }
        }
        problems.dedup();
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    /// The action a key triggers in a context (the context first, then Global).
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
                find(Context::Global)
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

    /// "Space pause/resume" style hints for the bar, for the listed actions.
    pub fn hints(&self, ctx: Context, actions: &[Action]) -> Vec<(String, &'static str)> {
        actions
            .iter()
            .filter_map(|a| {
                let keys = self.keys(ctx, *a);
                let first = keys.first()?;
                Some((first.short(), a.label()))
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

fn origin_of(origins: &[(Action, String)], a: Action) -> Option<String> {
    origins
        .iter()
        .find(|(x, _)| *x == a)
        .map(|(_, o)| o.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn parses_and_names_keys() {
        for (text, name) in [
            ("space", "space"),
            ("ctrl-r", "ctrl-r"),
            ("Ctrl-R", "ctrl-r"),
            ("shift-up", "shift-up"),
            ("shift-j", "J"),
            ("J", "J"),
            ("?", "?"),
            ("f5", "f5"),
            ("-", "-"),
            ("alt-x", "alt-x"),
        ] {
            assert_eq!(
                Key::parse(text).map(|k| k.name()),
                Ok(name.to_string()),
                "{text}"
            );
        }
        for bad in ["", "spce", "ctrl-", "f13", "shift-"] {
            assert!(
                Key::parse(bad).is_err() || bad == "ctrl-" || bad == "shift-",
                "{bad}"
            );
        }
        assert!(Key::parse("spce").is_err());
        assert!(Key::parse("f13").is_err());
    }

    #[test]
    fn events_are_normalised_like_config_keys() {
        let shift_j = Key::from_event(&ev(KeyCode::Char('J'), KeyModifiers::SHIFT));
        assert_eq!(shift_j, Key::ch('J'));
        let ctrl_r = Key::from_event(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL));
        assert_eq!(Some(ctrl_r), Key::parse("ctrl-r").ok());
        let backtab = Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(backtab, Key::plain(KeyCode::BackTab));
    }

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
    fn user_bindings_replace_defaults_and_report_problems() {
        let b = |action: &str, keys: &[&str]| KeyBinding {
            action: action.into(),
            keys: keys.iter().map(|s| s.to_string()).collect(),
            origin: format!("c.toml:{}:1", action.len()),
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
}
