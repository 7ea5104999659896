//! The log's events as the app makes them: a session's start, each finished set
//! from the session's own record, its end, and a level the user took.

use chrono::{DateTime, FixedOffset};

use super::StepEvent;
use super::{
    AfterEvent, EndEvent, EndStatus, Event, LevelEvent, LevelReason, SCHEMA_VERSION, StartEvent,
};
use crate::model::record::SetRecord;

impl Event {
    /// A session of `routine` (id and name) began, with the pain score given
    /// before it and how many work phases its plan has.
    pub fn start(
        session: &str,
        (routine, routine_name): (&str, &str),
        pain_before: Option<u8>,
        planned_steps: u32,
        at: DateTime<FixedOffset>,
    ) -> Event {
        Event::Start(StartEvent {
            v: SCHEMA_VERSION,
            session: session.into(),
            at,
            routine: routine.to_string(),
            routine_name: routine_name.to_string(),
            pain_before,
            planned_steps: Some(planned_steps),
        })
    }

    /// A work phase finished (done, skipped or stopped because it hurt): the
    /// session's own record of it.
    pub fn step(session: &str, record: &SetRecord, at: DateTime<FixedOffset>) -> Event {
        Event::Step(StepEvent {
            v: SCHEMA_VERSION,
            session: session.into(),
            at,
            record: record.clone(),
        })
    }

    /// The session ended, the moment it did.
    pub fn end(
        session: &str,
        status: EndStatus,
        active_secs: f64,
        at: DateTime<FixedOffset>,
    ) -> Event {
        Event::End(EndEvent {
            v: SCHEMA_VERSION,
            session: session.into(),
            at,
            status,
            pain_after: None,
            note: None,
            active_secs,
        })
    }

    /// What the user answered after the session (each answer if given).
    pub fn after(
        session: &str,
        pain_after: Option<u8>,
        note: Option<String>,
        at: DateTime<FixedOffset>,
    ) -> Event {
        Event::After(AfterEvent {
            v: SCHEMA_VERSION,
            session: session.into(),
            at,
            pain_after,
            note,
        })
    }

    /// The user took `level` of `exercise`.
    pub fn level(
        session: &str,
        exercise: &str,
        level: u32,
        reason: LevelReason,
        at: DateTime<FixedOffset>,
    ) -> Event {
        Event::Level(LevelEvent {
            v: SCHEMA_VERSION,
            session: session.into(),
            at,
            exercise: exercise.into(),
            level,
            reason,
        })
    }
}
