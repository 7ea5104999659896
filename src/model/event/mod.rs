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
use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod make;
mod parse;
mod unsaved;

pub use parse::{Interner, LineParser, Refusal, parse_line};
pub use unsaved::Unsaved;

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

#[cfg(test)]
mod tests {
    use super::*;

    pub(in crate::model::event) fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("test time")
    }

    pub(in crate::model::event) fn samples() -> Vec<Event> {
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
    fn session_ids_sort_by_time_and_carry_the_nonce() {
        let id = session_id(at("2024-03-31T10:15:00+02:00"), 0x1f);
        assert_eq!(id, "20240331T101500+0200-1f");
    }
}
