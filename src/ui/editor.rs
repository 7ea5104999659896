//! The routine editor: the steps with their doses (the selected one in reverse
//! video), the estimated length as it changes, where the routine is kept, the
//! editor's keys from the keymap, and the dialogs over it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::picker::dose_line;
use super::theme::Theme;
use super::widgets;
use crate::app::editor::{AddList, DoseForm, EditorState, Modal, NamePrompt};
use crate::app::keymap::Context;
use crate::app::{Action, App};
use crate::model::catalog::estimate;
use crate::model::duration::{format_minutes, format_short};
use crate::model::edit::DoseField;
use crate::model::exercise::{Dose, Exercise};
use crate::model::limits::EDIT_LIMITS;

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

pub fn render(app: &App, state: &EditorState, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
    let more_lines = packed_hints(&more, main.width, theme);
    let more_h = (more_lines.len() as u16).min(3);
    let status = status_lines(state, main.width, theme);
    let status_h = (status.len() as u16).min(4);
    let [list, status_area, more_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(status_h),
        Constraint::Length(more_h),
    ])
    .areas(main);

    steps(app, state, list, buf, theme);
    Paragraph::new(status).render(status_area, buf);
    Paragraph::new(more_lines).render(more_area, buf);
    if wide {
        keys(app, side, buf, theme);
    }
    // Dialogs stand over the steps, not the key list.
    let area = main;
    match &state.modal {
        Some(Modal::Add(list)) => add_dialog(app, list, area, buf, theme),
        Some(Modal::Dose(form)) => {
            if let Some(ex) = app.catalog.exercise(&form.exercise) {
                dose_dialog(form, ex, area, buf, theme);
            }
        }
        Some(Modal::Name(prompt)) => name_dialog(app, prompt, area, buf, theme),
        Some(Modal::ConfirmLeave { .. }) => confirm(
            area,
            buf,
            theme,
            "Unsaved changes",
            vec![format!(
                "\"{}\" has changes that are not saved.",
                state.edit.routine().name
            )],
            &[
                ("s", "save them"),
                ("d", "discard them"),
                ("k", "keep editing (Esc)"),
            ],
        ),
        Some(Modal::ConfirmDelete) => confirm(
            area,
            buf,
            theme,
            "Delete routine",
            vec![
                format!(
                    "Delete \"{}\" from routines.toml?",
                    state.edit.routine().name
                ),
                "u brings it back until you leave the editor.".into(),
            ],
            &[("y", "delete it"), ("n", "keep it (Esc)")],
        ),
        Some(Modal::ConfirmReset) => confirm(
            area,
            buf,
            theme,
            "Reset to built-in",
            vec![
                format!(
                    "Reset \"{}\" to the built-in version?",
                    state.edit.routine().name
                ),
                "Your copy is removed from routines.toml;".into(),
                "u brings your steps back until you leave.".into(),
            ],
            &[("y", "reset it"), ("n", "keep your copy (Esc)")],
        ),
        None => {}
    }
}

/// Hints laid out in lines of at most `width` cells, never cutting one in two.
fn packed_hints(hints: &[(String, &'static str)], width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines: Vec<Vec<(String, &'static str)>> = Vec::new();
    let mut used = 0;
    for (key, label) in hints {
        let w = key.chars().count() + 1 + label.chars().count();
        match lines.last_mut() {
            Some(line) if used + 3 + w <= width => {
                line.push((key.clone(), label));
                used += 3 + w;
            }
            _ => {
                lines.push(vec![(key.clone(), label)]);
                used = 1 + w;
            }
        }
    }
    lines
        .into_iter()
        .map(|hints| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(widgets::hint_line(&hints, theme).spans);
            Line::from(spans)
        })
        .collect()
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
fn status_lines(state: &EditorState, width: u16, theme: &Theme) -> Vec<Line<'static>> {
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
        parts.push((state.where_kept().to_string(), theme.dim));
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

fn steps(app: &App, state: &EditorState, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let routine = state.edit.routine();
    let resolved = app.catalog.resolve(routine, &|_| None);
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
        lines.push(Line::raw(" No steps yet. Press a to add one."));
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

fn key_line(pairs: &[(&str, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, label)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(k.to_string(), theme.key));
        spans.push(Span::raw(format!(" {label}")));
    }
    Line::from(spans)
}

fn confirm(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    title: &str,
    text: Vec<String>,
    choices: &[(&str, &str)],
) {
    let width = CONFIRM_WIDTH.min(area.width).saturating_sub(2);
    let mut lines: Vec<Line> = text
        .iter()
        .flat_map(|t| wrap(t, usize::from(width)))
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    for (k, label) in choices {
        lines.push(Line::from(vec![
            Span::styled(k.to_string(), theme.key),
            Span::raw(format!(" {label}")),
        ]));
    }
    widgets::dialog(area, buf, title, lines, theme, CONFIRM_WIDTH);
}

const CONFIRM_WIDTH: u16 = 56;

const ADD_WIDTH: u16 = 66;

fn add_dialog(app: &App, list: &AddList, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let matches = list.matches(&app.catalog);
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Filter: ", theme.title),
            Span::styled(format!("{}▏", list.filter), theme.accent),
        ]),
        Line::raw(""),
    ];
    // Room for the list: the dialog's frame, the lines above and the hint below.
    let room = (area.height.saturating_sub(7) as usize).max(1);
    let first = list.selected.saturating_sub(room.saturating_sub(1));
    if matches.is_empty() {
        lines.push(Line::styled(
            format!("No exercise matches \"{}\".", list.filter),
            theme.dim,
        ));
    }
    for (i, e) in matches.iter().enumerate().skip(first).take(room) {
        let text = fit(
            &format!(
                "{} {} · {} · {}",
                if i == list.selected { "▶" } else { " " },
                e.name,
                e.kind.as_str(),
                e.areas.join(", ")
            ),
            usize::from(ADD_WIDTH.min(area.width).saturating_sub(2)),
        );
        let style = if i == list.selected {
            theme.selected
        } else {
            theme.base
        };
        lines.push(Line::styled(text, style));
    }
    lines.push(Line::raw(""));
    lines.push(key_line(
        &[("↑↓", "choose"), ("Enter", "add"), ("Esc", "cancel")],
        theme,
    ));
    widgets::dialog(area, buf, "Add a step", lines, theme, ADD_WIDTH);
}

/// What a field means when left empty, from the level the form names.
fn default_of(field: DoseField, form: &DoseForm, ex: &Exercise) -> String {
    let (dose, _) = form.parse();
    let level_no = dose.level.unwrap_or(1);
    let Some(level) = ex.level(level_no).or(ex.levels.first()) else {
        return String::new();
    };
    match field {
        DoseField::Level => "your level".into(),
        DoseField::Sets => level.sets.to_string(),
        DoseField::Hold => match &level.dose {
            Dose::Hold(d) => format_short(*d),
            Dose::OpenHold { target: Some(t) } => {
                format!("as long as you can, aim {}", format_short(*t))
            }
            Dose::OpenHold { target: None } => "as long as you can".into(),
            Dose::Reps { .. } => "-".into(),
        },
        DoseField::Reps => match &level.dose {
            Dose::Reps { count, .. } => count.to_string(),
            _ => "-".into(),
        },
        DoseField::Rest => level
            .rest
            .map_or_else(|| "your [timer] rest".into(), format_short),
        DoseField::PerSide => if level.per_side { "yes" } else { "no" }.into(),
    }
}

/// What a field accepts.
fn range_of(field: DoseField, ex: &Exercise) -> String {
    let l = EDIT_LIMITS;
    match field {
        DoseField::Level => format!("1 to {}", ex.levels.len()),
        DoseField::Sets => format!("1 to {}", l.max_sets),
        DoseField::Hold => format!(
            "{} to {}",
            format_short(l.hold_min),
            format_short(l.hold_max)
        ),
        DoseField::Reps => format!("1 to {}", l.max_reps),
        DoseField::Rest => format!(
            "{} to {}",
            format_short(l.rest_min),
            format_short(l.rest_max)
        ),
        DoseField::PerSide => "Space: yes / no / default".into(),
    }
}

const DOSE_WIDTH: u16 = 64;

/// Beside the level field: the name of the level it names (level 1 when empty).
fn level_name(field: DoseField, form: &DoseForm, ex: &Exercise) -> String {
    if field != DoseField::Level {
        return String::new();
    }
    let (dose, _) = form.parse();
    ex.level(dose.level.unwrap_or(1))
        .map(|l| fit(&l.name, 30))
        .unwrap_or_default()
}

fn dose_dialog(form: &DoseForm, ex: &Exercise, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let problems = form.problems(ex);
    let mut lines = vec![
        Line::styled(
            "Leave a field empty to use the level's own value.",
            theme.dim,
        ),
        Line::raw(""),
    ];
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let shown = if f.text.is_empty() && !focused {
            format!("({})", default_of(f.field, form, ex))
        } else {
            f.text.clone()
        };
        let cursor = if focused { "▏" } else { "" };
        let value_style = if focused {
            theme.selected
        } else if f.text.is_empty() {
            theme.dim
        } else {
            theme.base
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} {:<10}",
                    if focused { "▶" } else { " " },
                    f.field.label()
                ),
                theme.title,
            ),
            Span::styled(format!(" {shown}{cursor} "), value_style),
            Span::styled(level_name(f.field, form, ex), theme.dim),
        ]));
        if let Some((_, why)) = problems.iter().find(|(pf, _)| *pf == f.field) {
            lines.push(Line::styled(
                fit(&format!("    ! {why}"), usize::from(DOSE_WIDTH - 2)),
                theme.hurt,
            ));
        } else if focused {
            lines.push(Line::styled(
                format!("    {}", range_of(f.field, ex)),
                theme.dim,
            ));
        }
    }
    lines.push(Line::raw(""));
    if form.tried && !problems.is_empty() {
        lines.push(Line::styled(
            "Fix the marked fields, or Esc to cancel.",
            theme.hurt,
        ));
    }
    lines.push(key_line(
        &[
            ("Tab/↓", "next field"),
            ("Enter", "apply"),
            ("Esc", "cancel"),
        ],
        theme,
    ));
    let title = format!("Dose of step {} · {}", form.step + 1, ex.name);
    widgets::dialog(area, buf, &title, lines, theme, DOSE_WIDTH);
}

fn name_dialog(app: &App, prompt: &NamePrompt, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut lines = vec![Line::from(vec![
        Span::styled("Name: ", theme.title),
        Span::styled(format!("{}▏", prompt.text), theme.accent),
    ])];
    if prompt.new {
        let id =
            crate::model::edit::id_from_name(&prompt.text, &|id| app.catalog.routine(id).is_some());
        lines.push(Line::styled(
            format!("Its id will be \"{id}\" (for `upright start {id}`)."),
            theme.dim,
        ));
    }
    if let Some(err) = &prompt.error {
        for l in wrap(err, 56) {
            lines.push(Line::styled(l, theme.hurt));
        }
    }
    lines.push(Line::raw(""));
    lines.push(key_line(&[("Enter", "OK"), ("Esc", "cancel")], theme));
    let title = if prompt.new {
        "New routine"
    } else {
        "Rename routine"
    };
    widgets::dialog(area, buf, title, lines, theme, 60);
}
