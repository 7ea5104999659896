//! Reading a spanned TOML document field by field, collecting every problem with
//! its location instead of stopping at the first.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, SourceText};
use crate::model::duration::parse_duration;

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
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().trim_end_matches('.').to_string();
            let mut d = src.at(&span, format!("TOML syntax error: {message}"));
            d.expected = Some("valid TOML (see the file format in the README)".into());
            d
        })
        .collect())
}

/// A cursor over one table of the document, reporting into a shared list.
pub struct Reader<'s, 'i> {
    pub src: &'s SourceText<'i>,
    pub diags: Vec<Diagnostic>,
}

/// Limits for a duration field.
#[derive(Clone, Copy)]
pub struct DurationRange {
    pub min: Duration,
    pub max: Duration,
}

impl DurationRange {
    pub const fn secs(min: u64, max: u64) -> DurationRange {
        DurationRange {
            min: Duration::from_secs(min),
            max: Duration::from_secs(max),
        }
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
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
        Some(s)
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
                format!("\"{s}\" is not a valid id"),
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
                self.error(
                    &v.span(),
                    format!("\"{key}\" = {n} is out of range"),
                    expected,
                );
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
            let what = if d.is_zero() { "zero" } else { "out of range" };
            self.error(
                &v.span(),
                format!("\"{key}\" = {} is {what}", format_short(d)),
                expected,
            );
            return None;
        }
        Some(d)
    }

    /// An array of non-empty strings (at least `min_len` of them).
    pub fn strings(&mut self, v: &Value<'_>, key: &str, min_len: usize) -> Option<Vec<String>> {
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
        for item in items.iter() {
            out.push(self.text(item, key, 500)?);
        }
        if out.len() < min_len {
            self.error(
                &v.span(),
                format!("\"{key}\" has {} entries", out.len()),
                format!("at least {min_len}"),
            );
            return None;
        }
        Some(out)
    }

    /// The tables of an array of tables (`[[name]]`), reporting anything else.
    pub fn tables<'t, 'v>(
        &mut self,
        v: &'t Value<'v>,
        key: &str,
    ) -> Vec<(&'t DeTable<'v>, Range<usize>)> {
        let Some(items) = v.get_ref().as_array() else {
            let t = type_name(v.get_ref());
            self.error(
                &v.span(),
                format!("\"{key}\" is {t}"),
                format!("[[{key}]] tables"),
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
                        "a table",
                    );
                }
            }
        }
        out
    }
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(dist, c)| *dist <= 2.max(c.len() / 3))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, c)| c)
}
