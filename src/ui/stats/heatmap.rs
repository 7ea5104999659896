//! The calendar heatmap: a column a week, a row a day (Monday at the top), each
//! day shaded by the minutes exercised, month names over the weeks they start
//! in, and a legend for every mark. As many whole months as fit, up to twelve.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::super::theme::Theme;
use super::super::wrap::wrap_all;
use crate::app::Figures;
use crate::model::history::{Heatmap, Shade};
use crate::model::words::{hours_minutes, plural};

/// The day names on the left: "Mo ".
const GUTTER: u16 = 3;
const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// The mark of each shade.
fn glyph(shade: Shade) -> &'static str {
    match shade {
        Shade::None => "·",
        Shade::Light => "░",
        Shade::Medium => "▒",
        Shade::Strong => "▓",
        Shade::Full => "█",
    }
}

fn style(shade: Shade, theme: &Theme) -> Style {
    if shade == Shade::None {
        theme.dim
    } else {
        theme.good
    }
}

/// The whole months that fit in `width` cells of weeks (at least the last one,
/// cut to its last weeks if even that is too wide).
fn fitted(map: &Heatmap, width: u16) -> Heatmap {
    let room = usize::from(width.saturating_sub(GUTTER)).max(1);
    let starts = map.month_starts();
    let months = (1..=starts.len())
        .rev()
        .find(|&m| map.weeks.len() - starts[starts.len() - m].0 <= room)
        .unwrap_or(1);
    let mut shown = map.last_months(months);
    if shown.weeks.len() > room {
        shown.weeks.drain(..shown.weeks.len() - room);
    }
    shown
}

/// The legend and the totals under the grid.
fn footer(map: &Heatmap, theme: &Theme) -> Vec<Line<'static>> {
    let mut legend = vec![Span::styled("A day: ", theme.dim)];
    for shade in Shade::ALL {
        legend.push(Span::styled(glyph(shade), style(shade, theme)));
        legend.push(Span::styled(format!(" {}  ", shade.meaning()), theme.dim));
    }
    let months = map.months();
    let totals = format!(
        "{} · {} exercising in {}",
        plural(map.active_days() as u64, "active day", "active days"),
        hours_minutes(map.active_secs()),
        if months == 1 {
            "this month".to_string()
        } else {
            format!("these {months} months")
        }
    );
    vec![Line::from(legend), Line::raw(totals)]
}

/// Rows the heatmap takes at `width`, borders included.
pub fn height(fig: &Figures, width: u16, theme: &Theme) -> u16 {
    let inner = width.saturating_sub(2);
    let map = fitted(&fig.heatmap, inner);
    let text = wrap_all(&footer(&map, theme), usize::from(inner), 2).len();
    u16::try_from(text + 8 + 2).unwrap_or(u16::MAX)
}

pub fn render(fig: &Figures, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let inner_w = area.width.saturating_sub(2);
    let map = fitted(&fig.heatmap, inner_w);
    let (from, to) = (map.first.format("%b %Y"), map.today.format("%b %Y"));
    let title = if from.to_string() == to.to_string() {
        format!(" Active days · {to} ")
    } else {
        format!(" Active days · {from} to {to} ")
    };
    let block = super::super::widgets::panel(Span::styled(title, theme.title), theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width <= GUTTER {
        return;
    }
    let left = inner.x + GUTTER;
    let mut free = left;
    for (column, first) in map.month_starts() {
        let x = left + u16::try_from(column).unwrap_or(u16::MAX);
        if x >= free && x + 3 <= inner.right() {
            buf.set_string(x, inner.y, first.format("%b").to_string(), theme.accent);
            free = x + 4;
        }
    }
    for (row, name) in DAYS.iter().enumerate() {
        let y = inner.y + 1 + row as u16;
        if y >= inner.bottom() {
            break;
        }
        buf.set_string(inner.x, y, name, theme.dim);
        for (column, week) in map.weeks.iter().enumerate() {
            let x = left + u16::try_from(column).unwrap_or(u16::MAX);
            if let (Some(day), true) = (week[row], x < inner.right()) {
                buf.set_string(x, y, glyph(day.shade), style(day.shade, theme));
            }
        }
    }
    let below = Rect {
        y: inner.y + 8,
        height: inner.height.saturating_sub(8),
        ..inner
    };
    Paragraph::new(wrap_all(&footer(&map, theme), usize::from(inner.width), 2)).render(below, buf);
}
