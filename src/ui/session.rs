//! The live timer pane.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use super::widgets::{bar, big_text, big_width};
use crate::app::{Action, App, Running};
use crate::model::duration::{format_clock, format_clock_secs};
use crate::model::record::clock as set_clock;
use crate::model::plan::{Phase, PhaseKind, Work};
use crate::model::session::{Status, View};

/// The headline of a phase: "Get ready", "Hold", "Rep 3/10 · Back", "Rest"...
pub fn headline(view: &View<'_>) -> String {
    match &view.phase.kind {
        PhaseKind::GetReady => "Get ready".into(),
        PhaseKind::Rest => "Rest".into(),
        PhaseKind::SwitchSides => "Switch sides".into(),
        PhaseKind::Work(Work::Hold(_)) => "Hold".into(),
        PhaseKind::Work(Work::PacedReps { .. }) => match view.rep {
            Some((rep, count, cue)) => format!("Rep {rep}/{count} · {cue}"),
            None => "Reps".into(),
        },
        PhaseKind::Work(Work::SelfPacedReps { count }) => format!("{count} reps at your own pace"),
        PhaseKind::Work(Work::OpenHold { .. }) => "Hold as long as you can".into(),
    }
}

/// "Next: Rest 0:20" / "Next: Push-up, set 2/2".
fn describe_phase(app: &Running, phase: &Phase) -> String {
    let step = &app.session.plan().steps[phase.step];
    let rest = app
        .session
        .plan()
        .lengths
        .get(app.session.index() + 1)
        .copied()
        .unwrap_or_default();
    match &phase.kind {
        PhaseKind::Rest => format!("Rest {}", format_clock(rest)),
        PhaseKind::SwitchSides => "Switch sides".into(),
        PhaseKind::GetReady => "Get ready".into(),
        PhaseKind::Work(_) => {
            let mut s = step.exercise_name.clone();
            if phase.sets > 1 {
                s.push_str(&format!(", set {}/{}", phase.set, phase.sets));
            }
            if let Some(side) = phase.side {
                s.push_str(&format!(", {}", side.label().to_lowercase()));
            }
            s
        }
    }
}

/// The session screen: a panel with, top to bottom, the headline, the clock (big
/// digits when there is room, always the plain time), the phase's progress, the
/// instructions and cues beside the figure, what comes next and the session's
/// progress.
pub fn render(app: &App, r: &Running, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let s = &r.session;
    let Some(view) = s.view(app.now.mono) else {
        return;
    };
    let block = panel(r, &view, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 10 || inner.height < 4 {
        return;
    }
    let clock = clock_text(&view);
    let big = inner.height >= 16 && inner.width >= big_width(&clock) + 2;
    let [head, digits, time, gauge, _, body, next, total] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if big { 6 } else { 0 }),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let phase_style = match view.phase.kind {
        PhaseKind::Work(_) => theme.work,
        _ => theme.rest,
    };
    Paragraph::new(headline_line(app, &view, phase_style, theme)).render(head, buf);
    if big {
        let style = if view.status == Status::Paused {
            theme.dim
        } else {
            phase_style
        };
        big_text(&clock, digits, buf, style);
    }
    Paragraph::new(time_line(app, r, &view, clock, theme)).render(time, buf);
    progress_bar(&view, gauge, buf, theme);
    instructions(app, r, &view, body, buf, theme);
    progress(app, r, next, total, buf, theme);
}

/// The panel around the screen: the exercise (or what comes first or next) and
/// which step of the routine this is.
fn panel<'a>(r: &Running, view: &View<'_>, theme: &Theme) -> ratatui::widgets::Block<'a> {
    let s = &r.session;
    let phase = view.phase;
    let step = &s.plan().steps[phase.step];
    let title = match phase.kind {
        PhaseKind::GetReady => format!(" First: {} ", step.exercise_name),
        PhaseKind::Rest => match s.upcoming() {
            Some(next) if next.step != phase.step => {
                format!(" Next: {} ", s.plan().steps[next.step].exercise_name)
            }
            _ => format!(" {} ", step.exercise_name),
        },
        _ => format!(
            " {} · Level {}: {} ",
            step.exercise_name, step.level, step.level_name
        ),
    };
    super::widgets::panel(Span::styled(title, theme.title), theme).title_top(
        Line::styled(
            format!(" Step {}/{} ", phase.step + 1, s.plan().steps.len()),
            theme.dim,
        )
        .right_aligned(),
    )
}

/// The time shown: remaining for timed phases, elapsed for open ones.
fn clock_text(view: &View<'_>) -> String {
    match view.remaining {
        Some(left) => format_clock(left),
        None => format_clock_secs(view.elapsed.as_secs()),
    }
}

/// The headline: phase, set, side, and PAUSED (or what to press to go on).
fn headline_line(
    app: &App,
    view: &View<'_>,
    phase_style: ratatui::style::Style,
    theme: &Theme,
) -> Line<'static> {
    let phase = view.phase;
    let mut spans = vec![Span::styled(headline(view), phase_style)];
    if phase.is_work() || matches!(phase.kind, PhaseKind::SwitchSides) {
        if phase.sets > 1 || phase.is_work() {
            spans.push(Span::styled(
                format!("  ·  Set {}/{}", phase.set, phase.sets),
                theme.base,
            ));
        }
        if let Some(side) = phase.side {
            spans.push(Span::styled(format!("  ·  {}", side.label()), theme.accent));
        }
    }
    match view.status {
        Status::Paused => {
            spans.push(Span::raw("   "));
            spans.push(Span::styled(" PAUSED ", theme.paused));
        }
        Status::Waiting => {
            spans.push(Span::raw("   "));
            let key = app.session_key(Action::Done);
            spans.push(Span::styled(
                format!(" Press {key} to go on "),
                theme.paused,
            ));
        }
        _ => {}
    }
    Line::from(spans)
}

/// The plain time, always present so it reads without the big digits, with the
/// phase's length, or an open hold's target and best.
fn time_line(
    app: &App,
    r: &Running,
    view: &View<'_>,
    clock: String,
    theme: &Theme,
) -> Line<'static> {
    let step = &r.session.plan().steps[view.phase.step];
    let when_done = format!("  ·  {} when done", app.session_key(Action::Done));
    let mut t = vec![Span::styled(clock, theme.title)];
    match (&view.phase.kind, view.length) {
        (PhaseKind::Work(Work::OpenHold { target, .. }), _) => {
            if let Some(target) = target {
                t.push(Span::raw(format!("  target {}", format_clock(*target))));
            }
            if let Some((best, at)) = app.best_hold(&step.exercise_id, step.level as u32) {
                t.push(Span::raw(format!(
                    "  ·  best at this level {} ({})",
                    set_clock(best),
                    at.format("%-d %b")
                )));
            }
            t.push(Span::styled(when_done, theme.dim));
        }
        (PhaseKind::Work(Work::SelfPacedReps { .. }), _) => {
            t.push(Span::styled(when_done, theme.dim));
        }
        (_, Some(length)) => t.push(Span::styled(
            format!(" of {}", format_clock(length)),
            theme.dim,
        )),
        _ => {}
    }
    if view.status == Status::Paused {
        t.push(Span::styled("  (paused)", theme.dim));
    }
    Line::from(t)
}

/// How far the phase has gone: toward its end, or for an open hold toward its
/// target, with a mark where the best at this level lies.
fn progress_bar(view: &View<'_>, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let of = |part: Duration, whole: Duration| {
        if whole.is_zero() {
            0.0
        } else {
            part.as_secs_f64() / whole.as_secs_f64()
        }
    };
    let (ratio, best) = match (&view.phase.kind, view.length) {
        (PhaseKind::Work(Work::OpenHold { target: Some(t), best }), _) => {
            (of(view.elapsed, *t), best.map(|b| of(b, *t)))
        }
        (_, Some(l)) => (of(view.elapsed, l), None),
        _ => (0.0, None),
    };
    bar(area, buf, ratio.min(1.0), "", theme);
    if let Some(at) = best.filter(|b| *b < 1.0)
        && area.width > 1
    {
        let x = area.x + ((f64::from(area.width - 1)) * at).round() as u16;
        buf.set_string(x, area.y, "│", theme.accent);
    }
}

/// Instructions and cues, with the figure beside them when there is room: during
/// work, how to do this level and its cues; between phases, what comes next.
fn instructions(
    app: &App,
    r: &Running,
    view: &View<'_>,
    body: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let s = &r.session;
    let phase = view.phase;
    let step = &s.plan().steps[phase.step];
    let exercise = app.catalog.exercise(&step.exercise_id);
    let figure = exercise
        .and_then(|e| e.figure.as_deref())
        .filter(|_| app.settings.ui.figures);
    let fig_w = figure.map_or(0, |f| {
        f.lines().map(|l| l.chars().count()).max().unwrap_or(0) as u16 + 2
    });
    let show_fig = figure.is_some() && body.width >= fig_w + 30 && body.height >= 3;
    let [text_area, fig_area] = Layout::horizontal([
        Constraint::Min(10),
        Constraint::Length(if show_fig { fig_w } else { 0 }),
    ])
    .areas(body);
    let mut lines: Vec<Line> = Vec::new();
    if let Some((banner, _)) = &r.banner {
        lines.push(Line::styled(
            banner.clone(),
            theme.work.add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    if let Some(msg) = &r.message {
        lines.push(Line::styled(msg.clone(), theme.accent));
    }
    match (&phase.kind, exercise) {
        (PhaseKind::Work(_), Some(e)) => {
            if !step.level_name.is_empty()
                && let Some(how) = e
                    .level(step.level)
                    .map(|l| l.how.clone())
                    .filter(|h| !h.is_empty())
            {
                lines.push(Line::styled(how, theme.dim));
            }
            for cue in &e.cues {
                lines.push(Line::raw(format!("• {cue}")));
            }
        }
        (_, Some(e)) => {
            // Between phases: what is coming, step by step.
            let target = s.upcoming().map(|p| p.step).unwrap_or(phase.step);
            let upcoming = app
                .catalog
                .exercise(&s.plan().steps[target].exercise_id)
                .unwrap_or(e);
            lines.push(Line::styled(
                format!("{}: {}", upcoming.name, upcoming.summary),
                theme.base,
            ));
            for (i, ins) in upcoming.instructions.iter().enumerate() {
                lines.push(Line::raw(format!("{}. {ins}", i + 1)));
            }
        }
        _ => {}
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(text_area, buf);
    if show_fig && let Some(fig) = figure {
        let fl: Vec<Line> = fig
            .lines()
            .map(|l| Line::styled(l.to_string(), theme.accent))
            .collect();
        Paragraph::new(fl).render(fig_area, buf);
    }
}

/// What comes next, and the session's progress bar.
fn progress(app: &App, r: &Running, next: Rect, total: Rect, buf: &mut Buffer, theme: &Theme) {
    let s = &r.session;
    let next_text = match s.upcoming() {
        Some(p) => format!("Next: {}", describe_phase(r, p)),
        None => "Next: Session complete".into(),
    };
    Paragraph::new(Line::styled(next_text, theme.dim)).render(next, buf);
    let total_planned = s.plan().total();
    let left = s.remaining_total(app.now.mono);
    let done = total_planned.saturating_sub(left);
    let ratio = if total_planned.is_zero() {
        1.0
    } else {
        done.as_secs_f64() / total_planned.as_secs_f64()
    };
    let label = format!(
        "Session {}% · {} left",
        (ratio * 100.0).round() as u32,
        format_clock(left.max(Duration::ZERO))
    );
    bar(total, buf, ratio, &label, theme);
}
