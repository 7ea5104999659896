//! `upright log` and `upright stats`: past sessions and statistics as text, JSON, CSV
//! or a Markdown report for a physiotherapist. Output goes to any writer; the
//! functions that format take `now` and its time zone, so tests fix both.

use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Days, Local, NaiveDate, TimeZone};
use clap::ValueEnum;
use serde::Serialize;

use crate::cli::{Failure, TextOrJson};
use crate::model::diagnostic::Diagnostic;
use crate::model::duration::format_clock_secs;
use crate::model::history::{
    Best, BestValue, History, SessionRecord, Stats, StepRecord, WeekCount, week_start,
};
use crate::store::config;
use crate::store::log::{self, LoadedLog};
use crate::store::paths::Paths;

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

/// Set to an RFC 3339 time to make `log` and `stats` take it as "now" (for tests and
/// reproducible reports). The time zone is still the local one (`TZ`).
pub const NOW_ENV: &str = "UPRIGHT_NOW";

/// The current local time, or `$UPRIGHT_NOW` if set and valid.
pub fn now() -> DateTime<Local> {
    std::env::var(NOW_ENV)
        .ok()
        .and_then(|v| DateTime::parse_from_rfc3339(v.trim()).ok())
        .map_or_else(Local::now, |t| t.with_timezone(&Local))
}

/// Parses `--since`: a local date, YYYY-MM-DD.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("expected a date as YYYY-MM-DD, e.g. 2024-03-01 ({e})"))
}

fn io_failure(e: io::Error) -> Failure {
    Failure::Runtime(e.to_string())
}

/// Loads the log (copying bad lines to .corrupt) and prints a warning for each line
/// set aside. A log that cannot be read at all is a data failure naming the path.
pub fn load_history(err: &mut dyn Write, paths: &Paths) -> Result<History, Failure> {
    let path = paths.log_file();
    let (history, log) = log::load_history(&path).map_err(|e| {
        Failure::Data(vec![Diagnostic::whole_file(
            &path.display().to_string(),
            e.to_string(),
        )])
    })?;
    for w in log.warnings() {
        let _ = writeln!(err, "warning: {w}");
    }
    Ok(history)
}

/// `upright log`.
pub fn log_command(
    out: &mut dyn Write,
    err: &mut dyn Write,
    paths: &Paths,
    format: LogFormat,
    since: Option<NaiveDate>,
) -> Result<(), Failure> {
    let settings =
        config::load(&paths.config_file, paths.config_explicit).map_err(Failure::Config)?;
    let history = load_history(err, paths)?;
    let report = LogReport {
        format,
        since,
        weekly_goal: settings.session.weekly_goal,
        log_path: &paths.log_file(),
    };
    write_log(out, &history, &report, &now()).map_err(io_failure)
}

/// `upright stats`.
pub fn stats_command(
    out: &mut dyn Write,
    err: &mut dyn Write,
    paths: &Paths,
    format: TextOrJson,
) -> Result<(), Failure> {
    let settings =
        config::load(&paths.config_file, paths.config_explicit).map_err(Failure::Config)?;
    let history = load_history(err, paths)?;
    write_stats(
        out,
        &history,
        format,
        &now(),
        settings.session.weekly_goal,
        &paths.log_file(),
    )
    .map_err(io_failure)
}

/// The log's part of `upright check`: a summary line when it is fine, else one
/// located problem per set-aside line (or one for an unreadable file). Reads only.
pub fn check_log(path: &Path) -> Result<String, Vec<Diagnostic>> {
    let log: LoadedLog = log::read(path).map_err(|e| {
        vec![Diagnostic::whole_file(
            &path.display().to_string(),
            e.to_string(),
        )]
    })?;
    if !log.set_aside.is_empty() {
        return Err(log.diagnostics());
    }
    if !log.exists {
        return Ok(format!(
            "ok: no session log yet ({} will be created by the first session)",
            path.display()
        ));
    }
    let history = History::from_events(log.events);
    let n = history.sessions().len();
    Ok(format!(
        "ok: session log {}: {n} session{}, {} line{}",
        path.display(),
        if n == 1 { "" } else { "s" },
        log.lines,
        if log.lines == 1 { "" } else { "s" },
    ))
}

/// What `upright log` prints.
pub struct LogReport<'a> {
    pub format: LogFormat,
    pub since: Option<NaiveDate>,
    pub weekly_goal: u32,
    pub log_path: &'a Path,
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
        LogFormat::Text => log_text(out, &history, report, &tz),
        LogFormat::Json => log_json(out, &history, &tz),
        LogFormat::Csv => log_csv(out, &history, &tz),
        LogFormat::Markdown => log_markdown(out, &history, report, now),
    }
}

fn local_time<Tz: TimeZone>(at: &DateTime<chrono::FixedOffset>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    at.with_timezone(tz).format("%Y-%m-%d %H:%M").to_string()
}

fn clock(secs: f64) -> String {
    format_clock_secs(secs.max(0.0).round() as u64)
}

/// "completed 12/12", "interrupted 3/12".
fn completion(s: &SessionRecord) -> String {
    format!(
        "{} {}/{}",
        s.status.as_str(),
        s.done_steps(),
        s.total_steps()
    )
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

fn nothing(out: &mut dyn Write, report: &LogReport<'_>) -> io::Result<()> {
    match report.since {
        Some(d) => writeln!(out, "No sessions since {d}."),
        None => writeln!(
            out,
            "No sessions logged yet (the log is {}).",
            report.log_path.display()
        ),
    }
}

fn log_text<Tz: TimeZone>(
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
    crate::cli::table(
        out,
        ["DATE", "ROUTINE", "DURATION", "COMPLETION", "PAIN"],
        &rows,
        &[2],
    )
}

/// One session of `upright log --format json`.
#[derive(Serialize)]
struct SessionJson<'a> {
    session: &'a str,
    date: NaiveDate,
    started: DateTime<chrono::FixedOffset>,
    ended: Option<DateTime<chrono::FixedOffset>>,
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
    steps: &'a [StepRecord],
}

fn log_json<Tz: TimeZone>(out: &mut dyn Write, history: &History, tz: &Tz) -> io::Result<()> {
    for s in history.sessions() {
        let json = SessionJson {
            session: &s.id,
            date: s.local_date(tz),
            started: s.started,
            ended: s.ended,
            routine: s.routine.as_deref(),
            routine_name: s.routine_name.as_deref(),
            status: s.status.as_str(),
            duration_secs: s.duration_secs(),
            active_secs: crate::model::event::round_millis(s.active_secs),
            pain_before: s.pain_before,
            pain_after: s.pain_after,
            note: s.note.as_deref(),
            planned_steps: s.planned_steps,
            done_steps: s.done_steps(),
            skipped_steps: s.skipped_steps(),
            hurt_steps: s.hurt_steps(),
            steps: &s.steps,
        };
        serde_json::to_writer(&mut *out, &json)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

const CSV_HEADER: &str = "session,date,started,routine,routine_name,status,duration_secs,active_secs,pain_before,pain_after,note,index,exercise,exercise_name,level,set,sets,side,dose,planned_secs,achieved_secs,planned_reps,achieved_reps,skipped,hurt";

fn log_csv<Tz: TimeZone>(out: &mut dyn Write, history: &History, tz: &Tz) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for s in history.sessions() {
        let session = [
            csv_field(&s.id),
            s.local_date(tz).to_string(),
            s.started.to_rfc3339(),
            csv_field(s.routine.as_deref().unwrap_or("")),
            csv_field(s.routine_name.as_deref().unwrap_or("")),
            s.status.as_str().to_string(),
            s.duration_secs().to_string(),
            crate::model::event::round_millis(s.active_secs).to_string(),
            opt(s.pain_before),
            opt(s.pain_after),
            csv_field(s.note.as_deref().unwrap_or("")),
        ]
        .join(",");
        if s.steps.is_empty() {
            writeln!(out, "{session}{}", ",".repeat(14))?;
        }
        for st in &s.steps {
            let step = [
                st.index.to_string(),
                csv_field(&st.exercise),
                csv_field(&st.exercise_name),
                st.level.to_string(),
                st.set.to_string(),
                st.sets.to_string(),
                opt(st.side.map(|s| s.as_str())),
                st.dose.as_str().to_string(),
                opt(st.planned_secs),
                opt(st.achieved_secs),
                opt(st.planned_reps),
                opt(st.achieved_reps),
                st.skipped.to_string(),
                st.hurt.to_string(),
            ]
            .join(",");
            writeln!(out, "{session},{step}")?;
        }
    }
    Ok(())
}

/// Escapes text for a Markdown table cell: no pipes or line breaks.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
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

fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

fn log_markdown<Tz: TimeZone>(
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
    let weeks = days as f64 / 7.0;
    writeln!(
        out,
        "**Period:** {first} to {today} ({}, {} weeks)",
        plural(days.max(0) as u64, "day", "days"),
        one_decimal(weeks)
    )?;
    writeln!(out)?;

    let stats: Stats = history.stats(now, report.weekly_goal);
    let counted = history.sessions().iter().filter(|s| s.counts()).count();
    let week_span = ((week_start(today) - week_start(first)).num_days() / 7 + 1).max(1) as u32;
    let weekly: Vec<WeekCount> = history.weekly_counts(now, week_span);
    // The current week is still going: judge only the weeks that are over.
    let finished = &weekly[..weekly.len().saturating_sub(1)];
    let met = finished
        .iter()
        .filter(|w| w.sessions >= report.weekly_goal)
        .count();

    writeln!(out, "## Adherence")?;
    writeln!(out)?;
    writeln!(
        out,
        "- Sessions: {} ({} completed, {} stopped early, {} discarded)",
        stats.sessions, stats.completed, stats.partial, stats.abandoned
    )?;
    writeln!(
        out,
        "- Sessions per week: {} on average (goal: {} a week)",
        one_decimal(counted as f64 / weeks.max(1.0)),
        report.weekly_goal
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
    writeln!(out)?;

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
    writeln!(out)?;

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
    writeln!(out)?;

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
            local_time(&s.started, &tz),
            md_cell(&routine_label(s)),
            clock(s.duration_secs()),
            completion(s),
            pain_pair(s.pain_before, s.pain_after, "→"),
            md_cell(s.note.as_deref().unwrap_or(""))
        )?;
    }
    Ok(())
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

/// `upright stats --format json`: the stats with recent weeks.
#[derive(Serialize)]
struct StatsJson<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    active_minutes: f64,
    /// The last twelve Monday-based weeks, oldest first.
    weeks: Vec<WeekCount>,
}

/// Writes the stats as text or JSON.
pub fn write_stats<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    format: TextOrJson,
    now: &DateTime<Tz>,
    weekly_goal: u32,
    log_path: &Path,
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
        TextOrJson::Text => stats_text(out, history, &stats, log_path, &now.timezone()),
    }
}

fn stats_text<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    s: &Stats,
    log_path: &Path,
    tz: &Tz,
) -> io::Result<()> {
    let day = |at: &DateTime<chrono::FixedOffset>| at.with_timezone(tz).date_naive();
    if s.sessions == 0 {
        writeln!(
            out,
            "No sessions logged yet (the log is {}).",
            log_path.display()
        )?;
    }
    let mut rows: Vec<(&str, String)> = Vec::new();
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
    rows.push(("Streak", streak));
    let week_end = s
        .week_start
        .checked_add_days(Days::new(6))
        .unwrap_or(s.week_start);
    rows.push((
        "This week",
        format!(
            "{} of {} sessions ({} to {})",
            s.week_sessions,
            s.weekly_goal,
            s.week_start.format("%a %Y-%m-%d"),
            week_end.format("%a %Y-%m-%d")
        ),
    ));
    rows.push((
        "Sessions",
        format!(
            "{}: {} completed, {} stopped early, {} discarded",
            s.sessions, s.completed, s.partial, s.abandoned
        ),
    ));
    rows.push(("Active days", s.active_days.to_string()));
    rows.push(("Time", hours_minutes(s.active_secs)));
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
        rows.push((
            if i == 0 { "Levels" } else { "" },
            format!(
                "{}: level {} ({}, {})",
                history.exercise_name(&l.exercise).unwrap_or(&l.exercise),
                l.level,
                l.reason.as_str(),
                day(&l.at)
            ),
        ));
    }
    let pain = &s.pain;
    if let (Some(f), Some(l)) = (pain.first(), pain.last()) {
        rows.push((
            "Pain (0-10)",
            format!(
                "first {} ({}), last {} ({})",
                pain_pair(f.before, f.after, "->"),
                f.date,
                pain_pair(l.before, l.after, "->"),
                l.date
            ),
        ));
        let avg = |v: Option<f64>| v.map_or_else(|| "-".to_string(), one_decimal);
        rows.push((
            "",
            format!(
                "average {} before, {} after",
                avg(pain.average_before),
                avg(pain.average_after)
            ),
        ));
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in rows {
        writeln!(out, "{k:width$}  {v}")?;
    }
    Ok(())
}
