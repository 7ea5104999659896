//! The `[sound]` section of config.toml: switches, and the command lines of the
//! audio player and the speech command (split into words here; whether the
//! programs exist is found out when they run).

use toml::de::DeTable;

use super::doc::{self, Reader};
use crate::model::settings::Settings;

/// The keys of `[sound]`.
pub const SOUND_KEYS: &[&str] = &["bell", "countdown", "tones", "player", "voice", "speech"];

/// Applies every key of `[sound]` present in `t`, reporting bad values.
pub(super) fn apply_sound(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, SOUND_KEYS, "[sound]");
    if let Some(b) = t.get("bell").and_then(|v| r.boolean(v, "bell")) {
        settings.sound.bell = b;
    }
    if let Some(b) = t.get("countdown").and_then(|v| r.boolean(v, "countdown")) {
        settings.sound.countdown = b;
    }
    if let Some(b) = t.get("tones").and_then(|v| r.boolean(v, "tones")) {
        settings.sound.tones = b;
    }
    if let Some(b) = t.get("voice").and_then(|v| r.boolean(v, "voice")) {
        settings.sound.voice = b;
    }
    let player = "the sound file's path";
    if let Some(words) = t
        .get("player")
        .and_then(|v| command_line(r, v, "player", player))
    {
        settings.sound.player = words;
    }
    let speech = "the phrase";
    if let Some(words) = t
        .get("speech")
        .and_then(|v| command_line(r, v, "speech", speech))
    {
        settings.sound.speech = words;
    }
}

/// A command line in a string: words split at spaces, with '...' or "..." (in
/// the TOML string) keeping spaces in a word and a backslash escaping the next
/// character. Empty means "find one". Whether the program exists is checked
/// when it runs (`upright sound` says).
fn command_line(
    r: &mut Reader<'_, '_>,
    v: &doc::Value<'_>,
    key: &str,
    appended: &str,
) -> Option<Vec<String>> {
    let text = r.string(v, key)?;
    match split_command(&text) {
        Ok(words) => Some(words),
        Err(problem) => {
            r.error(
                &v.span(),
                format!("\"{key}\" {problem}"),
                format!(
                    "a command line, e.g. \"paplay --volume 40000\" ({appended} is added at the end), or \"\" for the first one found"
                ),
            );
            None
        }
    }
}

/// Splits a command line into words, the way a shell would for plain words and
/// quotes (no variables, globs or pipes).
pub fn split_command(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' | '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some('\\') if c == '"' => match chars.next() {
                            Some(e) => w.push(e),
                            None => return Err("ends inside a quote".into()),
                        },
                        Some(other) => w.push(other),
                        None => return Err(format!("has a {c} that is never closed")),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(e) => word.get_or_insert_with(String::new).push(e),
                None => return Err("ends with a lone backslash".into()),
            },
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_split_like_a_shell() {
        let ok = |t: &str| split_command(t).expect(t);
        assert_eq!(ok(""), Vec::<String>::new());
        assert_eq!(ok("  aplay   -q "), ["aplay", "-q"]);
        assert_eq!(ok(r#"say -v "Good News""#), ["say", "-v", "Good News"]);
        assert_eq!(ok(r"my\ player 'a b'c"), ["my player", "a bc"]);
        assert_eq!(ok(r#""a \"q\" b" ''"#), [r#"a "q" b"#, ""]);
        assert!(split_command("x \"open").is_err());
        assert!(split_command("x \\").is_err());
    }
}
