//! The routine picker: routines on the left, the selected one's steps on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::mouse::{Hits, List, Target};
use crate::app::{Action, App};
use crate::model::catalog::{Origin, estimate};
use crate::model::duration::{format_minutes, format_short};
use crate::model::routine::{ResolvedStep, Routine};
use crate::model::schedule::format_ago;
use crate::model::words::plural;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let area = match due_line(app, theme) {
        Some(line) if area.height > 3 => {
            let [top, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            Paragraph::new(line).render(top, buf);
            rest
        }
        _ => area,
    };
    let list_w = (area.width / 3).clamp(30, 40);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Min(10)]).areas(area);
    routine_list(app, left, buf, theme, hits);
    if let Some(routine) = app.catalog.routines().nth(app.selected) {
        routine_details(app, routine, right, buf, theme);
    }
}

/// "Due now: Desk break, last done 3 hours ago · Enter starts it", when a reminder
/// is due (the one due longest, and how many others are).
fn due_line(app: &App, theme: &Theme) -> Option<Line<'static>> {
    let first = app.reminders.due.first()?;
    let done = match first.last_done {
        Some(t) => format!("last done {}", format_ago((app.now.wall - t).num_seconds())),
        None => "not done yet".to_string(),
    };
    let mut spans = vec![
        Span::styled("Due now: ", theme.key),
        Span::styled(format!("{}, {done}", first.name), theme.title),
    ];
    let others: Vec<&str> = app.reminders.due[1..]
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    if !others.is_empty() {
        spans.push(Span::raw(format!(" · also due: {}", others.join(", "))));
    }
    let selected = app
        .catalog
        .routines()
        .nth(app.selected)
        .map(|r| r.id.as_str());
    if selected == Some(first.routine.as_str())
        && let Some(key) = app.keymap.first_key(Context::Picker, Action::Start)
    {
        spans.push(Span::styled(format!(" · {key} starts it"), theme.dim));
    }
    Some(Line::from(spans))
}

/// Every routine with its step count and length, the selected one kept in view.
/// Each row shown is a region for the mouse, naming its routine.
fn routine_list(app: &App, left: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let mut lines = Vec::new();
    // The routine each line belongs to.
    let mut owners = Vec::new();
    let mut sel_line = 1;
    for (i, r) in app.catalog.routines().enumerate() {
        let steps = app.catalog.resolve(r, &|id| app.current_level(id));
        let est = format_minutes(estimate(&steps, &app.settings.timer));
        let selected = i == app.selected;
        let marker = if selected { "▶ " } else { "  " };
        let custom = app.catalog.routine_origin(&r.id) == Some(Origin::Customised);
        let style = if selected { theme.selected } else { theme.base };
        if selected {
            // The last line of the entry, to keep it all in view.
            sel_line = lines.len() + 1;
        }
        lines.push(Line::styled(format!("{marker}{}", r.name), style));
        lines.push(Line::styled(
            format!(
                "    {} · about {est}",
                plural(r.steps.len() as u64, "step", "steps")
            ),
            theme.dim,
        ));
        if custom {
            // In words, on a line of its own so it is never cut off.
            lines.push(Line::styled("    (customised)", theme.accent));
            if selected {
                sel_line += 1;
            }
        }
        owners.resize(lines.len(), i);
    }
    if lines.is_empty() {
        lines.push(Line::raw("No routines."));
    }
    let block = super::widgets::panel(" Routines ", theme);
    // Keep the selection visible in a short terminal.
    let inner_h = left.height.saturating_sub(2) as usize;
    let scroll = sel_line.saturating_sub(inner_h.saturating_sub(1)) as u16;
    hits.add(left, Target::List(List::Routines));
    add_rows(
        hits,
        block.inner(left),
        usize::from(scroll),
        &owners,
        List::Routines,
    );
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(left, buf);
}

/// The rows of a list drawn in `inner` from line `scroll` on, each a region
/// naming the entry its line belongs to (`owners`: the entry of each line).
pub fn add_rows(hits: &mut Hits, inner: Rect, scroll: usize, owners: &[usize], list: List) {
    for (row, owner) in inner.rows().zip(owners.iter().skip(scroll)) {
        hits.add(row, Target::Item(list, *owner));
    }
}

/// The selected routine: its description, steps with their doses, the areas it
/// works and the cautions of its exercises.
fn routine_details(app: &App, routine: &Routine, right: Rect, buf: &mut Buffer, theme: &Theme) {
    let steps = app.catalog.resolve(routine, &|id| app.current_level(id));
    let mut d: Vec<Line> = Vec::new();
    if !routine.description.is_empty() {
        d.push(Line::raw(routine.description.clone()));
        d.push(Line::raw(""));
    }
    for (i, s) in steps.iter().enumerate() {
        d.push(Line::from(vec![
            Span::styled(format!("{:>2}. ", i + 1), theme.dim),
            Span::styled(s.exercise_name.clone(), theme.accent),
            Span::styled(format!(" · level {}: {}", s.level, s.level_name), theme.dim),
        ]));
        d.push(Line::raw(format!(
            "    {}",
            dose_line(s, app.settings.timer.rest)
        )));
    }
    let mut areas: Vec<String> = Vec::new();
    let mut cautions: Vec<(String, String)> = Vec::new();
    for s in &steps {
        if let Some(e) = app.catalog.exercise(&s.exercise_id) {
            for a in &e.areas {
                if !areas.contains(a) {
                    areas.push(a.clone());
                }
            }
            if !e.caution.is_empty() && !cautions.iter().any(|(n, _)| *n == e.name) {
                cautions.push((e.name.clone(), e.caution.clone()));
            }
        }
    }
    d.push(Line::raw(""));
    d.push(Line::from(vec![
        Span::styled("Works: ", theme.title),
        Span::raw(areas.join(", ")),
    ]));
    for (name, caution) in cautions {
        d.push(Line::from(vec![
            Span::styled(format!("Caution ({name}): "), theme.hurt),
            Span::raw(caution),
        ]));
    }
    // How to do each exercise, in full, once, after what keeps the user safe:
    // one paragraph an exercise.
    let mut described: Vec<&str> = Vec::new();
    for s in &steps {
        let Some(e) = app.catalog.exercise(&s.exercise_id) else {
            continue;
        };
        if described.contains(&e.id.as_str()) {
            continue;
        }
        if described.is_empty() {
            d.push(Line::raw(""));
            d.push(Line::styled("How to do them", theme.title));
        }
        described.push(&e.id);
        let mut spans = vec![Span::styled(format!("{}:", e.name), theme.accent)];
        for (i, ins) in e.instructions.iter().enumerate() {
            spans.push(Span::raw(format!(" {}. {ins}", i + 1)));
        }
        d.push(Line::from(spans));
    }
    let total = format_minutes(estimate(&steps, &app.settings.timer));
    let block = super::widgets::panel(
        Span::styled(format!(" {} · about {total} ", routine.name), theme.title),
        theme,
    );
    Paragraph::new(d)
        .block(block)
        .wrap(Wrap { trim: false })
        .render(right, buf);
}

/// "3 sets × hold 0:30, each side · rest 30s"
pub fn dose_line(s: &ResolvedStep, default_rest: std::time::Duration) -> String {
    let mut text = String::new();
    if s.sets > 1 {
        text.push_str(&format!("{} sets × ", s.sets));
    }
    text.push_str(&s.dose.describe());
    if s.per_side {
        text.push_str(", each side");
    }
    let rest = s.rest.unwrap_or(default_rest);
    if s.sets > 1 && !rest.is_zero() {
        text.push_str(&format!(" · rest {}", format_short(rest)));
    }
    text
}
