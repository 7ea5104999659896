//! The dialogs over the editor: the exercise list to add from, the dose form, the
//! name prompt and the questions. Their key hints and answers come from the
//! keymap of each dialog's context.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{fit, wrap};
use crate::app::editor::{AddList, DoseForm, EditorState, Modal, NamePrompt};
use crate::app::keymap::{Context, Hint};
use crate::app::mouse::{Hits, List, Target};
use crate::app::{Action, App};
use crate::model::duration::format_short;
use crate::model::edit::DoseField;
use crate::model::exercise::{Dose, Exercise};
use crate::model::limits::EDIT_LIMITS;
use crate::ui::theme::Theme;
use crate::ui::widgets;

/// Draws the dialog open over the editor, in `area` (the steps' side).
pub(super) fn render(
    app: &App,
    state: &EditorState,
    modal: &Modal,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    hits: &mut Hits,
) {
    let name = &state.edit.routine().name;
    let undo = widgets::key_text(&app.keymap, Context::Editor, Action::Undo);
    let question = match modal {
        Modal::Add(list) => return add_dialog(app, list, area, buf, theme, hits),
        Modal::Dose(form) => {
            if let Some(ex) = app.catalog.exercise(&form.exercise) {
                dose_dialog(app, form, ex, area, buf, theme);
            }
            return;
        }
        Modal::Name(prompt) => return name_dialog(app, prompt, area, buf, theme),
        Modal::ConfirmLeave { .. } => Question {
            ctx: Context::ConfirmLeave,
            title: "Unsaved changes",
            text: vec![format!("\"{name}\" has changes that are not saved.")],
            answers: &[
                (Action::Save, "save them"),
                (Action::Discard, "discard them"),
                (Action::KeepGoing, "keep editing"),
            ],
        },
        Modal::ConfirmDelete => Question {
            ctx: Context::ConfirmDelete,
            title: "Delete routine",
            text: vec![
                format!("Delete \"{name}\" from routines.toml?"),
                format!("{undo} brings it back until you leave the editor."),
            ],
            answers: &[(Action::Yes, "delete it"), (Action::No, "keep it")],
        },
        Modal::ConfirmReset => Question {
            ctx: Context::ConfirmReset,
            title: "Reset to built-in",
            text: vec![
                format!("Reset \"{name}\" to the built-in version?"),
                "Your copy is removed from routines.toml;".into(),
                format!("{undo} brings your steps back until you leave."),
            ],
            answers: &[(Action::Yes, "reset it"), (Action::No, "keep your copy")],
        },
    };
    confirm(app, &question, area, buf, theme, hits);
}

/// A question over the editor: its text, and its answers from the keymap of `ctx`.
struct Question {
    ctx: Context,
    title: &'static str,
    text: Vec<String>,
    answers: &'static [(Action, &'static str)],
}

/// A dialog's hint of one action with all its keys: "Tab/↓ next field".
fn hint(app: &App, ctx: Context, action: Action, label: &'static str) -> Hint {
    Hint {
        action,
        key: app.keymap.all_keys(ctx, action),
        label,
    }
}

/// The hints of a dialog, in one line of at most `width` cells.
fn hint_line(hints: &[Hint], width: u16, theme: &Theme) -> Line<'static> {
    let hints: Vec<Hint> = hints
        .iter()
        .filter(|h| !h.key.is_empty())
        .cloned()
        .collect();
    widgets::pack_hints(&hints, width, 1, theme)
        .into_iter()
        .next()
        .unwrap_or_default()
}

fn confirm(app: &App, q: &Question, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let width = CONFIRM_WIDTH.min(area.width).saturating_sub(2);
    let mut lines: Vec<Line> = q
        .text
        .iter()
        .flat_map(|t| wrap(t, usize::from(width)))
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    let choices = widgets::choices(&app.keymap, q.ctx, q.answers, theme);
    widgets::question(
        area,
        buf,
        q.title,
        lines,
        choices,
        theme,
        CONFIRM_WIDTH,
        hits,
    );
}

const CONFIRM_WIDTH: u16 = 56;

const ADD_WIDTH: u16 = 66;

/// The exercises to add from, filtered; every line is cut to the dialog's
/// width, so each takes one row and each shown exercise's row is a region for
/// the mouse.
fn add_dialog(
    app: &App,
    list: &AddList,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    hits: &mut Hits,
) {
    let matches = list.matches(&app.catalog);
    let inside = usize::from(ADD_WIDTH.min(area.width).saturating_sub(2));
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Filter: ", theme.title),
            Span::styled(
                fit(&format!("{}▏", list.filter), inside.saturating_sub(8)),
                theme.accent,
            ),
        ]),
        Line::raw(""),
    ];
    // The rows above the first exercise.
    let above = lines.len();
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
    let shown = lines.len() - above;
    lines.push(Line::raw(""));
    // "↑↓ choose": the two keys together when each is one symbol.
    let (up, down) = (
        app.keymap.all_keys(Context::AddStep, Action::PreviousMatch),
        app.keymap.all_keys(Context::AddStep, Action::NextMatch),
    );
    let sep = if up.width() == 1 && down.width() == 1 {
        ""
    } else {
        "/"
    };
    let choose = Hint {
        action: Action::NextMatch,
        key: format!("{up}{sep}{down}"),
        label: "choose",
    };
    lines.push(hint_line(
        &[
            choose,
            hint(app, Context::AddStep, Action::Confirm, "add"),
            hint(app, Context::AddStep, Action::Cancel, "cancel"),
        ],
        ADD_WIDTH.min(area.width).saturating_sub(2),
        theme,
    ));
    let inner = widgets::dialog(area, buf, "Add a step", lines, theme, ADD_WIDTH);
    hits.add(inner, Target::List(List::Matches));
    if !matches.is_empty() {
        let rows = inner.rows().skip(above).take(shown);
        for (row, i) in rows.zip(first..) {
            hits.add(row, Target::Item(List::Matches, i));
        }
    }
}

/// What a field means when left empty, from the level the form names.
/// What an empty field means: the value of the level the step will run at (the
/// one typed, else the user's current level).
fn default_of(field: DoseField, form: &DoseForm, ex: &Exercise, current: usize) -> String {
    let (dose, _) = form.parse();
    let level_no = dose.level.unwrap_or(current);
    let Some(level) = ex.level(level_no).or(ex.levels.first()) else {
        return String::new();
    };
    match field {
        DoseField::Level => format!("your level, now {current}"),
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
        DoseField::Open => match level.dose {
            Dose::OpenHold { .. } => "yes".into(),
            _ => "no".into(),
        },
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
        DoseField::PerSide | DoseField::Open => "Space: yes / no / default".into(),
    }
}

const DOSE_WIDTH: u16 = 64;

/// Beside the level field: the name of the level it names (the user's current
/// level when empty).
fn level_name(field: DoseField, form: &DoseForm, ex: &Exercise, current: usize) -> String {
    if field != DoseField::Level {
        return String::new();
    }
    let (dose, _) = form.parse();
    ex.level(dose.level.unwrap_or(current))
        .map(|l| fit(&l.name, 30))
        .unwrap_or_default()
}

fn dose_dialog(
    app: &App,
    form: &DoseForm,
    ex: &Exercise,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let problems = form.problems(ex);
    let current = app.current_level(&ex.id).unwrap_or(1);
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
            format!("({})", default_of(f.field, form, ex, current))
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
            Span::styled(level_name(f.field, form, ex, current), theme.dim),
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
        let cancel = widgets::key_text(&app.keymap, Context::DoseForm, Action::Cancel);
        lines.push(Line::styled(
            format!("Fix the marked fields, or {cancel} to cancel."),
            theme.hurt,
        ));
    }
    let ctx = Context::DoseForm;
    lines.push(hint_line(
        &[
            hint(app, ctx, Action::NextField, "next field"),
            hint(app, ctx, Action::Confirm, "apply"),
            hint(app, ctx, Action::Cancel, "cancel"),
        ],
        DOSE_WIDTH.min(area.width).saturating_sub(2),
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
    lines.push(hint_line(
        &[
            hint(app, Context::NamePrompt, Action::Confirm, "OK"),
            hint(app, Context::NamePrompt, Action::Cancel, "cancel"),
        ],
        NAME_WIDTH.min(area.width).saturating_sub(2),
        theme,
    ));
    let title = if prompt.new {
        "New routine"
    } else {
        "Rename routine"
    };
    widgets::dialog(area, buf, title, lines, theme, NAME_WIDTH);
}

const NAME_WIDTH: u16 = 60;
