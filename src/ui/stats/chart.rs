//! What the Stats charts share: a panel with its words above the plot (or one
//! line when there is nothing to draw yet), columns spread over the plot's
//! width, and the row of dates under the axis.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::super::wrap::wrap_all;

/// Rows a chart panel takes at `width`, borders included: its words and a plot
/// of `plot_rows` with the axis and the dates under it, or `empty` alone when
/// there are no words (nothing to draw yet).
pub(super) fn panel_height(
    words: Option<&[Line<'_>]>,
    empty: &str,
    width: u16,
    plot_rows: u16,
) -> u16 {
    let inner = usize::from(width.saturating_sub(2));
    let text = match words {
        None => wrap_all(&[Line::raw(empty)], inner, 0).len(),
        Some(words) => wrap_all(words, inner, 2).len() + usize::from(plot_rows) + 2,
    };
    u16::try_from(text).unwrap_or(u16::MAX).saturating_add(2)
}

/// Draws a chart panel's frame and its words (or `empty` when there are none)
/// and gives the area left for the plot, the axis and the dates under it:
/// `None` when there is nothing to plot or no room for two rows of it.
pub(super) fn panel(
    title: Span<'static>,
    words: Option<&[Line<'_>]>,
    empty: &str,
    (area, buf): (Rect, &mut Buffer),
    theme: &Theme,
) -> Option<Rect> {
    let block = super::super::widgets::panel(title, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let Some(words) = words else {
        Paragraph::new(wrap_all(&[Line::raw(empty)], width, 0)).render(inner, buf);
        return None;
    };
    let text = wrap_all(words, width, 2);
    let text_h = u16::try_from(text.len())
        .unwrap_or(u16::MAX)
        .min(inner.height);
    Paragraph::new(text).render(
        Rect {
            height: text_h,
            ..inner
        },
        buf,
    );
    let plot = Rect {
        y: inner.y + text_h,
        height: inner.height.saturating_sub(text_h + 2),
        ..inner
    };
    (plot.height >= 2).then_some(plot)
}

/// How weeks (or any steps of time) map to columns of marks, spread over the
/// plot's width.
pub(super) struct Scale {
    /// Weeks in a column.
    pub(super) per: usize,
    pub(super) columns: usize,
    /// Cells from one column to the next (at most [`SPREAD`]).
    step: f64,
}

/// The most cells between two columns, so a few weeks still read as lines.
const SPREAD: f64 = 4.0;

impl Scale {
    pub(super) fn new(weeks: usize, width: u16) -> Scale {
        let width = usize::from(width).max(1);
        let per = weeks.div_ceil(width).max(1);
        let columns = weeks.div_ceil(per).max(1);
        let step = if columns > 1 {
            ((width - 1) as f64 / (columns - 1) as f64).min(SPREAD)
        } else {
            0.0
        };
        Scale { per, columns, step }
    }

    /// The cell of a column, from the left of the plot.
    pub(super) fn x(&self, column: usize) -> u16 {
        (column as f64 * self.step).round() as u16
    }
}

/// The row under a chart's axis, from `x.start` to `x.end` on row `y`: the
/// first column's date on the left, the last column's (when there are several)
/// ending where its column ends (`last.1`), and what a column is between them
/// where there is room.
pub(super) fn under_axis(
    buf: &mut Buffer,
    (y, x): (u16, std::ops::Range<u16>),
    first: &str,
    last: Option<(&str, u16)>,
    note: &str,
    theme: &Theme,
) {
    let (left, right) = (x.start, x.end);
    let width = |s: &str| u16::try_from(s.width()).unwrap_or(u16::MAX);
    let first_w = width(first);
    let mut used = left;
    if left.saturating_add(first_w) <= right {
        buf.set_string(left, y, first, theme.dim);
        used = left + first_w;
    }
    let room_end = match last {
        Some((last, end)) => {
            let last_w = width(last);
            let last_end = end.max(left.saturating_add(first_w)).min(right);
            if last_end >= used.saturating_add(2).saturating_add(last_w) {
                buf.set_string(last_end - last_w, y, last, theme.dim);
            }
            last_end.saturating_sub(last_w)
        }
        None => right,
    };
    let note_w = width(note);
    if room_end >= used.saturating_add(4).saturating_add(note_w) {
        let x = used + (room_end - used - note_w) / 2;
        buf.set_string(x, y, note, theme.dim);
    }
}
