//! `upright log`: a table of sessions, newest first.

use std::io::{self, Write};

use chrono::TimeZone;

use crate::model::history::History;

use super::table::table;
use super::{LogReport, clock, completion, local_time, nothing, pain_pair, routine_label};

pub(super) fn write<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    report: &LogReport<'_>,
    tz: &Tz,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    if history.is_empty() {
        return nothing(out, report);
    }
    let rows: Vec<[String; 5]> = history
        .sessions()
        .iter()
        .rev()
        .map(|s| {
            [
                local_time(&s.started, tz),
                routine_label(s),
                clock(s.duration_secs()),
                completion(s),
                pain_pair(s.pain_before, s.pain_after, "->"),
            ]
        })
        .collect();
    table(
        out,
        ["DATE", "ROUTINE", "DURATION", "COMPLETION", "PAIN"],
        &rows,
        &[2],
    )
}
