//! Reading one log line: a hand-written reader ([`fast`]) fills a [`RawEvent`]
//! for the lines upright writes, and serde_json fills it for any other line (the
//! reference: the fast reader gives up on whatever it is not sure of); either way
//! the line's strings are borrowed where they can be. Then [`RawEvent::into_event`]
//! checks it against this schema version and builds the [`Event`], sharing repeated
//! ids and names through an [`Interner`]. A line that cannot be used is refused
//! with a reason a user can act on ([`Refusal`]).

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::{
    AfterEvent, DoseKind, EndEvent, EndStatus, Event, LevelEvent, LevelReason, MAX_PAIN, Name,
    SCHEMA_VERSION, Side, StartEvent, StepEvent,
};
use crate::model::record::{MAX_SET_TIME, SetRecord, from_log_secs};

mod fast;

/// Why a line was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Keeps recently read ids and names so that lines repeating them share one copy.
#[derive(Debug, Default)]
pub struct Interner {
    session: Option<Name>,
    names: Vec<Name>,
}

impl Interner {
    /// A session id: the events of a session follow each other, so the last one is
    /// kept.
    fn session(&mut self, id: &str) -> Name {
        match &self.session {
            Some(last) if **last == *id => last.clone(),
            _ => {
                let name: Name = Arc::from(id);
                self.session = Some(name.clone());
                name
            }
        }
    }

    /// An exercise id or name: there are few, so a short list holds them all.
    fn name(&mut self, text: &str) -> Name {
        if let Some(found) = self.names.iter().find(|n| ***n == *text) {
            return found.clone();
        }
        if self.names.len() >= 64 {
            self.names.clear();
        }
        let name: Name = Arc::from(text);
        self.names.push(name.clone());
        name
    }
}

/// Reads log lines one after another, sharing repeated ids and names between the
/// events it returns.
#[derive(Debug, Default)]
pub struct LineParser {
    interner: Interner,
}

impl LineParser {
    pub fn new() -> LineParser {
        LineParser::default()
    }

    /// Reads one log line (without its newline).
    pub fn parse(&mut self, line: &str) -> Result<Event, Refusal> {
        match fast::parse(line) {
            Some(raw) => raw.into_event(&mut self.interner),
            None => self.parse_serde(line),
        }
    }

    /// Reads one log line with serde_json alone: the reference the fast reader
    /// agrees with on every line (tested, and compared in benches/log.rs).
    pub fn parse_serde(&mut self, line: &str) -> Result<Event, Refusal> {
        match serde_json::from_str::<RawEvent>(line) {
            Ok(raw) => raw.into_event(&mut self.interner),
            Err(err) => Err(explain(line, &err)),
        }
    }
}

/// Reads one log line (without its newline).
pub fn parse_line(line: &str) -> Result<Event, Refusal> {
    LineParser::new().parse(line)
}

/// Reads one log line with serde_json alone (see [`LineParser::parse_serde`]).
pub fn parse_line_serde(line: &str) -> Result<Event, Refusal> {
    LineParser::new().parse_serde(line)
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Event, D::Error> {
        let raw = RawEvent::deserialize(d)?;
        raw.into_event(&mut Interner::default())
            .map_err(|r| serde::de::Error::custom(r.0))
    }
}

/// Every field any event may have, all optional, read in one pass. Which ones are
/// required is decided by `into_event` once `type` and `v` are known, so a newer
/// version's line is refused for its version, not for a missing field.
#[derive(Debug, Default, Deserialize)]
struct RawEvent<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Text<'a>>,
    v: Option<u64>,
    #[serde(borrow)]
    session: Option<Text<'a>>,
    at: Option<Time>,
    // start
    routine: Option<String>,
    routine_name: Option<String>,
    pain_before: Option<u8>,
    planned_steps: Option<u32>,
    // step
    index: Option<u32>,
    #[serde(borrow)]
    exercise: Option<Text<'a>>,
    #[serde(borrow)]
    exercise_name: Option<Text<'a>>,
    level: Option<u32>,
    set: Option<u32>,
    sets: Option<u32>,
    side: Option<Side>,
    dose: Option<DoseKind>,
    planned_secs: Option<f64>,
    achieved_secs: Option<f64>,
    planned_reps: Option<u32>,
    achieved_reps: Option<u32>,
    skipped: Option<bool>,
    hurt: Option<bool>,
    // end
    status: Option<EndStatus>,
    pain_after: Option<u8>,
    note: Option<String>,
    active_secs: Option<f64>,
    // level
    reason: Option<LevelReason>,
}

/// A string field borrowed from the line when it holds no escapes (serde borrows a
/// `Cow<str>` field, but not one inside an `Option`, which would cost an allocation
/// per id and name on every line).
#[derive(Debug)]
struct Text<'a>(Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        // As serde says it for a `String`.
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text.to_string())))
    }
}

/// An event's time, read as chrono reads a `DateTime<FixedOffset>` (RFC 3339, or
/// the relaxed form chrono also accepts), but with chrono's strict RFC 3339 parser
/// tried first: it takes about a sixth of the time of the relaxed one, and every
/// line upright writes passes it.
#[derive(Debug)]
struct Time(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        d.deserialize_str(TimeVisitor)
    }
}

struct TimeVisitor;

impl serde::de::Visitor<'_> for TimeVisitor {
    type Value = Time;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        // As chrono says it, so a refusal reads the same as before.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Time, E> {
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| text.parse())
            .map(Time)
            .map_err(E::custom)
    }
}

fn need<T>(value: Option<T>, field: &str, kind: &str) -> Result<T, Refusal> {
    value.ok_or_else(|| Refusal(format!("a {kind} event needs a `{field}` field")))
}

fn pain(value: Option<u8>, field: &str) -> Result<Option<u8>, Refusal> {
    match value {
        Some(p) if p > MAX_PAIN => Err(Refusal(format!(
            "`{field}` is {p}, outside the pain scale 0-{MAX_PAIN}"
        ))),
        other => Ok(other),
    }
}

/// A set's time from the log: seconds from 0 to a day, read to the millisecond.
fn set_time(value: Option<f64>, field: &str) -> Result<Option<std::time::Duration>, Refusal> {
    match value {
        None => Ok(None),
        Some(s) => from_log_secs(s).map(Some).ok_or_else(|| {
            Refusal(format!(
                "`{field}` is {s}, expected a number of seconds from 0 to {}",
                MAX_SET_TIME.as_secs()
            ))
        }),
    }
}

/// The longest a session's active time can be: a week.
const MAX_ACTIVE_SECS: f64 = 7.0 * 24.0 * 3600.0;

fn seconds(value: Option<f64>, field: &str) -> Result<Option<f64>, Refusal> {
    match value {
        Some(s) if !s.is_finite() || !(0.0..=MAX_ACTIVE_SECS).contains(&s) => Err(Refusal(
            format!("`{field}` is {s}, expected a number of seconds from 0 to {MAX_ACTIVE_SECS}"),
        )),
        other => Ok(other),
    }
}

fn at_least_one(value: u32, field: &str) -> Result<u32, Refusal> {
    if value == 0 {
        Err(Refusal(format!("`{field}` is 0; it counts from 1")))
    } else {
        Ok(value)
    }
}

impl RawEvent<'_> {
    fn into_event(self, interner: &mut Interner) -> Result<Event, Refusal> {
        let kind = self
            .kind
            .ok_or_else(|| Refusal("the line has no `type` field".into()))?;
        let v = self
            .v
            .ok_or_else(|| Refusal("the line has no `v` (schema version) field".into()))?;
        if v > u64::from(SCHEMA_VERSION) {
            return Err(Refusal(format!(
                "schema version {v} is newer than this upright reads ({SCHEMA_VERSION}); a newer upright wrote it"
            )));
        }
        if v == 0 {
            return Err(Refusal("schema version 0 does not exist".into()));
        }
        // The version the line was written with (1 or 2), checked above.
        let v = v as u32;
        let name: &str = &kind;
        if !matches!(name, "start" | "step" | "end" | "after" | "level") {
            return Err(unknown_kind(name));
        }
        let session = need(self.session, "session", name)?;
        if session.is_empty() {
            return Err(Refusal("the `session` id is empty".into()));
        }
        let session = interner.session(&session);
        let at = need(self.at, "at", name)?.0;
        Ok(match name {
            "start" => Event::Start(StartEvent {
                v,
                session,
                at,
                routine: need(self.routine, "routine", name)?,
                routine_name: need(self.routine_name, "routine_name", name)?,
                pain_before: pain(self.pain_before, "pain_before")?,
                planned_steps: self.planned_steps,
            }),
            "step" => Event::Step(StepEvent {
                v,
                session,
                at,
                record: SetRecord {
                    index: need(self.index, "index", name)?,
                    exercise: interner.name(&need(self.exercise, "exercise", name)?),
                    exercise_name: interner.name(&need(self.exercise_name, "exercise_name", name)?),
                    level: at_least_one(need(self.level, "level", name)?, "level")?,
                    set: at_least_one(need(self.set, "set", name)?, "set")?,
                    sets: at_least_one(need(self.sets, "sets", name)?, "sets")?,
                    side: self.side,
                    dose: need(self.dose, "dose", name)?,
                    planned: set_time(self.planned_secs, "planned_secs")?,
                    achieved: set_time(self.achieved_secs, "achieved_secs")?,
                    planned_reps: self.planned_reps,
                    achieved_reps: self.achieved_reps,
                    skipped: self.skipped.unwrap_or(false),
                    hurt: self.hurt.unwrap_or(false),
                },
            }),
            "end" => Event::End(EndEvent {
                v,
                session,
                at,
                status: need(self.status, "status", name)?,
                pain_after: pain(self.pain_after, "pain_after")?,
                note: self.note,
                active_secs: seconds(self.active_secs, "active_secs")?.unwrap_or(0.0),
            }),
            "after" => Event::After(AfterEvent {
                v,
                session,
                at,
                pain_after: pain(self.pain_after, "pain_after")?,
                note: self.note,
            }),
            "level" => Event::Level(LevelEvent {
                v,
                session,
                at,
                exercise: interner.name(&need(self.exercise, "exercise", name)?),
                level: at_least_one(need(self.level, "level", name)?, "level")?,
                reason: need(self.reason, "reason", name)?,
            }),
            other => return Err(unknown_kind(other)),
        })
    }
}

fn unknown_kind(name: &str) -> Refusal {
    Refusal(format!(
        "unknown event type \"{name}\" (expected start, step, end, after or level); a newer upright may have written it"
    ))
}

/// Turns a JSON error into a reason a user can act on. A line that is valid JSON but
/// not a valid event of this version gets the version or type named first.
fn explain(line: &str, err: &serde_json::Error) -> Refusal {
    use serde_json::error::Category;
    match err.classify() {
        Category::Eof => Refusal(format!(
            "the line stops in the middle of an event (column {}): it was cut short, probably by a crash or a full disk",
            err.column()
        )),
        Category::Syntax => Refusal(format!("not a JSON object: {err}")),
        Category::Io => Refusal(format!("could not be read: {err}")),
        Category::Data if !line.trim_start().starts_with('{') => {
            Refusal("not a JSON object: the line holds some other JSON value".into())
        }
        Category::Data => {
            // Valid JSON: maybe a newer version or kind whose fields differ.
            #[derive(Deserialize)]
            struct Peek {
                v: Option<serde_json::Value>,
                #[serde(rename = "type")]
                kind: Option<serde_json::Value>,
            }
            if let Ok(peek) = serde_json::from_str::<Peek>(line) {
                if let Some(v) = peek.v.as_ref().and_then(serde_json::Value::as_u64)
                    && v > u64::from(SCHEMA_VERSION)
                {
                    return Refusal(format!(
                        "schema version {v} is newer than this upright reads ({SCHEMA_VERSION}); a newer upright wrote it"
                    ));
                }
                if let Some(serde_json::Value::String(k)) = peek.kind.as_ref()
                    && !matches!(k.as_str(), "start" | "step" | "end" | "after" | "level")
                {
                    return unknown_kind(k);
                }
            }
            Refusal(format!(
                "not a valid event: {} at column {}",
                bare(err),
                err.column()
            ))
        }
    }
}

/// A JSON error's message without serde_json's " at line 1 column N" (the line is
/// the log's, which the caller names).
fn bare(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
