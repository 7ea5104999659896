//! The Stats view: a page of panels (progress, personal bests, the chart of
//! the plank's best holds, the pain chart, the heatmap, the levels) in two columns when the terminal is wide, one under
//! the other when not. A panel is a slot in [`Page`] with the lines it shows;
//! a new one takes a slot there and its height in [`Page::new`]. Every panel gets the rows its text needs;
//! when the page is taller than the screen it scrolls (↑↓, PgUp/PgDn, Home/End,
//! the wheel) with a scroll bar on the right, so nothing is ever cut.

mod chart;
mod heatmap;
mod holds;
mod pain;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::theme::Theme;
use super::wrap::wrap_all;
use crate::app::mouse::{Hits, List, Target};
use crate::app::{App, Figures};
use crate::model::duration::format_clock_secs;
use crate::model::history::{BestValue, Stats};
use crate::model::words::{hours_minutes, plural};

/// From this width on, the panels stand in two columns.
pub const TWO_COLUMNS: u16 = 110;

/// The narrowest left column beside the chart and heatmap.
const LEFT_MIN: u16 = 40;

/// The heatmap's column: room for twelve months (53 weeks, the day names and
/// the border).
const RIGHT_WANTED: u16 = 61;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let Some(fig) = app.figures.as_ref().filter(|f| f.stats.sessions > 0) else {
        super::empty(
            "Stats",
            "No sessions yet. Finish a routine and it will show here.",
            area,
            buf,
            theme,
        );
        return;
    };
    hits.add(area, Target::List(List::Stats));
    hits.page_rows = area.height;
    let page = Page::new(app, fig, area.width, area.height, theme);
    if page.height <= area.height {
        page.draw(app, fig, area, buf, theme, 0..area.height);
        return;
    }
    // Too tall: laid out again beside a scroll bar; the panels in sight are
    // drawn off screen (in a buffer of just their rows) and the rows scrolled
    // to copied in.
    let width = area.width.saturating_sub(1);
    let page = Page::new(app, fig, width, area.height, theme);
    let max = page.height.saturating_sub(area.height);
    let scroll = app.stats_scroll.min(max);
    hits.stats_max_scroll = max;
    hits.page_rows = area.height.saturating_sub(1).max(1);
    let seen = scroll..scroll + area.height;
    let (top, bottom) = page
        .panels()
        .iter()
        .filter(|r| r.y < seen.end && r.bottom() > seen.start)
        .fold((seen.start, seen.end), |(t, b), r| {
            (t.min(r.y), b.max(r.bottom()))
        });
    let mut off = Buffer::empty(Rect::new(0, top, width, bottom - top));
    let whole = Rect::new(0, 0, width, page.height);
    page.draw(app, fig, whole, &mut off, theme, seen);
    for y in 0..area.height {
        for x in 0..width {
            if let (Some(cell), Some(to)) = (
                off.cell((x, y + scroll)),
                buf.cell_mut((area.x + x, area.y + y)),
            ) {
                *to = cell.clone();
            }
        }
    }
    let bar = Rect {
        x: area.right() - 1,
        width: 1,
        ..area
    };
    let mut state = ScrollbarState::new(usize::from(max))
        .position(usize::from(scroll))
        .viewport_content_length(usize::from(area.height));
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .style(theme.dim)
        .render(bar, buf, &mut state);
}

/// Where each panel goes on the page (from its top left), and its height.
struct Page {
    progress: Rect,
    /// No rows without a best.
    bests: Rect,
    holds: Rect,
    levels: Rect,
    pain: Rect,
    heatmap: Rect,
    height: u16,
}

impl Page {
    /// The panels laid out `width` wide, filling `screen` rows when they fit
    /// in fewer (the charts grow first: pain's, then the holds').
    fn new(app: &App, fig: &Figures, width: u16, screen: u16, theme: &Theme) -> Page {
        let text_h = |lines: &[Line], w: u16| {
            let n = wrap_all(lines, usize::from(w.saturating_sub(2)), 2).len();
            u16::try_from(n).unwrap_or(u16::MAX).saturating_add(2)
        };
        let pain_h = |w: u16, rows: u16| pain::height(fig, w, rows, theme);
        let holds_h = |w: u16, rows: u16| holds::height(app, fig, w, rows, theme);
        let bests = bests_lines(&fig.stats, theme);
        let bests_h = |w: u16| {
            if bests.is_empty() {
                0
            } else {
                text_h(&bests, w)
            }
        };
        if width >= TWO_COLUMNS {
            let right_w = (width / 2).max(RIGHT_WANTED).min(width - LEFT_MIN);
            let left_w = width - right_w;
            let progress_h = text_h(&progress_lines(&fig.stats, theme), left_w);
            let bests_h = bests_h(left_w);
            let levels_h = text_h(&level_lines(app, theme), left_w);
            let holds_nat = holds_h(left_w, holds::PLOT_ROWS);
            let heat_h = heatmap::height(fig, right_w, theme);
            let natural = (progress_h + bests_h + holds_nat + levels_h)
                .max(pain_h(right_w, pain::PLOT_ROWS) + heat_h);
            let height = natural.max(screen);
            let most = pain_h(right_w, pain::PLOT_ROWS_MAX);
            let chart = height.saturating_sub(heat_h).min(most);
            let above = progress_h + bests_h;
            let holds_most = holds_h(left_w, holds::PLOT_ROWS_MAX);
            let holds = (height - above - levels_h).min(holds_most);
            Page {
                progress: Rect::new(0, 0, left_w, progress_h),
                bests: Rect::new(0, progress_h, left_w, bests_h),
                holds: Rect::new(0, above, left_w, holds),
                levels: Rect::new(0, above + holds, left_w, height - above - holds),
                pain: Rect::new(left_w, 0, right_w, chart),
                heatmap: Rect::new(left_w, chart, right_w, heat_h),
                height: natural,
            }
        } else {
            let progress_h = text_h(&progress_lines(&fig.stats, theme), width);
            let bests_h = bests_h(width);
            let levels_h = text_h(&level_lines(app, theme), width);
            let heat_h = heatmap::height(fig, width, theme);
            let chart_h = pain_h(width, pain::PLOT_ROWS);
            let holds_nat = holds_h(width, holds::PLOT_ROWS);
            let natural = progress_h + bests_h + holds_nat + chart_h + heat_h + levels_h;
            let spare = screen.saturating_sub(natural);
            let chart = (chart_h + spare).min(pain_h(width, pain::PLOT_ROWS_MAX));
            let spare = spare - (chart - chart_h);
            let holds = (holds_nat + spare).min(holds_h(width, holds::PLOT_ROWS_MAX));
            let mut y = 0;
            let mut next = |h: u16| {
                let r = Rect::new(0, y, width, h);
                y += h;
                r
            };
            Page {
                progress: next(progress_h),
                bests: next(bests_h),
                holds: next(holds),
                pain: next(chart),
                heatmap: next(heat_h),
                levels: next(levels_h),
                height: natural,
            }
        }
    }

    /// Every panel's place.
    fn panels(&self) -> [Rect; 6] {
        [
            self.progress,
            self.bests,
            self.holds,
            self.levels,
            self.pain,
            self.heatmap,
        ]
    }

    /// Draws the panels with the page's top left at `area`'s, those with a row
    /// in `seen` (rows of the page); the others are left out, so `buf` need
    /// only hold the rows of those drawn.
    fn draw(
        &self,
        app: &App,
        fig: &Figures,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        seen: std::ops::Range<u16>,
    ) {
        let place = |r: Rect| {
            if r.y >= seen.end || r.bottom() <= seen.start {
                return Rect::default();
            }
            Rect {
                x: area.x + r.x,
                y: area.y + r.y,
                ..r
            }
            .intersection(area)
        };
        text_panel(
            " Progress ",
            &progress_lines(&fig.stats, theme),
            place(self.progress),
            buf,
            theme,
        );
        text_panel(
            " Personal bests ",
            &bests_lines(&fig.stats, theme),
            place(self.bests),
            buf,
            theme,
        );
        text_panel(
            " Levels ",
            &level_lines(app, theme),
            place(self.levels),
            buf,
            theme,
        );
        let at = place(self.holds);
        if !at.is_empty() {
            holds::render(app, fig, at, buf, theme);
        }
        for (r, draw) in [
            (
                self.pain,
                pain::render as fn(&Figures, Rect, &mut Buffer, &Theme),
            ),
            (self.heatmap, heatmap::render),
        ] {
            let at = place(r);
            if !at.is_empty() {
                draw(fig, at, buf, theme);
            }
        }
    }
}

/// A bordered panel of wrapped text.
fn text_panel(title: &str, lines: &[Line], area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let block = super::widgets::panel(Span::styled(title.to_string(), theme.title), theme);
    let inner = block.inner(area);
    block.render(area, buf);
    Paragraph::new(wrap_all(lines, usize::from(inner.width), 2)).render(inner, buf);
}

/// Streak, this week against the goal, sessions, active days and time.
fn progress_lines(stats: &Stats, theme: &Theme) -> Vec<Line<'static>> {
    let goal_met = stats.week_sessions >= stats.weekly_goal;
    let label = |text: &str| Span::styled(format!("{text} "), theme.title);
    vec![
        Line::from(vec![
            label("Streak"),
            Span::raw(format!(
                "{} · longest {}",
                plural(stats.current_streak, "day", "days"),
                plural(stats.longest_streak, "day", "days")
            )),
        ]),
        Line::from(vec![
            label("This week"),
            Span::styled(
                format!(
                    "{}/{} sessions{}",
                    stats.week_sessions,
                    stats.weekly_goal,
                    if goal_met { " · goal met" } else { "" }
                ),
                if goal_met { theme.good } else { theme.base },
            ),
        ]),
        Line::from(vec![
            label("Sessions"),
            Span::raw(format!("{} · {}", stats.sessions, stats.outcomes())),
        ]),
        Line::from(vec![
            label("Active days"),
            Span::raw(stats.active_days.to_string()),
        ]),
        Line::from(vec![
            label("Time"),
            Span::raw(format!("{} exercising", hours_minutes(stats.active_secs))),
        ]),
    ]
}

/// The best of each exercise at each level: the longest open hold, the most
/// reps in a set, with the day it was set.
fn bests_lines(stats: &Stats, theme: &Theme) -> Vec<Line<'static>> {
    stats
        .bests
        .iter()
        .map(|b| {
            let v = match b.value {
                BestValue::Hold { secs } => {
                    format!("held {}", format_clock_secs(secs.round() as u64))
                }
                BestValue::Reps { reps } => format!("{reps} reps in a set"),
            };
            Line::from(vec![
                Span::styled(format!("{}: ", b.exercise_name), theme.accent),
                Span::raw(format!(
                    "{v} (level {}, {})",
                    b.level,
                    b.at.format("%Y-%m-%d")
                )),
            ])
        })
        .collect()
}

/// The current level of every exercise.
fn level_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    app.catalog
        .exercises()
        .map(|e| {
            let logged = app.current_level(&e.id).unwrap_or(1);
            // A level the library no longer has: the highest it has, and why.
            let level = logged.min(e.levels.len()).max(1);
            let name = e.level(level).map_or("", |x| x.name.as_str());
            let mut text = format!("level {level}/{} {name}", e.levels.len());
            if logged > level {
                text.push_str(&format!(" (level {logged} no longer exists)"));
            }
            Line::from(vec![
                Span::styled(format!("{}: ", e.name), theme.accent),
                Span::raw(text),
            ])
        })
        .collect()
}
