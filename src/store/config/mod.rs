//! Reading `config.toml`: the embedded default, then the user's file merged over it
//! key by key.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::diag::{SourceText, decode, sort_diagnostics};
use super::doc::{self, Reader};
use super::reminders::{self, REMIND_KEYS};
use crate::model::diagnostic::Diagnostic;
use crate::model::limits::DurationRange;
use crate::model::settings::{
    DataSettings, KeyBinding, ProgressSettings, RemindSettings, SessionSettings, Settings,
    SoundSettings, ThemeName, TimerSettings, UiSettings,
};
use crate::model::suggest::nearest;

pub const DEFAULT_CONFIG: &str = include_str!("../../../config.toml");
pub const DEFAULT_CONFIG_NAME: &str = "built-in config.toml";

/// The sections of config.toml, and the keys of each (`[keys]` takes any action).
pub const SECTIONS: &[&str] = &[
    "timer", "sound", "session", "progress", "ui", "data", "keys", "remind", "reminder",
];
pub const TIMER_KEYS: &[&str] = &["lead_in", "switch_gap", "rest", "auto_advance"];
pub use super::data_config::DATA_KEYS;
pub use super::sound_config::SOUND_KEYS;
pub const SESSION_KEYS: &[&str] = &["ask_pain", "weekly_goal", "resume"];
pub const UI_KEYS: &[&str] = &["theme", "figures", "mouse"];
pub const PROGRESS_KEYS: &[&str] = &["beat_by"];

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
            tones: false,
            player: Vec::new(),
            voice: false,
            speech: Vec::new(),
        },
        session: SessionSettings {
            ask_pain: false,
            weekly_goal: 0,
            resume: false,
        },
        progress: ProgressSettings {
            beat_by: std::time::Duration::ZERO,
        },
        ui: UiSettings {
            theme: ThemeName::Default,
            figures: false,
            mouse: false,
        },
        data: DataSettings { host: None },
        keys: Vec::new(),
        remind: RemindSettings {
            snooze: std::time::Duration::ZERO,
            max_snoozes: 0,
            command: Vec::new(),
        },
        reminders: Vec::new(),
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
    check_sections(&mut r, root);
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
        apply_timer(settings, &mut r, &t);
    }
    if let Some(t) = section(&mut r, "sound") {
        super::sound_config::apply_sound(settings, &mut r, &t);
    }
    if let Some(t) = section(&mut r, "session") {
        apply_session(settings, &mut r, &t);
    }
    if let Some(t) = section(&mut r, "progress") {
        apply_progress(settings, &mut r, &t);
    }
    if let Some(t) = section(&mut r, "ui") {
        apply_ui(settings, &mut r, &t);
    }
    if let Some(t) = section(&mut r, "data") {
        super::data_config::apply_data(settings, &mut r, &t);
    }
    if let Some(t) = section(&mut r, "remind") {
        reminders::apply_remind(settings, &mut r, &t);
    }
    if let Some(v) = root.get("reminder") {
        reminders::apply_reminders(settings, &mut r, v);
    }
    if let Some(t) = section(&mut r, "keys") {
        for (action, v) in t.iter() {
            if let Some(binding) = key_binding(&mut r, action, v) {
                settings.keys.retain(|b| b.action != binding.action);
                settings.keys.push(binding);
            }
        }
    }
    let mut diags = r.diags;
    sort_diagnostics(&mut diags);
    diags
}

fn apply_timer(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, TIMER_KEYS, "[timer]");
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

fn apply_session(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, SESSION_KEYS, "[session]");
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

fn apply_progress(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, PROGRESS_KEYS, "[progress]");
    let range = DurationRange::secs(0, 60);
    if let Some(d) = t
        .get("beat_by")
        .and_then(|v| r.duration(v, "beat_by", range))
    {
        settings.progress.beat_by = d;
    }
}

fn apply_ui(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, UI_KEYS, "[ui]");
    let valid: Vec<_> = ThemeName::ALL
        .iter()
        .map(|t| format!("\"{}\"", t.as_str()))
        .collect();
    if let Some(v) = t.get("theme") {
        match v.get_ref() {
            DeValue::String(s) => match ThemeName::parse(s) {
                Some(theme) => settings.ui.theme = theme,
                None => {
                    let hint = nearest(s, ThemeName::ALL.iter().map(|t| t.as_str()))
                        .map(|n| format!(" (did you mean \"{n}\"?)"))
                        .unwrap_or_default();
                    r.error(
                        &v.span(),
                        format!("unknown theme \"{s}\"{hint}"),
                        format!("one of: {}", valid.join(", ")),
                    );
                }
            },
            other => r.error(
                &v.span(),
                format!("\"theme\" is {}", doc::type_name(other)),
                format!(
                    "a theme name in double quotes, one of: {}",
                    valid.join(", ")
                ),
            ),
        }
    }
    if let Some(b) = t.get("figures").and_then(|v| r.boolean(v, "figures")) {
        settings.ui.figures = b;
    }
    if let Some(b) = t.get("mouse").and_then(|v| r.boolean(v, "mouse")) {
        settings.ui.mouse = b;
    }
}

/// Reports what stands outside the known sections: an unknown `[section]`, or a
/// setting written above every section header (said where it belongs).
fn check_sections(r: &mut Reader<'_, '_>, root: &DeTable<'_>) {
    let sections: Vec<String> = SECTIONS
        .iter()
        .map(|s| match *s {
            "reminder" => "[[reminder]]".to_string(),
            s => format!("[{s}]"),
        })
        .collect();
    let expected = format!("one of the sections {}", sections.join(", "));
    for (key, v) in root.iter() {
        let name = key.get_ref().as_ref();
        if SECTIONS.contains(&name) {
            continue;
        }
        let owner = [
            ("timer", TIMER_KEYS),
            ("sound", SOUND_KEYS),
            ("session", SESSION_KEYS),
            ("progress", PROGRESS_KEYS),
            ("ui", UI_KEYS),
            ("data", DATA_KEYS),
            ("remind", REMIND_KEYS),
        ]
        .into_iter()
        .find(|(_, keys)| keys.contains(&name));
        if let (Some((section, _)), false) = (owner, v.get_ref().as_table().is_some()) {
            r.error(
                &key.span(),
                format!("\"{name}\" is outside any section; it belongs in [{section}]"),
                format!("\"{name}\" below a [{section}] header"),
            );
            continue;
        }
        let hint = nearest(name, SECTIONS.iter().copied())
            .map(|s| format!(" (did you mean [{s}]?)"))
            .unwrap_or_default();
        let what = if v.get_ref().as_table().is_some() {
            format!("unknown section [{name}]{hint}")
        } else {
            format!("unknown key \"{name}\" outside any section{hint}")
        };
        r.error(&key.span(), what, expected.clone());
    }
}

/// One entry of `[keys]`: an action name and a key name or a list of them, each
/// remembered with where it was written. Whether the action and the key names
/// exist is the keymap's business (`Keymap::with_bindings`).
fn key_binding(
    r: &mut Reader<'_, '_>,
    action: &toml::Spanned<std::borrow::Cow<'_, str>>,
    v: &doc::Value<'_>,
) -> Option<KeyBinding> {
    let name = action.get_ref();
    let expected = "a key name or a list of them, e.g. pause = [\"space\", \"s\"]";
    let items: Vec<&doc::Value<'_>> = match v.get_ref() {
        DeValue::String(_) => vec![v],
        DeValue::Array(items) if items.is_empty() => {
            r.error(
                &v.span(),
                format!("no keys for \"{name}\""),
                format!("{expected} (every action keeps at least one key)"),
            );
            return None;
        }
        DeValue::Array(items) => items.iter().collect(),
        other => {
            let nested = if other.as_table().is_some() {
                " (action names go straight under [keys], not in sub-tables)"
            } else {
                ""
            };
            r.error(
                &v.span(),
                format!(
                    "the keys for \"{name}\" are {}, not key names",
                    doc::type_name(other)
                ),
                format!("{expected}{nested}"),
            );
            return None;
        }
    };
    let mut keys = Vec::with_capacity(items.len());
    let mut key_origins = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        match item.get_ref() {
            DeValue::String(k) => {
                keys.push(k.to_string());
                key_origins.push(r.src.origin(&item.span()));
            }
            other => {
                r.error(
                    &item.span(),
                    format!(
                        "a key for \"{name}\" is {}, not a key name",
                        doc::type_name(other)
                    ),
                    "a key name in double quotes, e.g. \"space\", \"p\" or \"ctrl-r\"",
                );
                ok = false;
            }
        }
    }
    ok.then(|| KeyBinding {
        action: name.to_string(),
        keys,
        origin: r.src.origin(&action.span()),
        key_origins,
    })
}

/// The largest configuration file read (a real one is a few KiB).
pub const MAX_CONFIG: usize = 1024 * 1024;

/// Loads the settings: the defaults, then `path` over them if it exists.
/// `explicit` means the user named the file (`--config FILE`): then it must exist.
pub fn load(path: &Path, explicit: bool) -> Result<Settings, Vec<Diagnostic>> {
    let (settings, diags) = load_report(path, explicit);
    if diags.is_empty() {
        Ok(settings)
    } else {
        Err(diags)
    }
}

/// Like [`load`], but always returns the settings as far as they could be read,
/// with every problem found, so later checks (the keymap) can report theirs too.
/// With any problem the settings must not be used.
pub fn load_report(path: &Path, explicit: bool) -> (Settings, Vec<Diagnostic>) {
    let mut settings = defaults();
    let shown = path.display().to_string();
    let bytes = match super::file::read_user_file(path, MAX_CONFIG, "the configuration", explicit) {
        Ok(Some(b)) => b,
        Ok(None) => return (settings, Vec::new()),
        Err(d) => return (settings, vec![d]),
    };
    let text = match decode(&shown, &bytes, MAX_CONFIG) {
        Ok(t) => t,
        Err(d) => return (settings, vec![d]),
    };
    let diags = apply(&mut settings, &SourceText::new(shown, text));
    (settings, diags)
}

#[cfg(test)]
mod tests;
