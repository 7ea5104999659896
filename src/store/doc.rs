//! Reading a spanned TOML document field by field, collecting every problem with
//! its location instead of stopping at the first.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::SourceText;
use crate::model::diagnostic::Diagnostic;
use crate::model::duration::parse_duration;
use crate::model::limits::DurationRange;
use crate::model::suggest::nearest;

/// How much of an invalid id a message quotes.
const ID_SHOWN: usize = 40;

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Parses TOML text. Every syntax error becomes a located diagnostic; on any syntax
/// error no table is returned (a half-read file would only add confusing errors).
pub fn parse<'i>(src: &SourceText<'i>) -> Result<Spanned<DeTable<'i>>, Vec<Diagnostic>> {
    let (table, errors) = DeTable::parse_recoverable(src.text);
    if errors.is_empty() {
        return Ok(table);
    }
    Err(errors
        .iter()
        .map(|e| syntax_error(src, e.span().unwrap_or(0..0), e.message()))
        .collect())
}

/// Turns one of the TOML parser's messages ("extra `=`, expected nothing") into a
/// diagnostic that shows what was found and what was expected, separately.
fn syntax_error(src: &SourceText<'_>, span: Range<usize>, message: &str) -> Diagnostic {
    let message = message.trim().trim_end_matches('.');
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    // The text the parser stopped at, when it is short enough to quote.
    let found = src
        .text
        .get(span.clone())
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().count() <= 40 && !t.contains(['\n', '\r']))
        .filter(|t| !what.contains(&format!("`{t}`")));
    let text = match (what, found) {
        ("duplicate key", Some(key)) => format!("duplicate key `{key}`"),
        (what, Some(found)) => format!("{what}: `{found}`"),
        (what, None) => what.to_string(),
    };
    let expected = match (what, expected) {
        ("duplicate key", _) => "each key at most once in a table".to_string(),
        ("string values must be quoted", _) => "text in double quotes, e.g. \"plank\"".to_string(),
        (_, Some("nothing")) => "nothing here (remove it)".to_string(),
        (_, Some(list)) => list.to_string(),
        (_, None) => "valid TOML (see the file formats in the README)".to_string(),
    };
    src.at(&span, format!("TOML syntax error: {text}"))
        .expected(expected)
}

/// A cursor over one table of the document, reporting into a shared list.
pub struct Reader<'s, 'i> {
    pub src: &'s SourceText<'i>,
    pub diags: Vec<Diagnostic>,
}

pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Reads an integer of any TOML radix, if it fits.
pub fn integer(v: &DeValue<'_>) -> Option<i128> {
    let i = v.as_integer()?;
    i128::from_str_radix(i.as_str(), i.radix()).ok()
}

impl<'s, 'i> Reader<'s, 'i> {
    pub fn new(src: &'s SourceText<'i>) -> Reader<'s, 'i> {
        Reader {
            src,
            diags: Vec::new(),
        }
    }

    pub fn error(
        &mut self,
        span: &Range<usize>,
        message: impl Into<String>,
        expected: impl Into<String>,
    ) {
        let d = self.src.at(span, message).expected(expected);
        self.diags.push(d);
    }

    /// Reports every key of `table` that is not in `allowed`, listing the valid ones.
    pub fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let suggestion = nearest(key.get_ref(), allowed.iter().copied())
                    .map(|s| format!(" (did you mean \"{s}\"?)"))
                    .unwrap_or_default();
                self.error(
                    &key.span(),
                    format!("unknown key \"{}\" in {what}{suggestion}", key.get_ref()),
                    format!("one of: {}", allowed.join(", ")),
                );
            }
        }
    }

    /// The value of a key that must be present; reports its absence at `table_span`.
    pub fn required<'t, 'v>(
        &mut self,
        table: &'t DeTable<'v>,
        table_span: &Range<usize>,
        key: &str,
        what: &str,
        expected: &str,
    ) -> Option<&'t Value<'v>> {
        let v = table.get(key);
        if v.is_none() {
            self.error(
                table_span,
                format!("{what} is missing \"{key}\""),
                format!("{key} = {expected}"),
            );
        }
        v
    }

    pub fn string(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.error(
                    &v.span(),
                    format!("\"{key}\" is {}", type_name(other)),
                    "a string in double quotes",
                );
                None
            }
        }
    }

    /// A non-empty string of at most `max` characters.
    pub fn text(&mut self, v: &Value<'_>, key: &str, max: usize) -> Option<String> {
        let s = self.string(v, key)?;
        if s.trim().is_empty() {
            self.error(&v.span(), format!("\"{key}\" is empty"), "some text");
            return None;
        }
        if s.chars().count() > max {
            self.error(
                &v.span(),
                format!("\"{key}\" is too long ({} characters)", s.chars().count()),
                format!("at most {max} characters"),
            );
            return None;
        }
        if self.has_control(&v.span(), &format!("\"{key}\""), &s) {
            return None;
        }
        Some(s)
    }

    /// Reports a control character (tab, line break, escape, bell, NUL...) in
    /// text that is shown on the screen or printed; true if there is one.
    pub fn has_control(&mut self, span: &Range<usize>, what: &str, s: &str) -> bool {
        let Some(c) = s.chars().find(|c| c.is_control()) else {
            return false;
        };
        self.error(
            span,
            format!(
                "{what} holds a control character ({})",
                crate::model::words::printable(&c.to_string())
            ),
            "text without tabs, line breaks or other control characters",
        );
        true
    }

    /// An identifier: lowercase letters, digits and '-', starting with a letter or digit.
    pub fn id(&mut self, v: &Value<'_>, key: &str) -> Option<String> {
        let s = self.string(v, key)?;
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-');
        if !ok {
            self.error(
                &v.span(),
                format!(
                    "\"{}\" is not a valid id",
                    crate::model::words::quoted_cut(&s, ID_SHOWN)
                ),
                "lowercase letters, digits and '-', at most 64 characters (e.g. \"neck-break\")",
            );
            return None;
        }
        Some(s)
    }

    pub fn boolean(&mut self, v: &Value<'_>, key: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.error(
                    &v.span(),
                    format!("\"{key}\" is {}", type_name(other)),
                    "true or false",
                );
                None
            }
        }
    }

    /// A whole number within `min..=max`.
    pub fn count(&mut self, v: &Value<'_>, key: &str, min: u32, max: u32) -> Option<u32> {
        let expected = format!("a whole number from {min} to {max}");
        match integer(v.get_ref()) {
            Some(n) if n >= i128::from(min) && n <= i128::from(max) => u32::try_from(n).ok(),
            Some(n) => {
                let what = if n < i128::from(min) {
                    "too small"
                } else {
                    "too large"
                };
                self.error(&v.span(), format!("\"{key}\" = {n} is {what}"), expected);
                None
            }
            None => {
                let t = type_name(v.get_ref());
                self.error(&v.span(), format!("\"{key}\" is {t}"), expected);
                None
            }
        }
    }

    /// A duration: integer seconds or a string like "45s" / "1m30s", within `range`.
    pub fn duration(&mut self, v: &Value<'_>, key: &str, range: DurationRange) -> Option<Duration> {
        use crate::model::duration::format_short;
        let expected = format!(
            "a duration from {} to {}, as seconds (30) or text (\"45s\", \"1m30s\")",
            format_short(range.min),
            format_short(range.max)
        );
        let d = match v.get_ref() {
            DeValue::String(s) => match parse_duration(s) {
                Ok(d) => d,
                Err(why) => {
                    self.error(
                        &v.span(),
                        format!("\"{key}\" = \"{s}\" is not a duration: {why}"),
                        expected,
                    );
                    return None;
                }
            },
            DeValue::Integer(_) => match integer(v.get_ref()) {
                Some(n) if n < 0 => {
                    self.error(&v.span(), format!("\"{key}\" = {n} is negative"), expected);
                    return None;
                }
                Some(n) => match u64::try_from(n) {
                    Ok(n) => Duration::from_secs(n),
                    Err(_) => {
                        self.error(&v.span(), format!("\"{key}\" = {n} is too large"), expected);
                        return None;
                    }
                },
                None => {
                    self.error(&v.span(), format!("\"{key}\" is too large"), expected);
                    return None;
                }
            },
            other => {
                self.error(
                    &v.span(),
                    format!("\"{key}\" is {}", type_name(other)),
                    expected,
                );
                return None;
            }
        };
        if d < range.min || d > range.max {
            let what = if d.is_zero() {
                "zero"
            } else if d < range.min {
                "too short"
            } else {
                "too long"
            };
            // Quote the value as written; a number of seconds also in minutes.
            let shown = match v.get_ref() {
                DeValue::Integer(_) if d.as_secs() >= 60 => {
                    format!("{} ({})", self.written(&v.span()), format_short(d))
                }
                _ => self.written(&v.span()),
            };
            self.error(
                &v.span(),
                format!("\"{key}\" = {shown} is {what}"),
                expected,
            );
            return None;
        }
        Some(d)
    }

    /// The source text of a value, as the user wrote it (shortened if long).
    pub fn written(&self, span: &Range<usize>) -> String {
        let text = self.src.text.get(span.clone()).unwrap_or_default().trim();
        if text.chars().count() > 40 {
            let head: String = text.chars().take(37).collect();
            format!("{head}...")
        } else {
            text.to_string()
        }
    }

    /// An array of non-empty strings (at least `min_len` of them), each at most
    /// `max` characters. Every bad entry is reported.
    pub fn strings(
        &mut self,
        v: &Value<'_>,
        key: &str,
        min_len: usize,
        max: usize,
    ) -> Option<Vec<String>> {
        let Some(items) = v.get_ref().as_array() else {
            let t = type_name(v.get_ref());
            self.error(
                &v.span(),
                format!("\"{key}\" is {t}"),
                "an array of strings, e.g. [\"a\", \"b\"]",
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let entry = format!("entry {} of \"{key}\"", i + 1);
            match item.get_ref() {
                DeValue::String(s) if s.trim().is_empty() => {
                    self.error(&item.span(), format!("{entry} is empty"), "some text");
                    ok = false;
                }
                DeValue::String(s) if s.chars().count() > max => {
                    self.error(
                        &item.span(),
                        format!("{entry} is too long ({} characters)", s.chars().count()),
                        format!("at most {max} characters"),
                    );
                    ok = false;
                }
                DeValue::String(s) if self.has_control(&item.span(), &entry, s) => ok = false,
                DeValue::String(s) => out.push(s.to_string()),
                other => {
                    self.error(
                        &item.span(),
                        format!("{entry} is {}", type_name(other)),
                        "a string in double quotes",
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        if out.len() < min_len {
            self.error(
                &v.span(),
                format!("\"{key}\" is empty"),
                format!(
                    "at least {min_len} entr{}",
                    if min_len == 1 { "y" } else { "ies" }
                ),
            );
            return None;
        }
        Some(out)
    }

    /// The tables of an array of tables (`[[name]]`), reporting anything else.
    /// `header` is how the user writes one, e.g. "[[routine.step]]".
    pub fn tables<'t, 'v>(
        &mut self,
        v: &'t Value<'v>,
        key: &str,
        header: &str,
    ) -> Vec<(&'t DeTable<'v>, Range<usize>)> {
        let Some(items) = v.get_ref().as_array() else {
            let t = type_name(v.get_ref());
            self.error(
                &v.span(),
                format!("\"{key}\" is {t}"),
                format!("{header} tables"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_table() {
                Some(t) => out.push((t, item.span())),
                None => {
                    let t = type_name(item.get_ref());
                    self.error(
                        &item.span(),
                        format!("an entry of \"{key}\" is {t}"),
                        format!("a table, written as {header}"),
                    );
                }
            }
        }
        out
    }
}
