//! One key with its modifiers: read from a terminal event or from a name in
//! `[keys]`, and named back for the help, the hints and `upright keys`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// The key names accepted in `[keys]`, for messages.
pub const KEY_NAMES_HELP: &str = "a character (\"p\", \"?\", \"+\") or one of space, enter, esc, tab, backtab, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, f1-f12, with optional ctrl-, alt- or shift- before it (\"ctrl-r\", \"shift-up\")";

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

    /// The character this key types into a text field: a character without
    /// Ctrl or Alt.
    pub fn typed(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !c.is_control()
                    && !self
                        .mods
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
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
            if mods.contains(m) {
                return Err(format!(
                    "\"{text}\" names {} twice",
                    prefix.trim_end_matches('-')
                ));
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
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
    fn only_characters_without_ctrl_or_alt_are_typed() {
        assert_eq!(Key::ch('J').typed(), Some('J'));
        assert_eq!(Key::ch(' ').typed(), Some(' '));
        assert_eq!(Key::ctrl('c').typed(), None);
        assert_eq!(Key::parse("alt-x").ok().and_then(|k| k.typed()), None);
        assert_eq!(Key::plain(KeyCode::Enter).typed(), None);
        assert_eq!(Key::plain(KeyCode::Backspace).typed(), None);
    }
}
