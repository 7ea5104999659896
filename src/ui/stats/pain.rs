//! The pain chart: weekly averages before and after sessions, each with a mark
//! of its own (told apart without colour), the change over the weeks in words
//! above the plot and the dates below it, so nothing covers the data. With more
//! weeks than columns, a column averages several weeks and says how many.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::theme::Theme;
use super::chart::{self, Scale, under_axis};
use crate::app::Figures;
use crate::model::history::{PainChange, PainWhen, WeekPain};
use crate::model::words::plural;

/// Rows of the plot at its natural size, and at most.
pub const PLOT_ROWS: u16 = 8;
pub const PLOT_ROWS_MAX: u16 = 21;

/// The left margin with the scale: "10 ┤".
const GUTTER: u16 = 4;

/// The marks: pain before a session, after it, both in one cell.
const BEFORE: &str = "○";
const AFTER: &str = "●";
const BOTH: &str = "◉";

const EMPTY: &str = "No pain scores yet: answer the question before and after a session.";

fn mark(when: PainWhen) -> &'static str {
    match when {
        PainWhen::Before => BEFORE,
        PainWhen::After => AFTER,
    }
}

fn style(when: PainWhen, theme: &Theme) -> Style {
    match when {
        PainWhen::Before => theme.hurt,
        PainWhen::After => theme.good,
    }
}

/// The lines above the plot: each series' mark, what it is and how it changed
/// ("● after sessions: 4.1 → 2.6 over 12 weeks"), then what a shared cell means.
fn words(weeks: &[WeekPain], theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = PainWhen::BOTH
        .iter()
        .map(|&when| {
            let change = PainChange::of(weeks, when)
                .map_or_else(|| "no scores yet".to_string(), |c| c.words());
            Line::from(vec![
                Span::styled(mark(when), style(when, theme)),
                Span::raw(format!(" {}: {change}", when.words())),
            ])
        })
        .collect();
    lines.push(Line::from(vec![
        Span::styled(BOTH, theme.title),
        Span::styled(" both in one place · 0 no pain, 10 worst", theme.dim),
    ]));
    lines
}

/// Rows the chart takes at `width` with a plot of `plot_rows`, borders included.
pub fn height(fig: &Figures, width: u16, plot_rows: u16, theme: &Theme) -> u16 {
    let words = (!fig.pain_weeks.is_empty()).then(|| words(&fig.pain_weeks, theme));
    chart::panel_height(words.as_deref(), EMPTY, width, plot_rows)
}

pub fn render(fig: &Figures, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let weeks = &fig.pain_weeks;
    let title = Span::styled(" Pain 0-10 · weekly averages ", theme.title);
    let words = (!weeks.is_empty()).then(|| words(weeks, theme));
    let plot = chart::panel(title, words.as_deref(), EMPTY, (area, buf), theme);
    if let Some(plot) = plot.filter(|p| p.width > GUTTER) {
        plot_weeks(weeks, plot, buf, theme);
    }
}

/// The scale on the left, the marks, the axis and the dates below.
fn plot_weeks(weeks: &[WeekPain], area: Rect, buf: &mut Buffer, theme: &Theme) {
    let rows = area.height;
    let scale = Scale::new(weeks.len(), area.width - GUTTER);
    let row_of = |v: f64| {
        let r = (v.clamp(0.0, 10.0) / 10.0 * f64::from(rows - 1)).round() as u16;
        area.y + rows - 1 - r
    };
    for y in area.y..area.y + rows {
        buf.set_string(area.x, y, "   │", theme.dim);
    }
    for (r, label) in [(10.0, "10 ┤"), (5.0, " 5 ┤"), (0.0, " 0 ┤")] {
        buf.set_string(area.x, row_of(r), label, theme.dim);
    }
    let left = area.x + GUTTER;
    for c in 0..scale.columns {
        let group = &weeks[c * scale.per..weeks.len().min((c + 1) * scale.per)];
        let x = left + scale.x(c);
        if x >= area.right() {
            break;
        }
        let at = PainWhen::BOTH.map(|when| mean(group, when).map(row_of));
        for (when, y) in PainWhen::BOTH.iter().zip(at) {
            let Some(y) = y else { continue };
            let (text, style) = if at[0] == at[1] {
                (BOTH, theme.title)
            } else {
                (mark(*when), style(*when, theme))
            };
            buf.set_string(x, y, text, style);
        }
    }
    let axis_y = area.y + rows;
    let axis = format!("   └{}", "─".repeat(usize::from(area.width - GUTTER)));
    buf.set_stringn(area.x, axis_y, axis, usize::from(area.width), theme.dim);
    dates(weeks, &scale, area, buf, theme);
}

/// The mean of a series' weekly averages over some weeks.
fn mean(weeks: &[WeekPain], when: PainWhen) -> Option<f64> {
    WeekPain::merged(weeks).and_then(|w| w.value(when))
}

/// Under the axis: the first week on the left, the last on the right, and what
/// a column is between them.
fn dates(weeks: &[WeekPain], scale: &Scale, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let day = |w: Option<&WeekPain>| w.map(|w| w.start.format("%-d %b %Y").to_string());
    let (Some(first), Some(last)) = (day(weeks.first()), day(weeks.last())) else {
        return;
    };
    let left = area.x + GUTTER;
    let note = format!("a column: {}", plural(scale.per as u64, "week", "weeks"));
    let last_end = left + scale.x(scale.columns - 1) + 1;
    let last = (weeks.len() > 1).then_some((last.as_str(), last_end));
    let y = area.y + area.height + 1;
    under_axis(buf, (y, left..area.right()), &first, last, &note, theme);
}
