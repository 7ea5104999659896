//! The live timer pane.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

mod body;
pub mod layout;

use ratatui::style::{Modifier, Style};

use super::bigtext;
use super::theme::Theme;
use super::widgets::bar;
use crate::app::{Action, App, Running};
use crate::model::duration::format_clock;
use crate::model::plan::{Phase, PhaseKind, Work};
use crate::model::record::clock as set_clock;
use crate::model::session::{Status, View};
use crate::model::words::plural;
use layout::{Areas, Body};

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

/// The session screen: a panel with, top to bottom, the headline, the phase
/// word and the clock in large text as far as the pane allows (during paced
/// reps the rep and its cue instead, the time small below), the plain time,
/// the phase's progress, the cue or the instructions beside the figure, what
/// comes next and the session's progress. The focus view keeps only the
/// headline, the large text, the time, the cue and what comes next.
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
    let focus = app.focus.then(|| body::focus_lines(app, r, &view, theme));
    let kind = match &focus {
        Some(lines) => Body::Focus {
            lines: u16::try_from(lines.len()).unwrap_or(u16::MAX),
        },
        None if view.phase.is_work() => Body::Cue,
        None => Body::Instructions,
    };
    let areas = layout::layout(inner, &clock, kind);
    let phase_style = match view.phase.kind {
        PhaseKind::Work(_) => theme.work,
        _ => theme.rest,
    };
    Paragraph::new(headline_line(app, &view, phase_style, theme)).render(areas.head, buf);
    // "New best!" for a few seconds in the phase word's place; the notes
    // below say it in plain text too.
    let banner = r
        .banner
        .as_ref()
        .filter(|(_, until)| app.now.mono < *until)
        .map(|(text, _)| text.as_str());
    large(&view, banner, &areas, &clock, buf, theme, phase_style);
    Paragraph::new(time_line(app, r, &view, clock, theme)).render(areas.time, buf);
    match focus {
        Some(lines) => {
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(areas.body, buf);
            Paragraph::new(next_line(r, theme).centered()).render(areas.next, buf);
        }
        None => {
            progress_bar(&view, areas.gauge, buf, theme);
            body::render(app, r, &view, areas.body, buf, theme);
            Paragraph::new(next_line(r, theme)).render(areas.next, buf);
            progress(app, r, areas.total, buf, theme);
        }
    }
}

/// The phase in one large word: "HOLD", "REST", "SWITCH SIDES", "PAUSED"...
pub fn phase_word(view: &View<'_>) -> String {
    if view.status == Status::Paused {
        return "PAUSED".into();
    }
    let word = match &view.phase.kind {
        PhaseKind::GetReady => "Get ready".into(),
        PhaseKind::Rest => "Rest".into(),
        PhaseKind::SwitchSides => "Switch sides".into(),
        PhaseKind::Work(Work::Hold(_) | Work::OpenHold { .. }) => "Hold".into(),
        PhaseKind::Work(Work::SelfPacedReps { count }) => plural(u64::from(*count), "rep", "reps"),
        PhaseKind::Work(Work::PacedReps { .. }) => match view.rep {
            Some((rep, count, _)) => format!("{rep}/{count}"),
            None => "Reps".into(),
        },
    };
    word.to_uppercase()
}

/// The large text: the phase word (or a banner such as "New best!", unless
/// paused) over the clock; during paced reps the rep over its cue ("3/10" over
/// "PRESS"), in the clock's room, or while paused both on one line under
/// PAUSED. What the font cannot draw, or what does not fit even at the
/// smallest scale, shows as plain bold text.
fn large(
    view: &View<'_>,
    banner: Option<&str>,
    areas: &Areas,
    clock: &str,
    buf: &mut Buffer,
    theme: &Theme,
    style: Style,
) {
    let paused = view.status == Status::Paused;
    let clock_style = if paused { theme.dim } else { style };
    let (word, word_style) = match banner.filter(|_| !paused) {
        Some(banner) => (banner.to_uppercase(), theme.accent),
        None if paused => (phase_word(view), theme.key),
        None => (phase_word(view), style),
    };
    draw_large(
        &bigtext::layouts(&word),
        areas.word,
        areas.word_scale,
        buf,
        word_style,
    );
    let big = match (&view.phase.kind, view.rep) {
        (PhaseKind::Work(Work::PacedReps { .. }), Some((rep, count, cue))) => {
            let cue = cue.to_uppercase();
            if paused || areas.word.is_empty() {
                bigtext::layouts(&format!("{rep}/{count} {cue}"))
            } else {
                bigtext::layouts(&cue)
            }
        }
        _ => vec![vec![clock.to_string()]],
    };
    draw_large(&big, areas.clock, areas.clock_scale, buf, clock_style);
}

/// Draws the layout of lines that fits `area` largest, at most at `max`, or
/// the first in plain bold text if none fits.
fn draw_large(layouts: &[Vec<String>], area: Rect, max: u16, buf: &mut Buffer, style: Style) {
    if area.is_empty() || max == 0 {
        return;
    }
    match bigtext::fit_lines(layouts, area.width, area.height, max) {
        Some(fit) => {
            bigtext::draw(&fit, area, buf, style);
        }
        None => {
            let text = layouts.first().map(|l| l.join(" ")).unwrap_or_default();
            let row = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
            Paragraph::new(Line::styled(text, style.add_modifier(Modifier::BOLD)).centered())
                .render(row, buf);
        }
    }
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

/// The time shown: remaining for timed phases, elapsed for open ones (to the
/// nearest second, as the set's record will show it, so a new best shows the
/// moment the clock reads the best).
fn clock_text(view: &View<'_>) -> String {
    match view.remaining {
        Some(left) => format_clock(left),
        None => set_clock(view.elapsed),
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
    if area.is_empty() {
        return;
    }
    let of = |part: Duration, whole: Duration| {
        if whole.is_zero() {
            0.0
        } else {
            part.as_secs_f64() / whole.as_secs_f64()
        }
    };
    let (ratio, best) = match (&view.phase.kind, view.length) {
        (
            PhaseKind::Work(Work::OpenHold {
                target: Some(t),
                best,
            }),
            _,
        ) => (of(view.elapsed, *t), best.map(|b| of(b, *t))),
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

/// "Next: Rest 0:30", "Next: Session complete".
fn next_line(r: &Running, theme: &Theme) -> Line<'static> {
    let text = match r.session.upcoming() {
        Some(p) => format!("Next: {}", describe_phase(r, p)),
        None => "Next: Session complete".into(),
    };
    Line::styled(text, theme.dim)
}

/// The session's progress bar.
fn progress(app: &App, r: &Running, total: Rect, buf: &mut Buffer, theme: &Theme) {
    let s = &r.session;
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
