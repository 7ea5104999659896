//! The end-of-session screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::{Action, App, EndStatus, Suggestion, Summary};
use crate::model::event::LevelReason;
use crate::model::history::SessionRecord;
use crate::model::record::{SetRecord, clocks_apart};

/// The end screen: how the session went, with the counts and times History shows
/// for it (both come from the session as the log records it), the answers given
/// after it, level suggestions, and every set.
pub fn render(app: &App, s: &Summary, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let record = app.history.session(&s.session_id);
    let counts = record.is_some_and(SessionRecord::counts);
    let title = title(s.status);
    let mut lines = vec![
        Line::styled(title, theme.title),
        Line::raw(""),
        Line::raw(s.routine_name.clone()),
    ];
    if let Some(r) = record {
        lines.push(Line::raw(format!("{} · {}", r.tally().words(), r.times())));
    }
    if !counts && s.status != EndStatus::Abandoned {
        lines.push(Line::styled(
            "No set was done, so this session does not count toward your streak or goal.",
            theme.dim,
        ));
    }
    lines.extend(new_best_lines(app, s, theme));
    if let Some(p) = s.pain_after {
        lines.push(Line::raw(format!("Pain after: {p}/10")));
    }
    if let Some(note) = &s.note {
        lines.push(Line::raw(format!("Note: {note}")));
    }
    lines.extend(suggestion_lines(app, s, theme));
    lines.push(Line::raw(""));
    if let Some(r) = record {
        lines.extend(r.steps.iter().map(|st| record_line(st, theme)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(super::widgets::panel("", theme))
        .render(area, buf);
}

/// How the session ended, as the end screen's title says it.
pub fn title(status: EndStatus) -> &'static str {
    match status {
        EndStatus::Completed => "Session complete",
        EndStatus::Partial => "Session ended early",
        EndStatus::Abandoned => "Session discarded",
        EndStatus::Interrupted => "Session interrupted",
    }
}

/// "New best: Plank, Toes and forearms: 0:52, best was 0:47", for each hold of
/// the session that beat the best before it at its level.
pub fn new_best_texts(app: &App, s: &Summary) -> Vec<String> {
    s.new_bests
        .iter()
        .map(|b| {
            let level = app
                .catalog
                .exercise(&b.exercise)
                .and_then(|e| e.level(b.level as usize))
                .map_or_else(|| format!("level {}", b.level), |l| l.name.clone());
            let (held, was) = clocks_apart(b.held, b.was);
            format!(
                "New best: {}, {level}: {held}, best was {was}",
                b.exercise_name
            )
        })
        .collect()
}

fn new_best_lines(app: &App, s: &Summary, theme: &Theme) -> Vec<Line<'static>> {
    new_best_texts(app, s)
        .into_iter()
        .map(|t| Line::styled(t, theme.good))
        .collect()
}

/// "Ready for the next level: Plank level 2 (Toes and forearms)".
pub fn suggestion_text(sug: &Suggestion) -> String {
    let what = match sug.reason {
        LevelReason::Easier => "It hurt: try an easier level next time",
        _ => "Ready for the next level",
    };
    format!(
        "{what}: {} level {} ({})",
        sug.exercise_name, sug.to, sug.level_name
    )
}

/// The suggestions, each with the key to take it ("· press l to take it").
fn suggestion_lines(app: &App, s: &Summary, theme: &Theme) -> Vec<Line<'static>> {
    let take_key = app
        .keymap
        .first_key(Context::Summary, Action::AcceptLevel)
        .unwrap_or_else(|| Action::AcceptLevel.name().to_string());
    s.suggestions
        .iter()
        .map(|sug| {
            let tail = if sug.accepted {
                "  ✓ taken".to_string()
            } else {
                format!("  · press {take_key} to take it")
            };
            Line::from(vec![
                Span::styled(suggestion_text(sug), theme.accent),
                Span::styled(tail, theme.key),
            ])
        })
        .collect()
}

/// One set of the session: done, skipped or hurt, and what was achieved.
fn record_line(r: &SetRecord, theme: &Theme) -> Line<'static> {
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
    // The mark says "skipped" already; a skipped set has nothing more to say.
    let what = if r.skipped && !r.hurt {
        String::new()
    } else {
        format!(": {}", r.describe())
    };
    Line::from(vec![
        Span::styled(format!("  {mark} "), style),
        Span::raw(format!(
            "{} set {}/{}{side}{what}",
            r.exercise_name, r.set, r.sets
        )),
    ])
}
