//! The end-of-session screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::{Action, App, EndStatus, Summary};
use crate::model::duration::format_clock_secs;
use crate::model::event::LevelReason;
use crate::model::plan::Work;
use crate::model::session::WorkRecord;

pub fn render(app: &App, s: &Summary, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let take_key = app
        .keymap
        .first_key(Context::Summary, Action::AcceptLevel)
        .unwrap_or_else(|| Action::AcceptLevel.name().to_string());
    let title = match s.status {
        EndStatus::Completed => "Session complete",
        EndStatus::Partial => "Session ended early",
        EndStatus::Abandoned => "Session discarded",
    };
    let done = s.records.iter().filter(|r| !r.skipped).count();
    let skipped = s.records.iter().filter(|r| r.skipped).count() + s.not_reached;
    let hurt = s.records.iter().filter(|r| r.hurt).count();
    let mut lines = vec![
        Line::styled(title, theme.title),
        Line::raw(""),
        Line::raw(s.routine_name.clone()),
        Line::raw(format!(
            "Time {} · active {} · {done} done · {skipped} skipped{}",
            format_clock_secs(s.wall_secs.round() as u64),
            format_clock_secs(s.active_secs.round() as u64),
            if hurt > 0 {
                format!(" · {hurt} hurt")
            } else {
                String::new()
            }
        )),
    ];
    if let Some(p) = s.pain_after {
        lines.push(Line::raw(format!("Pain after: {p}/10")));
    }
    if let Some(note) = &s.note {
        lines.push(Line::raw(format!("Note: {note}")));
    }
    for sug in &s.suggestions {
        let what = match sug.reason {
            LevelReason::Easier => "It hurt: try an easier level next time",
            _ => "Ready for the next level",
        };
        let text = format!(
            "{what}: {} level {} ({})",
            sug.exercise_name, sug.to, sug.level_name
        );
        let tail = if sug.accepted {
            "  ✓ taken".to_string()
        } else {
            format!("  · press {take_key} to take it")
        };
        lines.push(Line::from(vec![
            Span::styled(text, theme.accent),
            Span::styled(tail, theme.key),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(s.records.iter().map(|r| record_line(r, theme)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(super::widgets::panel("", theme))
        .render(area, buf);
}

/// One set of the session: done, skipped or hurt, and what was achieved.
fn record_line(r: &WorkRecord, theme: &Theme) -> Line<'static> {
    let what = match (&r.work, r.achieved_reps) {
        (Work::PacedReps { .. } | Work::SelfPacedReps { .. }, Some(n)) => {
            format!("{n}/{} reps", r.planned_reps.unwrap_or(0))
        }
        (Work::OpenHold { .. }, _) => format!("held {}", format_clock_secs(r.active.as_secs())),
        _ => format!(
            "held {} of {}",
            format_clock_secs(r.active.as_secs()),
            format_clock_secs(r.planned_secs.unwrap_or(0.0).round() as u64)
        ),
    };
    let side = r
        .side
        .map(|x| format!(" {}", x.as_str()))
        .unwrap_or_default();
    let (mark, style) = if r.hurt {
        ("hurt   ", theme.hurt)
    } else if r.skipped {
        ("skipped", theme.dim)
    } else {
        ("done   ", theme.good)
    };
    Line::from(vec![
        Span::styled(format!("  {mark} "), style),
        Span::raw(format!(
            "{} set {}/{}{side}: {what}",
            r.exercise_name, r.set, r.sets
        )),
    ])
}
