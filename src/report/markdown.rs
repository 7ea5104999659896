//! `upright log --format markdown`: a report to share with a physiotherapist:
//! the period, adherence, pain, what was done and every session.

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate, TimeZone};

use crate::model::history::{History, Stats, WeekCount, week_start};

use super::{
    LogReport, best_text, clock, completion, hours_minutes, local_time, nothing, one_decimal,
    pain_pair, routine_label,
};
use crate::model::words::plural;

/// The days the report covers.
struct Period {
    first: NaiveDate,
    today: NaiveDate,
    weeks: f64,
}

pub(super) fn write<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    report: &LogReport<'_>,
    now: &DateTime<Tz>,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let tz = now.timezone();
    let today = now.date_naive();
    writeln!(out, "# Exercise report")?;
    writeln!(out)?;
    writeln!(
        out,
        "Upper-back, neck and shoulder exercise sessions recorded with upright. Pain is self-reported on a scale of 0 (none) to 10 (worst imaginable), before and after each session."
    )?;
    writeln!(out)?;
    let Some(first_session) = history.sessions().first() else {
        return nothing(out, report);
    };
    let first = report
        .since
        .unwrap_or_else(|| first_session.local_date(&tz))
        .min(today);
    let days = (today - first).num_days() + 1;
    let period = Period {
        first,
        today,
        weeks: days as f64 / 7.0,
    };
    writeln!(
        out,
        "**Period:** {first} to {today} ({}, {} weeks)",
        plural(days.max(0) as u64, "day", "days"),
        one_decimal(period.weeks)
    )?;
    writeln!(out)?;
    let stats: Stats = history.stats(now, report.weekly_goal);
    adherence(out, history, &stats, &period, report.weekly_goal, now)?;
    pain(out, &stats)?;
    exercises(out, history)?;
    sessions(out, history, &tz)
}

fn adherence<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    stats: &Stats,
    period: &Period,
    weekly_goal: u32,
    now: &DateTime<Tz>,
) -> io::Result<()> {
    let counted = history.sessions().iter().filter(|s| s.counts()).count();
    let week_span =
        ((week_start(period.today) - week_start(period.first)).num_days() / 7 + 1).max(1) as u32;
    let weekly: Vec<WeekCount> = history.weekly_counts(now, week_span);
    // The current week is still going: judge only the weeks that are over.
    let finished = &weekly[..weekly.len().saturating_sub(1)];
    let met = finished
        .iter()
        .filter(|w| w.sessions >= weekly_goal)
        .count();

    writeln!(out, "## Adherence")?;
    writeln!(out)?;
    writeln!(out, "- Sessions: {} ({})", stats.sessions, stats.outcomes())?;
    writeln!(
        out,
        "- Sessions per week: {} on average (goal: {} a week)",
        one_decimal(counted as f64 / period.weeks.max(1.0)),
        weekly_goal
    )?;
    if !finished.is_empty() {
        writeln!(
            out,
            "- Weeks meeting the goal: {met} of {} (the current week not counted)",
            finished.len()
        )?;
    }
    writeln!(
        out,
        "- Active days: {}; longest run of consecutive days: {}",
        stats.active_days,
        plural(stats.longest_streak, "day", "days")
    )?;
    writeln!(
        out,
        "- Time exercising: {}",
        hours_minutes(stats.active_secs)
    )?;
    writeln!(out)
}

fn pain(out: &mut dyn Write, stats: &Stats) -> io::Result<()> {
    writeln!(out, "## Pain")?;
    writeln!(out)?;
    let pain = &stats.pain;
    match (pain.first(), pain.last()) {
        (Some(f), Some(l)) => {
            writeln!(
                out,
                "- Scores recorded in {} of {} sessions.",
                pain.series.len(),
                stats.sessions
            )?;
            writeln!(
                out,
                "- First ({}): {}. Last ({}): {}.",
                f.date,
                pain_words(f.before, f.after),
                l.date,
                pain_words(l.before, l.after)
            )?;
            let avg = |v: Option<f64>| v.map_or_else(|| "-".to_string(), one_decimal);
            writeln!(
                out,
                "- Average before a session: {}; after: {}.",
                avg(pain.average_before),
                avg(pain.average_after)
            )?;
            if let Some(relief) = pain.average_relief {
                writeln!(
                    out,
                    "- Within a session, pain changed by {} on average ({} with both scores).",
                    signed(-relief),
                    plural(pain.paired as u64, "session", "sessions")
                )?;
            }
        }
        _ => writeln!(out, "No pain scores were recorded.")?,
    }
    writeln!(out)
}

fn exercises(out: &mut dyn Write, history: &History) -> io::Result<()> {
    writeln!(out, "## What was done")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Exercise | Sessions | Sets done | Skipped | Hurt | Levels | Best |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---|---|")?;
    for e in history.exercise_summaries() {
        let levels = if e.sets_done == 0 {
            "-".to_string()
        } else if e.first_level == e.last_level && e.min_level == e.max_level {
            e.first_level.to_string()
        } else {
            format!("{} → {}", e.first_level, e.last_level)
        };
        let best: Vec<String> = e.bests.iter().map(best_text).collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&e.exercise_name),
            e.sessions,
            e.sets_done,
            e.sets_skipped,
            e.sets_hurt,
            levels,
            if best.is_empty() {
                "-".to_string()
            } else {
                best.join("; ")
            }
        )?;
    }
    writeln!(out)
}

fn sessions<Tz: TimeZone>(out: &mut dyn Write, history: &History, tz: &Tz) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    writeln!(out, "## Sessions")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Date | Routine | Duration | Completion | Pain before → after | Note |"
    )?;
    writeln!(out, "|---|---|---:|---|---|---|")?;
    for s in history.sessions() {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            local_time(&s.started, tz),
            md_cell(&routine_label(s)),
            clock(s.duration_secs()),
            completion(s),
            pain_pair(s.pain_before, s.pain_after, "→"),
            md_cell(s.note.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
}

/// Escapes text for a Markdown table cell: no pipes or line breaks.
fn md_cell(s: &str) -> String {
    let cell = s
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ");
    crate::model::words::printable(&cell).into_owned()
}

fn pain_words(before: Option<u8>, after: Option<u8>) -> String {
    let show = |p: Option<u8>| p.map_or_else(|| "not recorded".to_string(), |p| p.to_string());
    format!("{} before, {} after", show(before), show(after))
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{v:.1}")
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_escape_pipes_and_fold_line_breaks() {
        assert_eq!(md_cell("a | b\\c\nd\r\ne"), "a \\| b\\\\c d  e");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed(1.34), "+1.3");
        assert_eq!(signed(-0.5), "-0.5");
        assert_eq!(signed(0.0), "0.0");
    }
}
