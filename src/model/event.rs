//! The session log's events: what one line of `sessions.jsonl` holds.
//!
//! Every line is one JSON object with a `type` (`start`, `step`, `end`, `level`),
//! `v` (the schema version, [`SCHEMA_VERSION`]), `session` (an id shared by the
//! events of one session) and `at` (RFC 3339 with the UTC offset in force).
//!
//! Reading is forgiving in one direction only: fields this version does not know
//! are ignored, so a newer upright can add some; but a line whose `type` is unknown,
//! whose `v` is newer than [`SCHEMA_VERSION`], or whose values are out of range is
//! refused with a reason ([`parse_line`]), and the store sets it aside.

use chrono::{DateTime, FixedOffset};
use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = 1;

/// An id or name repeated on many lines (session ids, exercise ids and names):
/// shared, so reading a long log does not allocate it again for every line.
pub type Name = Arc<str>;

/// The highest pain score (pain is asked as 0-10).
pub const MAX_PAIN: u8 = 10;

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Start(StartEvent),
    Step(StepEvent),
    End(EndEvent),
    Level(LevelEvent),
}

/// A session began.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StartEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    /// The routine's id.
    pub routine: String,
    pub routine_name: String,
    /// "How is your upper back right now?", 0-10, if asked and answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_before: Option<u8>,
    /// How many work phases (sets and sides) the session's plan has, so history can
    /// show "5/12" for a session that stopped early. Optional: an addition to the
    /// fields DESIGN.md lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_steps: Option<u32>,
}

/// One work phase (one set, one side) finished, skipped or stopped because it hurt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    /// The work phase's index in the session plan (0-based). A phase done again
    /// (after "back") is logged again with the same index; the last one counts.
    pub index: u32,
    /// The exercise's id.
    pub exercise: Name,
    pub exercise_name: Name,
    /// 1-based level number.
    pub level: u32,
    /// 1-based set number, and how many sets the step has.
    pub set: u32,
    pub sets: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    pub dose: DoseKind,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "millis_opt")]
    pub planned_secs: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "millis_opt")]
    pub achieved_secs: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_reps: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved_reps: Option<u32>,
    pub skipped: bool,
    pub hurt: bool,
}

/// A session ended (an interrupted one has none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    pub status: EndStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_after: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Time spent in work phases and rests, pauses excluded.
    #[serde(serialize_with = "millis")]
    pub active_secs: f64,
}

/// The user accepted a level for an exercise; it stays the current level until the
/// next such event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    pub exercise: Name,
    /// 1-based level number.
    pub level: u32,
    pub reason: LevelReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// As the session screen says it.
    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "Left side",
            Side::Right => "Right side",
        }
    }
}

/// How a set was dosed: a timed hold, repetitions, or a hold for as long as possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoseKind {
    Hold,
    Reps,
    Open,
}

impl DoseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DoseKind::Hold => "hold",
            DoseKind::Reps => "reps",
            DoseKind::Open => "open",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndStatus {
    /// Every step reached.
    Completed,
    /// Ended early and saved.
    Partial,
    /// Ended early; the user chose not to count it.
    Abandoned,
}

impl EndStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EndStatus::Completed => "completed",
            EndStatus::Partial => "partial",
            EndStatus::Abandoned => "abandoned",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelReason {
    /// The app suggested the next level and the user took it.
    Progress,
    /// The app suggested an easier level (after "this hurt") and the user took it.
    Easier,
    /// The user picked the level themselves.
    Manual,
}

impl LevelReason {
    pub fn as_str(self) -> &'static str {
        match self {
            LevelReason::Progress => "progress",
            LevelReason::Easier => "easier",
            LevelReason::Manual => "manual",
        }
    }
}

impl Event {
    /// The session this event belongs to.
    pub fn session(&self) -> &str {
        self.session_name()
    }

    /// The session id, shared.
    pub fn session_name(&self) -> &Name {
        match self {
            Event::Start(e) => &e.session,
            Event::Step(e) => &e.session,
            Event::End(e) => &e.session,
            Event::Level(e) => &e.session,
        }
    }

    /// When it happened.
    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            Event::Start(e) => e.at,
            Event::Step(e) => e.at,
            Event::End(e) => e.at,
            Event::Level(e) => e.at,
        }
    }

    /// The `type` as written in the log.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Start(_) => "start",
            Event::Step(_) => "step",
            Event::End(_) => "end",
            Event::Level(_) => "level",
        }
    }

    /// The event as one log line, without the trailing newline.
    pub fn to_line(&self) -> String {
        // Serialising these plain structs cannot fail: every map key is a string
        // and every float a logged, finite value (non-finite ones become null).
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Seconds are written to the millisecond: shorter lines, and a value read back
/// is exactly the value written.
pub fn round_millis(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}

fn millis<S: serde::Serializer>(secs: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_millis(*secs))
}

fn millis_opt<S: serde::Serializer>(secs: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match secs {
        Some(v) => s.serialize_some(&round_millis(*v)),
        None => s.serialize_none(),
    }
}

/// A session id from its start time and a number that tells apart sessions started
/// in the same second (a process id, a counter): `20240331T101500+0200-1f`.
pub fn session_id(at: DateTime<FixedOffset>, nonce: u32) -> String {
    format!("{}-{nonce:x}", at.format("%Y%m%dT%H%M%S%z"))
}

/// Why a line was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

mod fast;
mod make;
mod unsaved;

pub use unsaved::Unsaved;

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
            None => parse_serde(line, &mut self.interner),
        }
    }
}

/// Reads one log line (without its newline).
pub fn parse_line(line: &str) -> Result<Event, Refusal> {
    LineParser::new().parse(line)
}

/// The reference reader: serde_json and chrono, for every line the fast reader
/// leaves alone (and, in tests, to check the fast one against).
pub fn parse_line_serde(line: &str) -> Result<Event, Refusal> {
    parse_serde(line, &mut Interner::default())
}

fn parse_serde(line: &str, interner: &mut Interner) -> Result<Event, Refusal> {
    match serde_json::from_str::<RawEvent>(line) {
        Ok(raw) => raw.into_event(interner),
        Err(err) => Err(explain(line, &err)),
    }
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
    kind: Option<Cow<'a, str>>,
    v: Option<u64>,
    #[serde(borrow)]
    session: Option<Cow<'a, str>>,
    at: Option<DateTime<FixedOffset>>,
    // start
    routine: Option<String>,
    routine_name: Option<String>,
    pain_before: Option<u8>,
    planned_steps: Option<u32>,
    // step
    index: Option<u32>,
    #[serde(borrow)]
    exercise: Option<Cow<'a, str>>,
    #[serde(borrow)]
    exercise_name: Option<Cow<'a, str>>,
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

fn seconds(value: Option<f64>, field: &str) -> Result<Option<f64>, Refusal> {
    match value {
        Some(s) if !s.is_finite() || s < 0.0 => Err(Refusal(format!(
            "`{field}` is {s}, expected a number of seconds of 0 or more"
        ))),
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
        let v = SCHEMA_VERSION;
        let name: &str = &kind;
        if !matches!(name, "start" | "step" | "end" | "level") {
            return Err(unknown_kind(name));
        }
        let session = need(self.session, "session", name)?;
        if session.is_empty() {
            return Err(Refusal("the `session` id is empty".into()));
        }
        let session = interner.session(&session);
        let at = need(self.at, "at", name)?;
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
                index: need(self.index, "index", name)?,
                exercise: interner.name(&need(self.exercise, "exercise", name)?),
                exercise_name: interner.name(&need(self.exercise_name, "exercise_name", name)?),
                level: at_least_one(need(self.level, "level", name)?, "level")?,
                set: at_least_one(need(self.set, "set", name)?, "set")?,
                sets: at_least_one(need(self.sets, "sets", name)?, "sets")?,
                side: self.side,
                dose: need(self.dose, "dose", name)?,
                planned_secs: seconds(self.planned_secs, "planned_secs")?,
                achieved_secs: seconds(self.achieved_secs, "achieved_secs")?,
                planned_reps: self.planned_reps,
                achieved_reps: self.achieved_reps,
                skipped: self.skipped.unwrap_or(false),
                hurt: self.hurt.unwrap_or(false),
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
        "unknown event type \"{name}\" (expected start, step, end or level); a newer upright may have written it"
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
                    && !matches!(k.as_str(), "start" | "step" | "end" | "level")
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
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("test time")
    }

    fn samples() -> Vec<Event> {
        vec![
            Event::Start(StartEvent {
                v: 1,
                session: "s1".into(),
                at: at("2024-03-31T10:15:00+02:00"),
                routine: "full".into(),
                routine_name: "Full upper-back routine".into(),
                pain_before: Some(4),
                planned_steps: Some(12),
            }),
            Event::Step(StepEvent {
                v: 1,
                session: "s1".into(),
                at: at("2024-03-31T10:16:02.250+02:00"),
                index: 0,
                exercise: "plank".into(),
                exercise_name: "Plank".into(),
                level: 2,
                set: 1,
                sets: 3,
                side: None,
                dose: DoseKind::Open,
                planned_secs: Some(30.0),
                achieved_secs: Some(41.5),
                planned_reps: None,
                achieved_reps: None,
                skipped: false,
                hurt: false,
            }),
            Event::Step(StepEvent {
                v: 1,
                session: "s1".into(),
                at: at("2024-03-31T10:20:00+02:00"),
                index: 5,
                exercise: "shoulder-blade-stretch".into(),
                exercise_name: "Stretch \"between\" the shoulder blades".into(),
                level: 1,
                set: 2,
                sets: 2,
                side: Some(Side::Right),
                dose: DoseKind::Reps,
                planned_secs: None,
                achieved_secs: None,
                planned_reps: Some(10),
                achieved_reps: Some(7),
                skipped: true,
                hurt: true,
            }),
            Event::End(EndEvent {
                v: 1,
                session: "s1".into(),
                at: at("2024-03-31T10:27:00+02:00"),
                status: EndStatus::Partial,
                pain_after: Some(0),
                note: Some("left shoulder\ntight".into()),
                active_secs: 612.5,
            }),
            Event::Level(LevelEvent {
                v: 1,
                session: "s1".into(),
                at: at("2024-03-31T10:27:01Z"),
                exercise: "plank".into(),
                level: 3,
                reason: LevelReason::Progress,
            }),
        ]
    }

    #[test]
    fn every_event_type_round_trips_through_a_line() {
        for event in samples() {
            let line = event.to_line();
            assert!(!line.contains('\n'), "one line: {line}");
            assert!(
                line.starts_with(&format!("{{\"type\":\"{}\",\"v\":1,", event.kind())),
                "{line}"
            );
            assert_eq!(parse_line(&line), Ok(event.clone()), "{line}");
            let via_serde: Event = serde_json::from_str(&line).expect("serde");
            assert_eq!(via_serde, event);
        }
    }

    #[test]
    fn seconds_are_written_to_the_millisecond_and_read_back_exactly() {
        let Event::Step(mut step) = samples()[1].clone() else {
            panic!("a step");
        };
        step.achieved_secs = Some(632.0 / 7.0);
        step.planned_secs = Some(0.1 + 0.2);
        let line = Event::Step(step.clone()).to_line();
        assert!(line.contains("\"achieved_secs\":90.286,"), "{line}");
        assert!(line.contains("\"planned_secs\":0.3,"), "{line}");
        let Ok(Event::Step(back)) = parse_line(&line) else {
            panic!("parses");
        };
        assert_eq!(back.achieved_secs, Some(90.286));
        assert_eq!(back.planned_secs, Some(0.3));
        // Every millisecond value survives the trip unchanged.
        for ms in (0..200_000u32).step_by(97) {
            let secs = f64::from(ms) / 1000.0;
            step.achieved_secs = Some(secs);
            let line = Event::Step(step.clone()).to_line();
            let Ok(Event::Step(back)) = parse_line(&line) else {
                panic!("parses");
            };
            assert_eq!(back.achieved_secs, Some(secs), "{line}");
        }
    }

    #[test]
    fn times_keep_their_offset() {
        let line = samples()[0].to_line();
        assert!(
            line.contains("\"at\":\"2024-03-31T10:15:00+02:00\""),
            "{line}"
        );
        let level = samples()[4].to_line();
        assert!(level.contains("\"at\":\"2024-03-31T10:27:01Z\""), "{level}");
    }

    #[test]
    fn unknown_fields_are_ignored_and_optional_ones_default() {
        let line = r#"{"type":"step","v":1,"session":"s","at":"2024-01-01T08:00:00+01:00","index":3,"exercise":"ostrich","exercise_name":"Ostrich","level":1,"set":1,"sets":2,"dose":"reps","planned_reps":10,"achieved_reps":10,"heart_rate":88,"extra":{"nested":[1,2]}}"#;
        let Ok(Event::Step(step)) = parse_line(line) else {
            panic!("should parse: {:?}", parse_line(line));
        };
        assert_eq!(step.index, 3);
        assert!(!step.skipped && !step.hurt);
        assert_eq!(step.side, None);
    }

    #[test]
    fn refusals_name_the_reason() {
        let cases = [
            (
                r#"{"type":"start","v":2,"session":"s","at":"2024-01-01T08:00:00Z","routine":"r","routine_name":"R"}"#,
                "schema version 2 is newer",
            ),
            (
                r#"{"type":"start","v":7,"session":"s","at":"next tuesday"}"#,
                "schema version 7 is newer",
            ),
            (
                r#"{"type":"nap","v":1,"session":"s","at":"2024-01-01T08:00:00Z"}"#,
                "unknown event type",
            ),
            (
                r#"{"type":"start","v":1,"session":"s","at":"2024-01-01T08:00:00Z","routine":"r"}"#,
                "needs a `routine_name` field",
            ),
            (
                r#"{"type":"start","v":1,"session":"s","at":"2024-01-01T08:00:00Z","routine":"r","routine_name":"R","pain_before":11}"#,
                "outside the pain scale",
            ),
            (
                r#"{"type":"end","v":1,"session":"s","at":"2024-01-01 08:00","status":"completed","active_secs":1}"#,
                "not a valid event",
            ),
            (
                r#"{"type":"end","v":1,"session":"s","at":"2024-01-01T08:00:00Z","status":"finished","active_secs":1}"#,
                "not a valid event",
            ),
            (
                r#"{"type":"level","v":1,"session":"s","at":"2024-01-01T08:00:00Z","exercise":"plank","level":0,"reason":"manual"}"#,
                "counts from 1",
            ),
            (
                r#"{"type":"step","v":1,"session":"s","at":"2024-01-01T08:00:00Z","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold","achieved_secs":-3}"#,
                "0 or more",
            ),
            (
                r#"{"type":"end","v":1,"session":"s","at":"2024-"#,
                "cut short",
            ),
            ("hello", "not a JSON object"),
            (r#"{"v":1,"session":"s"}"#, "no `type`"),
            (r#"{"type":"end","session":"s"}"#, "no `v`"),
        ];
        for (line, want) in cases {
            let got = parse_line(line).expect_err(line).0;
            assert!(got.contains(want), "{line}\n  got: {got}\n  want: {want}");
        }
    }

    #[test]
    fn session_ids_sort_by_time_and_carry_the_nonce() {
        let id = session_id(at("2024-03-31T10:15:00+02:00"), 0x1f);
        assert_eq!(id, "20240331T101500+0200-1f");
    }
}
