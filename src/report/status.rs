//! `upright status`: one short line for a status bar, as plain text, JSON (with the
//! `text`, `tooltip` and `class` fields waybar reads) or tmux style markup.

use std::io::{self, Write};

use chrono::{DateTime, Days, FixedOffset, TimeZone};
use clap::ValueEnum;
use serde::Serialize;

use crate::model::schedule::format_due_for;

/// `upright status --format`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatusFormat {
    /// Plain text (colour only on a terminal, and never with NO_COLOR)
    Text,
    /// One JSON object: text, tooltip and class (for waybar) and every figure
    Json,
    /// Text with tmux colour markup, for status-right
    Tmux,
}

/// A routine due now.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem {
    pub routine: String,
    pub name: String,
    pub since: DateTime<FixedOffset>,
    pub last_done: Option<DateTime<FixedOffset>>,
}

/// The next reminder.
#[derive(Debug, Clone, PartialEq)]
pub struct NextItem {
    pub routine: String,
    pub name: String,
    pub at: DateTime<FixedOffset>,
}

/// What the status line says.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    /// The one due longest first.
    pub due: Vec<DueItem>,
    pub next: Option<NextItem>,
    pub streak: u32,
    pub week_sessions: u32,
    pub weekly_goal: u32,
}

/// How plain text may look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextStyle {
    /// ANSI colour for what is due.
    pub color: bool,
    pub emoji: bool,
}

/// The line printed when the configuration or the files cannot be used.
pub const BROKEN: &str = "upright: run upright check";

/// When the next reminder comes: "18:30" today, "tomorrow 08:00", else "Mon 08:00".
fn when<Tz: TimeZone>(at: &DateTime<FixedOffset>, now: &DateTime<Tz>) -> String {
    let local = at.with_timezone(&now.timezone()).fixed_offset();
    let today = now.date_naive();
    let time = local.format("%H:%M");
    if local.date_naive() == today {
        time.to_string()
    } else if today.checked_add_days(Days::new(1)) == Some(local.date_naive()) {
        format!("tomorrow {time}")
    } else {
        format!("{} {time}", local.format("%a"))
    }
}

/// The parts of the line: (what is due or next, whether it is due), streak, week.
fn parts<Tz: TimeZone>(line: &StatusLine, now: &DateTime<Tz>, emoji: bool) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let now_f = now.fixed_offset();
    if let Some(first) = line.due.first() {
        let secs = (now_f - first.since).num_seconds();
        let mut text = format!("{} due {}", first.name, format_due_for(secs));
        if line.due.len() > 1 {
            text.push_str(&format!(" (+{} more)", line.due.len() - 1));
        }
        if emoji {
            text.insert_str(0, "\u{23f0} ");
        }
        out.push((text, true));
    } else if let Some(next) = &line.next {
        out.push((
            format!("next: {} {}", next.name, when(&next.at, now)),
            false,
        ));
    }
    if line.streak > 0 {
        let days = if line.streak == 1 { "day" } else { "days" };
        let text = if emoji {
            format!("\u{1f525} {} {days}", line.streak)
        } else {
            format!("streak {} {days}", line.streak)
        };
        out.push((text, false));
    }
    out.push((
        format!("{}/{} this week", line.week_sessions, line.weekly_goal),
        false,
    ));
    out
}

/// The line as plain text, as JSON's `text` has it.
pub fn plain<Tz: TimeZone>(line: &StatusLine, now: &DateTime<Tz>, emoji: bool) -> String {
    parts(line, now, emoji)
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[derive(Serialize)]
struct JsonDue<'a> {
    routine: &'a str,
    name: &'a str,
    since: String,
    for_secs: i64,
    last_done: Option<String>,
    command: String,
}

#[derive(Serialize)]
struct JsonNext<'a> {
    routine: &'a str,
    name: &'a str,
    at: String,
}

#[derive(Serialize)]
struct JsonWeek {
    sessions: u32,
    goal: u32,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    text: String,
    tooltip: String,
    class: &'static str,
    due: Vec<JsonDue<'a>>,
    next: Option<JsonNext<'a>>,
    streak: u32,
    week: JsonWeek,
}

fn json<Tz: TimeZone>(line: &StatusLine, now: &DateTime<Tz>, emoji: bool) -> io::Result<String> {
    let tz = now.timezone();
    let stamp = |t: &DateTime<FixedOffset>| t.with_timezone(&tz).fixed_offset().to_rfc3339();
    let now_f = now.fixed_offset();
    let due: Vec<JsonDue<'_>> = line
        .due
        .iter()
        .map(|d| JsonDue {
            routine: &d.routine,
            name: &d.name,
            since: stamp(&d.since),
            for_secs: (now_f - d.since).num_seconds().max(0),
            last_done: d.last_done.as_ref().map(stamp),
            command: format!("upright start {}", d.routine),
        })
        .collect();
    let tooltip = match due.first() {
        Some(d) => format!("{} is due: {}", d.name, d.command),
        None => line.next.as_ref().map_or_else(
            || "No reminders scheduled".to_string(),
            |n| format!("Next: {} at {}", n.name, when(&n.at, now)),
        ),
    };
    let out = JsonLine {
        text: plain(line, now, emoji),
        tooltip,
        class: if !due.is_empty() {
            "due"
        } else if line.next.is_some() {
            "next"
        } else {
            "idle"
        },
        due,
        next: line.next.as_ref().map(|n| JsonNext {
            routine: &n.routine,
            name: &n.name,
            at: stamp(&n.at),
        }),
        streak: line.streak,
        week: JsonWeek {
            sessions: line.week_sessions,
            goal: line.weekly_goal,
        },
    };
    serde_json::to_string(&out).map_err(io::Error::other)
}

/// Writes the line in `format`, with a newline.
pub fn write_status<Tz: TimeZone>(
    out: &mut dyn Write,
    line: &StatusLine,
    format: StatusFormat,
    style: TextStyle,
    now: &DateTime<Tz>,
) -> io::Result<()> {
    let text = match format {
        StatusFormat::Json => json(line, now, style.emoji)?,
        StatusFormat::Text => parts(line, now, style.emoji)
            .into_iter()
            .map(|(t, due)| match (due, style.color) {
                (true, true) => format!("\x1b[1;33m{t}\x1b[0m"),
                _ => t,
            })
            .collect::<Vec<_>>()
            .join(" · "),
        StatusFormat::Tmux => parts(line, now, style.emoji)
            .into_iter()
            .map(|(t, due)| {
                // A '#' in a name would start tmux markup.
                let t = t.replace('#', "##");
                if due {
                    format!("#[fg=yellow,bold]{t}#[default]")
                } else {
                    t
                }
            })
            .collect::<Vec<_>>()
            .join(" · "),
    };
    writeln!(out, "{text}")
}

/// Writes [`BROKEN`] in `format`.
pub fn write_broken(out: &mut dyn Write, format: StatusFormat) -> io::Result<()> {
    match format {
        StatusFormat::Json => writeln!(out, "{{\"text\":\"{BROKEN}\",\"class\":\"error\"}}"),
        StatusFormat::Text | StatusFormat::Tmux => writeln!(out, "{BROKEN}"),
    }
}
