//! The chart of the plank's best open hold at each level over time: a step
//! line of each level drawn with the level's number, so levels are told apart
//! without colour and a level change shows where one number gives way to the
//! next (a higher level over a lower one where they meet). What each level
//! went from and to is said above the plot and the dates below it, so nothing
//! covers the data. With more days than columns, a column gathers whole weeks
//! and the axis says how many.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::theme::Theme;
use super::chart::{self, Scale, under_axis};
use crate::app::{App, CHARTED_HOLD, Figures};
use crate::model::duration::format_clock_secs;
use crate::model::history::{Bucket, HoldBests, HoldColumn};
use crate::model::words::plural;

/// Rows of the plot at its natural size, and at most.
pub const PLOT_ROWS: u16 = 6;
pub const PLOT_ROWS_MAX: u16 = 21;

const EMPTY: &str = "No plank held as long as you can yet: your best at each level will show here.";

/// The marks of levels 1 to 50 (the library's highest); a level past them
/// (from an old log) is drawn with `+`.
const MARKS: &str = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO";

fn mark(level: u32) -> char {
    usize::try_from(level)
        .ok()
        .and_then(|l| l.checked_sub(1))
        .and_then(|i| MARKS.chars().nth(i))
        .unwrap_or('+')
}

fn clock(secs: f64) -> String {
    format_clock_secs(secs.round() as u64)
}

/// The exercise's name in the library, else as the log has it.
fn name(app: &App, fig: &Figures) -> String {
    app.catalog
        .exercise(CHARTED_HOLD)
        .map(|e| e.name.clone())
        .or_else(|| fig.best_holds.as_ref().map(|h| h.exercise_name.to_string()))
        .unwrap_or_else(|| CHARTED_HOLD.to_string())
}

/// A line for each level above the plot: its mark, its name, its first hold
/// and its best ("2 level 2 Toes and forearms: first 0:20, best 1:10").
fn words(app: &App, holds: &HoldBests, theme: &Theme) -> Vec<Line<'static>> {
    let exercise = app.catalog.exercise(&holds.exercise);
    holds
        .levels
        .iter()
        .map(|l| {
            let level_name = exercise
                .and_then(|e| e.level(usize::try_from(l.level).unwrap_or(usize::MAX)))
                .map_or_else(String::new, |x| format!(" {}", x.name));
            let change = match (l.steps.first(), l.steps.last()) {
                (Some(first), Some(best)) if l.steps.len() > 1 => {
                    format!("first {}, best {}", clock(first.1), clock(best.1))
                }
                (_, Some(best)) => format!("best {}", clock(best.1)),
                _ => String::new(),
            };
            Line::from(vec![
                Span::styled(mark(l.level).to_string(), theme.accent),
                Span::raw(format!(" level {}{level_name}: {change}", l.level)),
            ])
        })
        .collect()
}

/// Rows the chart takes at `width` with a plot of `plot_rows`, borders included.
pub fn height(app: &App, fig: &Figures, width: u16, plot_rows: u16, theme: &Theme) -> u16 {
    let words = fig
        .best_holds
        .as_ref()
        .map(|holds| words(app, holds, theme));
    chart::panel_height(words.as_deref(), EMPTY, width, plot_rows)
}

pub fn render(app: &App, fig: &Figures, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = Span::styled(
        format!(" {} · best hold at each level ", name(app, fig)),
        theme.title,
    );
    let words = fig
        .best_holds
        .as_ref()
        .map(|holds| words(app, holds, theme));
    let plot = chart::panel(title, words.as_deref(), EMPTY, (area, buf), theme);
    if let (Some(plot), Some(holds)) = (plot, &fig.best_holds) {
        plot_holds(holds, plot, buf, theme);
    }
}

/// The top of the scale in seconds: the longest hold rounded up to 10 s under
/// two minutes, to 30 s under ten, else to a minute (so half of it is a whole
/// second, a round one).
fn scale_top(secs: f64) -> u64 {
    let secs = (secs.ceil() as u64).max(1);
    let unit = match secs {
        0..120 => 10,
        120..600 => 30,
        _ => 60,
    };
    secs.div_ceil(unit) * unit
}

/// The scale on the left, each level's steps, the axis and the dates below.
fn plot_holds(holds: &HoldBests, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let top = scale_top(holds.top());
    let labels = [top, top / 2, 0].map(format_clock_secs);
    let label_w = labels.iter().map(String::len).max().unwrap_or(0);
    let gutter = u16::try_from(label_w + 2).unwrap_or(u16::MAX);
    if area.width <= gutter {
        return;
    }
    let rows = area.height;
    let row_of = |secs: f64| {
        let r = (secs.clamp(0.0, top as f64) / top as f64 * f64::from(rows - 1)).round() as u16;
        area.y + rows - 1 - r
    };
    for y in area.y..area.y + rows {
        buf.set_string(
            area.x,
            y,
            format!("{:>w$}│", "", w = label_w + 1),
            theme.dim,
        );
    }
    let ticks = [top, top / 2, 0];
    for (i, (secs, label)) in ticks.iter().zip(&labels).enumerate() {
        // The middle one only where it has a row of its own.
        if i == 1 && rows < 3 {
            continue;
        }
        let text = format!("{label:>label_w$} ┤");
        buf.set_string(area.x, row_of(*secs as f64), text, theme.dim);
    }
    let left = area.x + gutter;
    let width = area.width - gutter;
    let (bucket, columns) = holds.columns(usize::from(width));
    let scale = Scale::new(columns.len(), width);
    for (c, column) in columns.iter().enumerate() {
        let next = columns.get(c + 1);
        let x = (left + scale.x(c), left + scale.x(c + 1), area.right());
        steps(column, next, x, &row_of, buf, theme);
    }
    let axis = format!(
        "{:>w$}└{}",
        "",
        "─".repeat(usize::from(width)),
        w = label_w + 1
    );
    buf.set_stringn(
        area.x,
        area.y + rows,
        axis,
        usize::from(area.width),
        theme.dim,
    );
    let day = |c: &HoldColumn| c.from.format("%-d %b %Y").to_string();
    let (Some(first), Some(last)) = (columns.first().map(day), columns.last().map(day)) else {
        return;
    };
    let note = match bucket {
        Bucket::Day => "a column: 1 day".to_string(),
        Bucket::Weeks(n) => format!("a column: {}", plural(u64::from(n), "week", "weeks")),
    };
    let last_end = left + scale.x(columns.len() - 1) + 1;
    let last = (columns.len() > 1).then_some((last.as_str(), last_end));
    let y = area.y + rows + 1;
    under_axis(buf, (y, left..area.right()), &first, last, &note, theme);
}

/// A column's mark for each level, held up to the next column's cell when the
/// level runs on into it (`x`: this column's cell, the next one's, and the
/// plot's right edge).
fn steps(
    column: &HoldColumn,
    next: Option<&HoldColumn>,
    (x, next_x, right): (u16, u16, u16),
    row_of: &impl Fn(f64) -> u16,
    buf: &mut Buffer,
    theme: &Theme,
) {
    for &(level, secs) in &column.bests {
        let runs_on = next.is_some_and(|n| n.bests.iter().any(|b| b.0 == level));
        let end = if runs_on { next_x } else { x + 1 };
        let y = row_of(secs);
        let text = mark(level).to_string();
        for cx in x..end.min(right) {
            buf.set_string(cx, y, &text, theme.accent);
        }
    }
}
