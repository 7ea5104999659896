//! `upright log --format csv`: one row per step, with its session's columns first
//! (a session without steps gets one row with the step columns empty), oldest
//! first. Fields are quoted only when they hold a comma, a quote or a line break.

use std::io::{self, Write};

use chrono::TimeZone;

use crate::model::event::StepEvent;
use crate::model::event::round_millis;
use crate::model::history::{History, SessionRecord};
use crate::model::record::to_log_secs;

const HEADER: [&str; 25] = [
    "session",
    "date",
    "started",
    "routine",
    "routine_name",
    "status",
    "duration_secs",
    "active_secs",
    "pain_before",
    "pain_after",
    "note",
    "index",
    "exercise",
    "exercise_name",
    "level",
    "set",
    "sets",
    "side",
    "dose",
    "planned_secs",
    "achieved_secs",
    "planned_reps",
    "achieved_reps",
    "skipped",
    "hurt",
];

/// The session's columns.
const SESSION_COLUMNS: usize = 11;

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn session_fields<Tz: TimeZone>(s: &SessionRecord, tz: &Tz) -> [String; SESSION_COLUMNS] {
    [
        s.id.to_string(),
        s.local_date(tz).to_string(),
        super::rfc3339_local(&s.started, tz),
        s.routine.clone().unwrap_or_default(),
        s.routine_name.clone().unwrap_or_default(),
        s.status.as_str().to_string(),
        s.duration_secs().to_string(),
        round_millis(s.active_secs).to_string(),
        opt(s.pain_before),
        opt(s.pain_after),
        s.note.clone().unwrap_or_default(),
    ]
}

fn step_fields(st: &StepEvent) -> [String; HEADER.len() - SESSION_COLUMNS] {
    [
        st.index.to_string(),
        st.exercise.to_string(),
        st.exercise_name.to_string(),
        st.level.to_string(),
        st.set.to_string(),
        st.sets.to_string(),
        opt(st.side.map(|s| s.as_str())),
        st.dose.as_str().to_string(),
        opt(st.planned.map(to_log_secs)),
        opt(st.achieved.map(to_log_secs)),
        opt(st.planned_reps),
        opt(st.achieved_reps),
        st.skipped.to_string(),
        st.hurt.to_string(),
    ]
}

pub(super) fn write<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    tz: &Tz,
) -> io::Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    csv.write_record(HEADER).map_err(io_error)?;
    let no_step: [String; HEADER.len() - SESSION_COLUMNS] = Default::default();
    for s in history.sessions() {
        let session = session_fields(s, tz);
        if s.steps.is_empty() {
            csv.write_record(session.iter().chain(&no_step))
                .map_err(io_error)?;
        }
        for st in &s.steps {
            csv.write_record(session.iter().chain(&step_fields(st)))
                .map_err(io_error)?;
        }
    }
    csv.flush()
}

/// The writer's own error, kept as it was when it is one (so a closed pipe is
/// still a closed pipe).
fn io_error(e: ::csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e.to_string());
    }
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    fn record(fields: &[&str]) -> String {
        let mut out = Vec::new();
        {
            let mut csv = ::csv::Writer::from_writer(&mut out);
            csv.write_record(fields).expect("write");
            csv.flush().expect("flush");
        }
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(
            record(&[
                "plain",
                "a, b",
                "say \"hi\"",
                "two\nlines",
                "cr\r",
                "a | b",
                ""
            ]),
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",a | b,\n"
        );
    }
}
