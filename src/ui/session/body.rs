//! The part of the session screen below the clock: during work one cue at a
//! time, in bold (they take turns every few seconds, worked out from the time
//! in the phase), with how to do this level; between phases the full
//! instructions of what comes. The figure of the pose stands beside them when
//! there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Running};
use crate::model::exercise::cue_at;
use crate::model::plan::PhaseKind;
use crate::model::session::View;
use crate::ui::theme::Theme;

/// The least room the text keeps beside the figure, in columns.
const TEXT_MIN: u16 = 30;

/// The banner and the message of the moment, if any.
fn notes(r: &Running, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some((banner, _)) = &r.banner {
        lines.push(Line::styled(
            banner.clone(),
            theme.work.add_modifier(Modifier::BOLD),
        ));
    }
    if let Some(msg) = &r.message {
        lines.push(Line::styled(msg.clone(), theme.accent));
    }
    lines
}

/// The cue to show now, during work.
pub fn cue<'a>(app: &'a App, r: &Running, view: &View<'_>) -> Option<&'a str> {
    if !view.phase.is_work() {
        return None;
    }
    cue_at(app.cues_of(r), view.elapsed)
}

/// The lines of the focus view: the banner and message, and the cue.
pub fn focus_lines(app: &App, r: &Running, view: &View<'_>, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = notes(r, theme);
    if let Some(cue) = cue(app, r, view) {
        lines.push(
            Line::styled(cue.to_string(), theme.base.add_modifier(Modifier::BOLD)).centered(),
        );
    }
    lines
}

/// The body of the normal view: the cue or the instructions, and the figure.
pub fn render(
    app: &App,
    r: &Running,
    view: &View<'_>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let s = &r.session;
    let phase = view.phase;
    // Between phases, everything is about the exercise to come.
    let step_index = match phase.kind {
        PhaseKind::Work(_) => phase.step,
        _ => s.upcoming().map_or(phase.step, |p| p.step),
    };
    let Some(step) = s.plan().steps.get(step_index) else {
        return;
    };
    let exercise = app.catalog.exercise(&step.exercise_id);
    let how = exercise
        .and_then(|e| e.level(step.level))
        .map(|l| l.how.clone())
        .filter(|h| !h.is_empty());
    let mut lines = notes(r, theme);
    match (&phase.kind, exercise) {
        (PhaseKind::Work(_), _) => {
            if let Some(cue) = cue(app, r, view) {
                lines.push(Line::styled(
                    cue.to_string(),
                    theme.base.add_modifier(Modifier::BOLD),
                ));
                lines.push(Line::raw(""));
            }
            lines.extend(how.map(|h| Line::styled(h, theme.dim)));
        }
        (_, Some(e)) => {
            lines.push(Line::styled(
                format!("{}: {}", e.name, e.summary),
                theme.base,
            ));
            lines
                .extend(how.map(|h| Line::styled(format!("Level {}: {h}", step.level), theme.dim)));
            for (i, ins) in e.instructions.iter().enumerate() {
                lines.push(Line::raw(format!("{}. {ins}", i + 1)));
            }
        }
        _ => {}
    }
    let figure = exercise
        .and_then(|e| e.figure_of(step.level))
        .filter(|_| app.settings.ui.figures);
    let fig_w = figure.map_or(0, |f| {
        f.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as u16 + 2
    });
    let fig_h = figure.map_or(0, |f| f.lines().count() as u16);
    let show_fig = figure.is_some() && area.width >= fig_w + TEXT_MIN && area.height >= fig_h;
    let [text, fig] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(if show_fig { fig_w } else { 0 }),
    ])
    .areas(area);
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(text, buf);
    if let Some(figure) = figure.filter(|_| show_fig) {
        let drawing: Vec<Line> = figure
            .lines()
            .map(|l| Line::styled(l.to_string(), theme.accent))
            .collect();
        // Two columns of air between the text and the drawing.
        let fig = Rect {
            x: fig.x + 2,
            width: fig.width.saturating_sub(2),
            ..fig
        };
        Paragraph::new(drawing).render(fig, buf);
    }
}
