//! `upright log` and `upright stats`: past sessions and statistics as text, JSON, CSV
//! or a Markdown report for a physiotherapist. Everything here formats a `History`
//! (or its `Stats`) given `now` and its time zone, so tests fix both; loading the
//! log and reading the clock are the command line's job.

mod csv;
mod json;
mod markdown;
mod stats;
pub mod status;
pub mod table;
mod text;

use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use clap::ValueEnum;

use crate::model::duration::format_clock_secs;
use crate::model::history::{Best, BestValue, History, SessionRecord};

pub use stats::write_stats;

/// `upright log --format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
    /// A table, newest first
    Text,
    /// One JSON object per line and session, with its steps, oldest first
    Json,
    /// One row per step (with its session's columns), oldest first
    Csv,
    /// A report to share with a physiotherapist
    Markdown,
}

/// `upright stats --format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}

/// What `upright log` prints.
pub struct LogReport<'a> {
    pub format: LogFormat,
    pub since: Option<NaiveDate>,
    pub weekly_goal: u32,
    /// Named when there is nothing to show, so the user knows where to look.
    pub data_dir: &'a Path,
}

/// Writes the log in the chosen format, for sessions since `report.since`.
pub fn write_log<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    report: &LogReport<'_>,
    now: &DateTime<Tz>,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let tz = now.timezone();
    let history = match report.since {
        Some(d) => history.since(d, &tz),
        None => history.clone(),
    };
    match report.format {
        LogFormat::Text => text::write(out, &history, report, &tz),
        LogFormat::Json => json::write(out, &history, &tz),
        LogFormat::Csv => csv::write(out, &history, &tz),
        LogFormat::Markdown => markdown::write(out, &history, report, now),
    }
}

/// A moment in RFC 3339 in the given (local) time zone, its offset written out
/// ("+01:00", "+00:00"; never "Z"): how every export writes times.
fn rfc3339_local<Tz: TimeZone>(at: &DateTime<FixedOffset>, tz: &Tz) -> String {
    at.with_timezone(tz)
        .fixed_offset()
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// "2024-03-29 07:30" in the given time zone.
fn local_time<Tz: TimeZone>(at: &DateTime<FixedOffset>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.with_timezone(tz).format("%Y-%m-%d %H:%M").to_string()
}

fn clock(secs: f64) -> String {
    format_clock_secs(secs.max(0.0).round() as u64)
}

/// "completed 12/12", "ended early 3/12".
fn completion(s: &SessionRecord) -> String {
    format!("{} {}/{}", s.status.word(), s.done_steps(), s.total_steps())
}

fn pain_pair(before: Option<u8>, after: Option<u8>, arrow: &str) -> String {
    let show = |p: Option<u8>| p.map_or_else(|| "-".to_string(), |p| p.to_string());
    if before.is_none() && after.is_none() {
        return String::new();
    }
    format!("{} {arrow} {}", show(before), show(after))
}

fn routine_label(s: &SessionRecord) -> String {
    s.routine_name
        .clone()
        .or_else(|| s.routine.clone())
        .unwrap_or_else(|| "(unknown routine)".to_string())
}

/// What the text and Markdown logs say when there are no sessions to show.
fn nothing(out: &mut dyn Write, report: &LogReport<'_>) -> io::Result<()> {
    match report.since {
        Some(d) => writeln!(out, "No sessions since {d}."),
        None => writeln!(
            out,
            "No sessions logged yet (the logs are kept in {}).",
            report.data_dir.display()
        ),
    }
}

/// "2 h 05 min", "12 min", "45 s".
fn hours_minutes(secs: f64) -> String {
    let total = secs.max(0.0).round() as u64;
    let (h, m) = (total / 3600, (total / 60) % 60);
    match (h, m) {
        (0, 0) => format!("{total} s"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

fn best_text(b: &Best) -> String {
    match b.value {
        BestValue::Hold { secs } => format!("held {}", clock(secs)),
        BestValue::Reps { reps } => format!("{reps} reps in a set"),
    }
}

fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(hours_minutes(45.4), "45 s");
        assert_eq!(hours_minutes(-3.0), "0 s");
        assert_eq!(hours_minutes(12.0 * 60.0 + 20.0), "12 min");
        assert_eq!(hours_minutes(2.0 * 3600.0 + 5.0 * 60.0), "2 h 05 min");
    }

    #[test]
    fn pain_pairs_show_a_dash_for_a_missing_score() {
        assert_eq!(pain_pair(Some(6), Some(4), "->"), "6 -> 4");
        assert_eq!(pain_pair(None, Some(4), "→"), "- → 4");
        assert_eq!(pain_pair(None, None, "->"), "");
    }
}
