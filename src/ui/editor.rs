//! The routine editor: the steps with their doses (the selected one in reverse
//! video), the estimated length as it changes, where the routine is kept, the
//! editor's keys from the keymap, and the dialogs over it.

mod dialogs;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::picker::dose_line;
use super::theme::Theme;
use super::widgets;
use crate::app::editor::EditorState;
use crate::app::keymap::Context;
use crate::app::mouse::{Hits, List, Target};
use crate::app::{Action, App};
use crate::model::catalog::estimate;
use crate::model::duration::format_minutes;

/// The keys in the footer; the others are listed beside or under the steps.
pub const FOOTER: [Action; 6] = [
    Action::Add,
    Action::EditDose,
    Action::Save,
    Action::Undo,
    Action::Help,
    Action::Back,
];

/// The keys listed under the steps when there is no room for the full list.
const MORE: [Action; 8] = [
    Action::MoveUp,
    Action::MoveDown,
    Action::Delete,
    Action::Duplicate,
    Action::Rename,
    Action::Redo,
    Action::Reset,
    Action::DeleteRoutine,
];

/// The header's title: "Editing: Desk break (modified)".
pub fn title(state: &EditorState) -> String {
    let mut t = format!("Editing: {}", state.edit.routine().name);
    if state.edit.is_dirty() && state.deleted.is_none() {
        t.push_str(" (modified)");
    }
    t
}

pub fn render(
    app: &App,
    state: &EditorState,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    hits: &mut Hits,
) {
    let wide = area.width >= 100;
    let [main, side] = if wide {
        Layout::horizontal([Constraint::Min(40), Constraint::Length(34)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let more = if wide {
        Vec::new()
    } else {
        app.keymap.hints(Context::Editor, &MORE)
    };
    // The hint lines under the list, as many as they take at this width.
    let more_lines = widgets::indented(widgets::pack_hints(
        &more,
        main.width.saturating_sub(1),
        3,
        theme,
    ));
    let more_h = (more_lines.len() as u16).min(3);
    let status = status_lines(app, state, main.width, theme);
    let status_h = (status.len() as u16).min(4);
    let [list, status_area, more_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(status_h),
        Constraint::Length(more_h),
    ])
    .areas(main);

    steps(app, state, list, buf, theme, hits);
    Paragraph::new(status).render(status_area, buf);
    Paragraph::new(more_lines).render(more_area, buf);
    if wide {
        keys(app, side, buf, theme);
    }
    // Dialogs stand over the steps, not the key list.
    if let Some(modal) = &state.modal {
        hits.cover();
        dialogs::render(app, state, modal, main, buf, theme, hits);
    }
}

/// Cuts text to at most `max` characters, with "…" when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The error, the note, and where the routine is kept, wrapped to `width`.
fn status_lines(app: &App, state: &EditorState, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut parts = Vec::new();
    if let Some(err) = &state.error {
        // "Not saved: path:line:col: what", then what was expected.
        let mut lines = err.lines();
        parts.push((lines.next().unwrap_or_default().to_string(), theme.hurt));
        if let Some(expected) = lines.next() {
            parts.push((expected.trim().to_string(), theme.dim));
        }
    }
    if let Some(note) = &state.note {
        parts.push((note.clone(), theme.accent));
    }
    if parts.len() < 2 {
        parts.push((state.where_kept(&app.keymap), theme.dim));
    }
    let width = usize::from(width.saturating_sub(2)).max(10);
    parts
        .into_iter()
        .flat_map(|(text, style)| {
            wrap(&text, width)
                .into_iter()
                .map(move |l| Line::styled(format!(" {l}"), style))
        })
        .collect()
}

/// Splits text into lines of at most `width` characters, between words where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let have = line.chars().count();
            let need = word.chars().count() + usize::from(have > 0);
            if have + need <= width {
                if have > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if have > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a line: cut it.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The steps, two lines each, scrolled so the selected one is in view; each
/// row shown is a region for the mouse naming its step.
fn steps(
    app: &App,
    state: &EditorState,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    hits: &mut Hits,
) {
    let routine = state.edit.routine();
    let resolved = app.catalog.resolve(routine, &|id| app.current_level(id));
    let total = format_minutes(estimate(&resolved, &app.settings.timer));
    let count = routine.steps.len();
    let title = match count {
        0 => format!(" {} · no steps ", routine.name),
        1 => format!(" {} · 1 step · about {total} ", routine.name),
        _ => format!(" {} · {count} steps · about {total} ", routine.name),
    };
    let block = super::widgets::panel(Span::styled(title, theme.title), theme);
    let mut lines: Vec<Line> = Vec::new();
    if resolved.is_empty() {
        lines.push(Line::raw(""));
        let add = widgets::key_text(&app.keymap, Context::Editor, Action::Add);
        lines.push(Line::raw(format!(" No steps yet. Press {add} to add one.")));
    }
    let selected = state.edit.selected();
    for (i, s) in resolved.iter().enumerate() {
        let chosen = i == selected && state.deleted.is_none();
        let marker = if chosen { "▶" } else { " " };
        let head = format!(
            "{marker}{:>3}. {} · Level {}: {}",
            i + 1,
            s.exercise_name,
            s.level,
            s.level_name
        );
        if chosen {
            let pad = (area.width.saturating_sub(2) as usize).saturating_sub(head.chars().count());
            lines.push(Line::styled(
                format!("{head}{}", " ".repeat(pad)),
                theme.selected,
            ));
        } else {
            lines.push(Line::styled(head, theme.base));
        }
        lines.push(Line::styled(
            format!("       {}", dose_line(s, app.settings.timer.rest)),
            theme.dim,
        ));
    }
    let inner_h = area.height.saturating_sub(2) as usize;
    let sel_line = selected * 2 + 1;
    let scroll = sel_line.saturating_sub(inner_h.saturating_sub(1)) as u16;
    hits.add(area, Target::List(List::Steps));
    let owners: Vec<usize> = (0..resolved.len()).flat_map(|i| [i, i]).collect();
    super::picker::add_rows(
        hits,
        block.inner(area),
        usize::from(scroll),
        &owners,
        List::Steps,
    );
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// Every editor key, from the keymap.
fn keys(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut lines = Vec::new();
    for (keys, label) in app.keymap.help(Context::Editor) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {keys:<11}"), theme.key),
            Span::raw(label),
        ]));
    }
    Paragraph::new(lines)
        .block(super::widgets::panel(
            Span::styled(" Keys ", theme.title),
            theme,
        ))
        .render(area, buf);
}
