//! One table from keys to actions, per context. The help overlay and the hint bar
//! are generated from it, so they always show the keys that really work.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::model::diagnostic::Diagnostic;
use crate::model::settings::{KeyBinding, Settings};

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
        (C::Editor, A::DeleteRoutine, vec![Key::ch('D')]),
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

/// Two actions reachable by one key in one view (a context, or a context and the
/// Global bindings under it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Clash {
    view: Context,
    key: Key,
    first: (Context, Action),
    second: (Context, Action),
}

/// Every clash of a table. Global keys are checked once, in `Context::Global`.
fn clashes(entries: &[(Context, Action, Vec<Key>)]) -> Vec<Clash> {
    let mut out = Vec::new();
    for view in Context::ALL {
        let layer = |c: Context| entries.iter().filter(move |(ec, _, _)| *ec == c);
        for (i, (ca, a, keys)) in layer(view).enumerate() {
            for key in keys {
                // Later bindings in the same view, then (for a view) the Global ones.
                let same = layer(view).skip(i + 1);
                let global = layer(Context::Global).filter(|_| view != Context::Global);
                for (cb, b, other) in same.chain(global) {
                    if a != b && other.contains(key) {
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
    }
    out
}

/// The key names accepted in `[keys]`, for messages.
pub const KEY_NAMES_HELP: &str = "a character (\"p\", \"?\", \"+\") or one of space, enter, esc, tab, backtab, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, f1-f12, with optional ctrl-, alt- or shift- before it (\"ctrl-r\", \"shift-up\")";

/// Keys the app keeps for itself: a binding to one of these could never work.
const RESERVED: &[(Key, &str)] = &[(Key::ctrl('z'), "suspending upright (Ctrl-Z, then fg)")];

impl Keymap {
    /// The default keymap with the user's `[keys]` applied: each named action gets
    /// exactly the listed keys, in every view where it is bound. Reports unknown
    /// action names, bad key names, reserved keys, and keys that would reach two
    /// actions in one view where the defaults did not.
    pub fn with_bindings(bindings: &[KeyBinding]) -> Result<Keymap, Vec<KeyProblem>> {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        // Where the user wrote each key of each action.
        let mut written: Vec<(Action, Key, String)> = Vec::new();
        for b in bindings {
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
                continue;
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
            for entry in map.entries.iter_mut().filter(|(_, a, _)| *a == action) {
                entry.2 = keys.clone();
            }
        }
        // Only clashes the user made: the defaults shadow some global keys on
        // purpose (q ends a session instead of going back).
        let before = clashes(&defaults());
        let place = |action: Action, key: Key| {
            written
                .iter()
                .find(|(a, k, _)| *a == action && *k == key)
                .map(|(_, _, o)| o.clone())
        };
        for c in clashes(&map.entries) {
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
            problems.push(KeyProblem {
                origin: place(mine.1, c.key).unwrap_or_default(),
                message: format!(
                    "\"{}\" is bound to both {} and {} in the {} view",
                    c.key.name(),
                    describe(mine),
                    describe(other),
                    c.view.title().to_lowercase()
                ),
                expected,
            });
        }
        problems.dedup();
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    /// Builds the keymap of the settings, or says what is wrong with `[keys]`,
    /// each problem located in the file.
    pub fn from_settings(settings: &Settings) -> Result<Keymap, Vec<Diagnostic>> {
        Keymap::with_bindings(&settings.keys)
            .map_err(|problems| problems.into_iter().map(KeyProblem::diagnostic).collect())
    }

    /// Every binding in display order: view, action, keys.
    pub fn bindings(&self) -> impl Iterator<Item = (Context, Action, &[Key])> {
        self.entries.iter().map(|(c, a, k)| (*c, *a, k.as_slice()))
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
    fn the_default_table_has_no_clash_it_would_report() {
        assert!(Keymap::with_bindings(&[]).is_ok());
        // Listing an action's default keys again changes nothing, even where a view
        // shadows a global key on purpose (q ends a session, q goes back elsewhere).
        assert!(Keymap::with_bindings(&[binding("back", &["q", "esc", "b"])]).is_ok());
        assert!(Keymap::with_bindings(&[binding("end_session", &["q", "esc"])]).is_ok());
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
