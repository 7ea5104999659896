//! `upright log --format json`: one object per line and session, with its steps,
//! oldest first.

use std::io::{self, Write};

use chrono::{NaiveDate, TimeZone};
use serde::Serialize;

use super::rfc3339_local;
use crate::model::event::{StepEvent, round_millis};
use crate::model::history::History;
use crate::model::record::SetRecord;

/// One session.
#[derive(Serialize)]
struct SessionJson<'a> {
    session: &'a str,
    date: NaiveDate,
    started: String,
    ended: Option<String>,
    routine: Option<&'a str>,
    routine_name: Option<&'a str>,
    status: &'static str,
    duration_secs: f64,
    active_secs: f64,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    note: Option<&'a str>,
    planned_steps: Option<u32>,
    done_steps: usize,
    skipped_steps: usize,
    hurt_steps: usize,
    steps: Vec<StepJson<'a>>,
}

/// One set of a session: its record, and when it was logged in the local zone
/// like every time here.
#[derive(Serialize)]
struct StepJson<'a> {
    at: String,
    #[serde(flatten)]
    record: &'a SetRecord,
}

impl<'a> StepJson<'a> {
    fn new<Tz: TimeZone>(st: &'a StepEvent, tz: &Tz) -> StepJson<'a> {
        StepJson {
            at: rfc3339_local(&st.at, tz),
            record: &st.record,
        }
    }
}

pub(super) fn write<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    tz: &Tz,
) -> io::Result<()> {
    for s in history.sessions() {
        let json = SessionJson {
            session: &s.id,
            date: s.local_date(tz),
            started: rfc3339_local(&s.started, tz),
            ended: s.ended.map(|e| rfc3339_local(&e, tz)),
            routine: s.routine.as_deref(),
            routine_name: s.routine_name.as_deref(),
            status: s.status.as_str(),
            duration_secs: s.duration_secs(),
            active_secs: round_millis(s.active_secs),
            pain_before: s.pain_before,
            pain_after: s.pain_after,
            note: s.note.as_deref(),
            planned_steps: s.planned_steps,
            done_steps: s.done_steps(),
            skipped_steps: s.skipped_steps(),
            hurt_steps: s.hurt_steps(),
            steps: s.steps.iter().map(|st| StepJson::new(st, tz)).collect(),
        };
        serde_json::to_writer(&mut *out, &json)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
