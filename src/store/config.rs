//! Reading `config.toml`: the embedded default, then the user's file merged over it
//! key by key.

use std::path::Path;

use toml::de::DeTable;

use super::diag::{Diagnostic, SourceText, decode, sort_diagnostics};
use super::doc::{self, DurationRange, Reader};
use crate::model::settings::{
    KeyBinding, SessionSettings, Settings, SoundSettings, ThemeName, TimerSettings, UiSettings,
};

pub const DEFAULT_CONFIG: &str = include_str!("../../config.toml");
pub const DEFAULT_CONFIG_NAME: &str = "built-in config.toml";

/// The sections of config.toml, and the keys of each (`[keys]` takes any action).
pub const SECTIONS: &[&str] = &["timer", "sound", "session", "ui", "keys"];
pub const TIMER_KEYS: &[&str] = &["lead_in", "switch_gap", "rest", "auto_advance"];
pub const SOUND_KEYS: &[&str] = &["bell", "countdown"];
pub const SESSION_KEYS: &[&str] = &["ask_pain", "weekly_goal", "resume"];
pub const UI_KEYS: &[&str] = &["theme", "figures"];

/// Settings before any file is applied; the embedded default file sets every key.
fn blank() -> Settings {
    Settings {
        timer: TimerSettings {
            lead_in: std::time::Duration::ZERO,
            switch_gap: std::time::Duration::ZERO,
            rest: std::time::Duration::ZERO,
            auto_advance: true,
        },
        sound: SoundSettings {
            bell: false,
            countdown: false,
        },
        session: SessionSettings {
            ask_pain: false,
            weekly_goal: 0,
            resume: false,
        },
        ui: UiSettings {
            theme: ThemeName::Default,
            figures: false,
        },
        keys: Vec::new(),
    }
}

/// The built-in default settings.
pub fn defaults() -> Settings {
    let mut s = blank();
    let src = SourceText::new(DEFAULT_CONFIG_NAME, DEFAULT_CONFIG);
    // The embedded file is checked by a test; a problem here is a build defect.
    let _ = apply(&mut s, &src);
    s
}

/// Applies every key present in `src` over `settings`. Returns the problems found;
/// on any problem `settings` may be partly changed and must not be used.
pub fn apply(settings: &mut Settings, src: &SourceText<'_>) -> Vec<Diagnostic> {
    let table = match doc::parse(src) {
        Ok(t) => t,
        Err(d) => return d,
    };
    let mut r = Reader::new(src);
    let root = table.get_ref();
    r.check_keys(root, SECTIONS, "the configuration");
    let section = |r: &mut Reader<'_, '_>, name: &str| -> Option<DeTable<'_>> {
        let v = root.get(name)?;
        match v.get_ref().as_table() {
            Some(t) => Some(t.clone()),
            None => {
                r.error(
                    &v.span(),
                    format!("\"{name}\" is not a table"),
                    format!("a [{name}] section"),
                );
                None
            }
        }
    };
    if let Some(t) = section(&mut r, "timer") {
        r.check_keys(&t, TIMER_KEYS, "[timer]");
        let lead = DurationRange::secs(0, 300);
        let gap = DurationRange::secs(0, 120);
        let rest = DurationRange::secs(0, 30 * 60);
        if let Some(d) = t
            .get("lead_in")
            .and_then(|v| r.duration(v, "lead_in", lead))
        {
            settings.timer.lead_in = d;
        }
        if let Some(d) = t
            .get("switch_gap")
            .and_then(|v| r.duration(v, "switch_gap", gap))
        {
            settings.timer.switch_gap = d;
        }
        if let Some(d) = t.get("rest").and_then(|v| r.duration(v, "rest", rest)) {
            settings.timer.rest = d;
        }
        if let Some(b) = t
            .get("auto_advance")
            .and_then(|v| r.boolean(v, "auto_advance"))
        {
            settings.timer.auto_advance = b;
        }
    }
    if let Some(t) = section(&mut r, "sound") {
        r.check_keys(&t, SOUND_KEYS, "[sound]");
        if let Some(b) = t.get("bell").and_then(|v| r.boolean(v, "bell")) {
            settings.sound.bell = b;
        }
        if let Some(b) = t.get("countdown").and_then(|v| r.boolean(v, "countdown")) {
            settings.sound.countdown = b;
        }
    }
    if let Some(t) = section(&mut r, "session") {
        r.check_keys(&t, SESSION_KEYS, "[session]");
        if let Some(b) = t.get("ask_pain").and_then(|v| r.boolean(v, "ask_pain")) {
            settings.session.ask_pain = b;
        }
        if let Some(n) = t
            .get("weekly_goal")
            .and_then(|v| r.count(v, "weekly_goal", 1, 21))
        {
            settings.session.weekly_goal = n;
        }
        if let Some(b) = t.get("resume").and_then(|v| r.boolean(v, "resume")) {
            settings.session.resume = b;
        }
    }
    if let Some(t) = section(&mut r, "ui") {
        r.check_keys(&t, UI_KEYS, "[ui]");
        if let Some(v) = t.get("theme")
            && let Some(s) = r.string(v, "theme")
        {
            match ThemeName::parse(&s) {
                Some(theme) => settings.ui.theme = theme,
                None => {
                    let valid: Vec<_> = ThemeName::ALL
                        .iter()
                        .map(|t| format!("\"{}\"", t.as_str()))
                        .collect();
                    let hint = doc::nearest(&s, ThemeName::ALL.iter().map(|t| t.as_str()))
                        .map(|n| format!(" (did you mean \"{n}\"?)"))
                        .unwrap_or_default();
                    r.error(
                        &v.span(),
                        format!("unknown theme \"{s}\"{hint}"),
                        format!("one of: {}", valid.join(", ")),
                    );
                }
            }
        }
        if let Some(b) = t.get("figures").and_then(|v| r.boolean(v, "figures")) {
            settings.ui.figures = b;
        }
    }
    if let Some(t) = section(&mut r, "keys") {
        for (action, v) in t.iter() {
            let keys = match v.get_ref() {
                toml::de::DeValue::String(s) => Some(vec![s.to_string()]),
                toml::de::DeValue::Array(_) => r.strings(v, action.get_ref(), 1, 40),
                _ => {
                    r.error(
                        &v.span(),
                        format!(
                            "the keys for \"{}\" are not a list of key names",
                            action.get_ref()
                        ),
                        "a key name or a list of them, e.g. [\"space\", \"p\"]",
                    );
                    None
                }
            };
            if let Some(keys) = keys {
                let binding = KeyBinding {
                    action: action.get_ref().to_string(),
                    keys,
                    origin: src.origin(&action.span()),
                };
                settings.keys.retain(|b| b.action != binding.action);
                settings.keys.push(binding);
            }
        }
    }
    let mut diags = r.diags;
    sort_diagnostics(&mut diags);
    diags
}

/// Loads the settings: the defaults, then `path` over them if it exists.
/// `explicit` means the user named the file (`--config FILE`): then it must exist.
pub fn load(path: &Path, explicit: bool) -> Result<Settings, Vec<Diagnostic>> {
    let mut settings = defaults();
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(settings),
        Err(e) => {
            return Err(vec![
                Diagnostic::whole_file(&shown, format!("cannot read the configuration: {e}"))
                    .expected("a readable TOML file"),
            ]);
        }
    };
    let text = decode(&shown, &bytes, 1024 * 1024).map_err(|d| vec![d])?;
    let diags = apply(&mut settings, &SourceText::new(shown, text));
    if diags.is_empty() {
        Ok(settings)
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_default_file_is_valid_and_sets_every_key() {
        let mut s = blank();
        let diags = apply(
            &mut s,
            &SourceText::new(DEFAULT_CONFIG_NAME, DEFAULT_CONFIG),
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.timer.lead_in, Duration::from_secs(10));
        assert_eq!(s.timer.rest, Duration::from_secs(20));
        assert!(s.sound.bell);
        assert_eq!(s.session.weekly_goal, 5);
        // Every documented key appears in the default file.
        for key in TIMER_KEYS
            .iter()
            .chain(SOUND_KEYS)
            .chain(SESSION_KEYS)
            .chain(UI_KEYS)
        {
            assert!(
                DEFAULT_CONFIG.contains(&format!("\n{key} = ")),
                "{key} is not in config.toml"
            );
        }
    }

    #[test]
    fn user_values_win_and_missing_keys_keep_defaults() {
        let mut s = defaults();
        let src = SourceText::new(
            "c.toml",
            "[timer]\nrest = \"45s\"\n[ui]\ntheme = \"mono\"\n",
        );
        assert!(apply(&mut s, &src).is_empty());
        assert_eq!(s.timer.rest, Duration::from_secs(45));
        assert_eq!(s.timer.lead_in, Duration::from_secs(10));
        assert_eq!(s.ui.theme, ThemeName::Mono);
        assert!(s.sound.bell);
    }
}
