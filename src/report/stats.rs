//! `upright stats`: streak, this week, totals, personal bests, levels and the pain
//! trend, as aligned text or as JSON with the last twelve weeks.

use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Days, FixedOffset, TimeZone};
use serde::Serialize;

use crate::model::history::{History, Stats, WeekCount};

use super::{TextOrJson, best_text, hours_minutes, one_decimal, pain_pair};
use crate::model::words::plural;

/// `upright stats --format json`: the stats with recent weeks.
#[derive(Serialize)]
struct StatsJson<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    active_minutes: f64,
    /// The last twelve Monday-based weeks, oldest first.
    weeks: Vec<WeekCount>,
}

/// How many levels an exercise has in the library now (`None`: not known).
pub type LevelsNow<'a> = &'a dyn Fn(&str) -> Option<usize>;

/// Writes the stats as text or JSON; `data_dir` is named when there are none.
/// A level the library no longer has is said, and the highest it has is used.
pub fn write_stats<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    format: TextOrJson,
    now: &DateTime<Tz>,
    weekly_goal: u32,
    data_dir: &Path,
    levels_now: LevelsNow<'_>,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let stats = history.stats(now, weekly_goal);
    match format {
        TextOrJson::Json => {
            let json = StatsJson {
                stats: &stats,
                active_minutes: (stats.active_minutes() * 10.0).round() / 10.0,
                weeks: history.weekly_counts(now, 12),
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)
        }
        TextOrJson::Text => {
            if stats.sessions == 0 {
                writeln!(
                    out,
                    "No sessions logged yet (the logs are kept in {}).",
                    data_dir.display()
                )?;
            }
            let mut rows = summary_rows(&stats);
            rows.extend(progress_rows(history, &stats, &now.timezone(), levels_now));
            rows.extend(pain_rows(&stats));
            let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in rows {
                writeln!(out, "{k:width$}  {}", crate::model::words::printable(&v))?;
            }
            Ok(())
        }
    }
}

/// A label (empty to continue the one above) and its text.
type Row = (&'static str, String);

/// Streak, this week, sessions, active days and time.
fn summary_rows(s: &Stats) -> Vec<Row> {
    let streak = match s.last_active {
        Some(d) if s.current_streak == 0 => format!(
            "0 days (last active {d}; longest {})",
            plural(s.longest_streak, "day", "days")
        ),
        _ => format!(
            "{} (longest {})",
            plural(s.current_streak, "day", "days"),
            plural(s.longest_streak, "day", "days")
        ),
    };
    let week_end = s
        .week_start
        .checked_add_days(Days::new(6))
        .unwrap_or(s.week_start);
    vec![
        ("Streak", streak),
        (
            "This week",
            format!(
                "{} of {} sessions ({} to {})",
                s.week_sessions,
                s.weekly_goal,
                s.week_start.format("%a %Y-%m-%d"),
                week_end.format("%a %Y-%m-%d")
            ),
        ),
        ("Sessions", format!("{}: {}", s.sessions, s.outcomes())),
        ("Active days", s.active_days.to_string()),
        ("Time", hours_minutes(s.active_secs)),
    ]
}

/// Personal bests and level changes, each dated in the local time zone.
fn progress_rows<Tz: TimeZone>(
    history: &History,
    s: &Stats,
    tz: &Tz,
    levels_now: LevelsNow<'_>,
) -> Vec<Row> {
    let day = |at: &DateTime<FixedOffset>| at.with_timezone(tz).date_naive();
    let mut rows = Vec::new();
    for (i, b) in s.bests.iter().enumerate() {
        rows.push((
            if i == 0 { "Personal bests" } else { "" },
            format!(
                "{}: {} (level {}, {})",
                b.exercise_name,
                best_text(b),
                b.level,
                day(&b.at)
            ),
        ));
    }
    for (i, l) in s.levels.iter().enumerate() {
        let (shown, gone) = match levels_now(&l.exercise) {
            Some(n) if n >= 1 && l.level as usize > n => (
                u32::try_from(n).unwrap_or(u32::MAX),
                format!("level {} no longer exists; ", l.level),
            ),
            _ => (l.level, String::new()),
        };
        rows.push((
            if i == 0 { "Levels" } else { "" },
            format!(
                "{}: level {shown} ({gone}{}, {})",
                history.exercise_name(&l.exercise).unwrap_or(&l.exercise),
                l.reason.as_str(),
                day(&l.at)
            ),
        ));
    }
    rows
}

/// The first and last pain scores and the averages, when any were recorded.
fn pain_rows(s: &Stats) -> Vec<Row> {
    let pain = &s.pain;
    let (Some(f), Some(l)) = (pain.first(), pain.last()) else {
        return Vec::new();
    };
    let avg = |v: Option<f64>| v.map_or_else(|| "-".to_string(), one_decimal);
    vec![
        (
            "Pain (0-10)",
            format!(
                "first {} ({}), last {} ({})",
                pain_pair(f.before, f.after, "->"),
                f.date,
                pain_pair(l.before, l.after, "->"),
                l.date
            ),
        ),
        (
            "",
            format!(
                "average {} before, {} after",
                avg(pain.average_before),
                avg(pain.average_after)
            ),
        ),
    ]
}
