//! The session log's events: what one line of `sessions.jsonl` holds.
//!
//! Every line is one JSON object with a `type` (`start`, `step`, `end`, `after`,
//! `level`), `v` (the schema version, [`SCHEMA_VERSION`]), `session` (an id shared
//! by the events of one session) and `at` (RFC 3339 with the UTC offset in force).
//!
//! Version 2 writes `end` the moment a session ends, and the pain score and note
//! asked afterwards as their own `after` event; version 1 lines (pain and note in
//! the `end`, outcomes `partial` and `abandoned`) are still read.
//!
//! Reading is forgiving in one direction only: fields this version does not know
//! are ignored, so a newer upright can add some; but a line whose `type` is unknown,
//! whose `v` is newer than [`SCHEMA_VERSION`], or whose values are out of range is
//! refused with a reason ([`parse_line`]), and the store sets it aside.

use std::ops::{Deref, DerefMut};

use chrono::{DateTime, FixedOffset};

use serde::{Deserialize, Serialize};

mod make;
mod parse;
mod unsaved;

pub use parse::{Interner, LineParser, Refusal, parse_line, parse_line_serde};
pub use unsaved::Unsaved;

pub use super::record::{DoseKind, Name, SetRecord, Side};

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = 2;

/// The highest pain score (pain is asked as 0-10).
pub const MAX_PAIN: u8 = 10;

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Start(StartEvent),
    Step(StepEvent),
    End(EndEvent),
    After(AfterEvent),
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

/// One work phase (one set, one side) finished, skipped or stopped because it hurt:
/// the set's record, with the session and the moment it was logged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub record: SetRecord,
}

impl Deref for StepEvent {
    type Target = SetRecord;
    fn deref(&self) -> &SetRecord {
        &self.record
    }
}

impl DerefMut for StepEvent {
    fn deref_mut(&mut self) -> &mut SetRecord {
        &mut self.record
    }
}

/// A session ended, written the moment it did (an interrupted one has none, until
/// the user declines to resume it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    pub status: EndStatus,
    /// Version 1 wrote the answers asked after the session here; version 2 writes
    /// them in an [`AfterEvent`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_after: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Time spent in work phases and rests, pauses excluded.
    #[serde(serialize_with = "millis")]
    pub active_secs: f64,
}

/// What the user answered after a session: the pain score and the note, each if
/// given. Joined to its session when the log is read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AfterEvent {
    pub v: u32,
    pub session: Name,
    pub at: DateTime<FixedOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_after: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
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

/// How a session ended, as the log writes it (version 1's `partial` and
/// `abandoned` are read as `ended_early` and `discarded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndStatus {
    /// Every phase reached.
    Completed,
    /// Ended early by the user, keeping what was done.
    #[serde(rename = "ended_early", alias = "partial")]
    Partial,
    /// Ended early; the user chose not to keep it.
    #[serde(rename = "discarded", alias = "abandoned")]
    Abandoned,
    /// It stopped without an end (the app was closed) and the user declined to
    /// pick it up again: it stays interrupted and is not offered again.
    Interrupted,
}

impl EndStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EndStatus::Completed => "completed",
            EndStatus::Partial => "ended_early",
            EndStatus::Abandoned => "discarded",
            EndStatus::Interrupted => "interrupted",
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
            Event::After(e) => &e.session,
            Event::Level(e) => &e.session,
        }
    }

    /// When it happened.
    pub fn at(&self) -> DateTime<FixedOffset> {
        match self {
            Event::Start(e) => e.at,
            Event::Step(e) => e.at,
            Event::End(e) => e.at,
            Event::After(e) => e.at,
            Event::Level(e) => e.at,
        }
    }

    /// The `type` as written in the log.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Start(_) => "start",
            Event::Step(_) => "step",
            Event::End(_) => "end",
            Event::After(_) => "after",
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

/// A session id from its start time, the host id of the machine that starts it
/// and a number that tells apart sessions started there in the same second (a
/// process id, a counter): `20240331T101500+0200-laptop-1f`. Ids sort by time,
/// and two machines never make the same one ([`super::host::of_session`] reads
/// the host back).
pub fn session_id(at: DateTime<FixedOffset>, host: &str, nonce: u32) -> String {
    let time = at.format("%Y%m%dT%H%M%S%z").to_string();
    super::host::session_id(&time, host, nonce)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    pub(in crate::model::event) fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("test time")
    }

    pub(in crate::model::event) fn samples() -> Vec<Event> {
        vec![
            Event::Start(StartEvent {
                v: SCHEMA_VERSION,
                session: "s1".into(),
                at: at("2024-03-31T10:15:00+02:00"),
                routine: "full".into(),
                routine_name: "Full upper-back routine".into(),
                pain_before: Some(4),
                planned_steps: Some(12),
            }),
            Event::Step(StepEvent {
                v: SCHEMA_VERSION,
                session: "s1".into(),
                at: at("2024-03-31T10:16:02.250+02:00"),
                record: SetRecord {
                    index: 0,
                    exercise: "plank".into(),
                    exercise_name: "Plank".into(),
                    level: 2,
                    set: 1,
                    sets: 3,
                    side: None,
                    dose: DoseKind::Open,
                    planned: Some(Duration::from_secs(30)),
                    achieved: Some(Duration::from_millis(41_500)),
                    planned_reps: None,
                    achieved_reps: None,
                    skipped: false,
                    hurt: false,
                },
            }),
            Event::Step(StepEvent {
                v: SCHEMA_VERSION,
                session: "s1".into(),
                at: at("2024-03-31T10:20:00+02:00"),
                record: SetRecord {
                    index: 5,
                    exercise: "shoulder-blade-stretch".into(),
                    exercise_name: "Stretch \"between\" the shoulder blades".into(),
                    level: 1,
                    set: 2,
                    sets: 2,
                    side: Some(Side::Right),
                    dose: DoseKind::Reps,
                    planned: None,
                    achieved: None,
                    planned_reps: Some(10),
                    achieved_reps: Some(7),
                    skipped: true,
                    hurt: true,
                },
            }),
            Event::End(EndEvent {
                v: SCHEMA_VERSION,
                session: "s1".into(),
                at: at("2024-03-31T10:27:00+02:00"),
                status: EndStatus::Partial,
                pain_after: Some(0),
                note: Some("left shoulder\ntight".into()),
                active_secs: 612.5,
            }),
            Event::After(AfterEvent {
                v: SCHEMA_VERSION,
                session: "s1".into(),
                at: at("2024-03-31T10:27:30+02:00"),
                pain_after: Some(2),
                note: Some("better".into()),
            }),
            Event::Level(LevelEvent {
                v: SCHEMA_VERSION,
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
        step.achieved = Some(Duration::from_secs_f64(632.0 / 7.0));
        step.planned = Some(Duration::from_millis(300));
        let line = Event::Step(step.clone()).to_line();
        assert!(line.contains("\"achieved_secs\":90.286,"), "{line}");
        assert!(line.contains("\"planned_secs\":0.3,"), "{line}");
        let Ok(Event::Step(back)) = parse_line(&line) else {
            panic!("parses");
        };
        assert_eq!(back.achieved, Some(Duration::from_millis(90_286)));
        assert_eq!(back.planned, Some(Duration::from_millis(300)));
        // Every millisecond value survives the trip unchanged.
        for ms in (0..200_000u64).step_by(97) {
            step.achieved = Some(Duration::from_millis(ms));
            let line = Event::Step(step.clone()).to_line();
            let Ok(Event::Step(back)) = parse_line(&line) else {
                panic!("parses");
            };
            assert_eq!(back.achieved, step.achieved, "{line}");
        }
    }

    #[test]
    fn times_keep_their_offset() {
        let line = samples()[0].to_line();
        assert!(
            line.contains("\"at\":\"2024-03-31T10:15:00+02:00\""),
            "{line}"
        );
        let level = samples()[5].to_line();
        assert!(level.contains("\"at\":\"2024-03-31T10:27:01Z\""), "{level}");
    }

    #[test]
    fn session_ids_sort_by_time_and_carry_the_host_and_the_nonce() {
        let id = session_id(at("2024-03-31T10:15:00+02:00"), "laptop", 0x1f);
        assert_eq!(id, "20240331T101500+0200-laptop-1f");
        assert_eq!(crate::model::host::of_session(&id), Some("laptop"));
    }
}
