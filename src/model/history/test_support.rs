//! What the history's unit tests share.

use chrono::{DateTime, FixedOffset};

use super::{SessionRecord, Status};
use crate::model::event::StepEvent;
use crate::model::record::SetRecord;

/// Session `id`, started at `when` (RFC 3339), with these sets.
pub(super) fn session(id: &str, when: &str, sets: Vec<SetRecord>) -> SessionRecord {
    let started: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339(when).unwrap_or_else(|e| panic!("{when}: {e}"));
    SessionRecord {
        id: id.into(),
        routine: None,
        routine_name: None,
        started,
        ended: Some(started),
        last_event: started,
        status: Status::Completed,
        pain_before: None,
        pain_after: None,
        note: None,
        active_secs: 60.0,
        planned_steps: None,
        steps: sets
            .into_iter()
            .map(|record| StepEvent {
                v: 2,
                session: id.into(),
                at: started,
                record,
            })
            .collect(),
    }
}
