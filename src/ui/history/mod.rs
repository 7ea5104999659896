//! The History view: past sessions, newest first, a page at a time, with the
//! filter's field above them and the selected session's details beside them
//! (or in their place when the terminal is narrow).

mod columns;
mod details;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::mouse::{Hits, List, Target};
use crate::app::{Action, App};
use crate::model::history::{SessionRecord, Status};
use crate::model::words::plural;
use columns::Columns;

/// From this width on, the details show beside the list.
pub const DETAILS_BESIDE: u16 = 110;

/// The narrowest details pane beside the list.
const DETAILS_MIN: u16 = 40;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    if app
        .history
        .sessions()
        .iter()
        .all(|s| s.status == Status::Abandoned)
    {
        let msg = "No sessions yet. Finish a routine and it will show here.";
        super::empty("History", msg, area, buf, theme);
        return;
    }
    let rows = app.history_rows();
    let view = &app.history_view;
    let sel = view.selected.min(rows.len().saturating_sub(1));
    let selected = rows.get(sel).map(|&i| &app.history.sessions()[i]);
    let beside = area.width >= DETAILS_BESIDE;
    hits.details_beside = beside;
    if !beside && view.details {
        // The details in place of the list; the wheel still moves through it.
        if let Some(s) = selected {
            let title = format!(" Session {} of {} ", sel + 1, rows.len());
            details::render(s, &title, area, buf, theme);
        }
        hits.add(area, Target::List(List::History));
        return;
    }
    let page = Page::new(app, sel, area.height);
    let mut list = area;
    if beside {
        let want = u16::try_from(Columns::ideal_width(&page.shown, &app.new_best_sessions) + 2)
            .unwrap_or(u16::MAX);
        let list_w = want.min(area.width.saturating_sub(DETAILS_MIN));
        let [l, pane] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(0)]).areas(area);
        list = l;
        if let Some(s) = selected {
            details::render(s, " Details ", pane, buf, theme);
        }
    }
    session_list(app, &page, list, buf, theme, hits);
}

/// The sessions on the page with the selected one.
struct Page<'a> {
    sel: usize,
    /// The first row of the page, and how many a page holds.
    top: usize,
    rows: usize,
    shown: Vec<&'a SessionRecord>,
    /// The filter's field shows (open, or a filter kept).
    field: bool,
}

impl<'a> Page<'a> {
    /// The page in a list panel `height` rows high: the border, the field and
    /// the column heads take the rest.
    fn new(app: &'a App, sel: usize, height: u16) -> Page<'a> {
        let view = &app.history_view;
        let field = view.editing || !view.filter.is_empty();
        let rows = usize::from(height.saturating_sub(3 + u16::from(field))).max(1);
        let all = app.history_rows();
        let top = sel / rows * rows;
        let shown = all[top.min(all.len())..all.len().min(top + rows)]
            .iter()
            .map(|&i| &app.history.sessions()[i])
            .collect();
        Page {
            sel,
            top,
            rows,
            shown,
            field,
        }
    }
}

/// The filter's field (when open or set), the column heads and a page of
/// sessions, the selected one on it. Each session row is a region for the mouse.
fn session_list(
    app: &App,
    page: &Page<'_>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    hits: &mut Hits,
) {
    let block = super::widgets::panel(Span::styled(title(app, page), theme.title), theme);
    let inner = block.inner(area);
    block.render(area, buf);
    hits.add(area, Target::List(List::History));
    let [field, head, body] = Layout::vertical([
        Constraint::Length(u16::from(page.field)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    if page.field {
        Paragraph::new(filter_line(app, theme)).render(field, buf);
    }
    if page.shown.is_empty() {
        let text = format!("No sessions match “{}”.", app.history_view.filter.trim());
        Paragraph::new(Line::styled(text, theme.dim)).render(head, buf);
        return;
    }
    hits.page_rows = body.height;
    let cols = Columns::fit(
        usize::from(inner.width),
        &page.shown,
        &app.new_best_sessions,
    );
    Paragraph::new(Line::styled(cols.head(), theme.dim)).render(head, buf);
    let lines: Vec<Line> = page
        .shown
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let selected = page.top + n == page.sel;
            let style = if selected {
                theme.selected
            } else if s.status == Status::Completed {
                theme.base
            } else {
                theme.dim
            };
            let best = app.new_best_sessions.contains(&s.id);
            Line::styled(cols.row(s, selected, best), style)
        })
        .collect();
    Paragraph::new(lines).render(body, buf);
    let owners: Vec<usize> = (page.top..page.top + page.shown.len()).collect();
    super::picker::add_rows(hits, body, 0, &owners, List::History);
}

/// " History · 12 of 365 sessions · page 2 of 3 ".
fn title(app: &App, page: &Page<'_>) -> String {
    let rows = app.history_rows().len();
    let all = app
        .history
        .sessions()
        .iter()
        .filter(|s| s.status != Status::Abandoned)
        .count();
    let sessions = plural(all as u64, "session", "sessions");
    let mut t = if app.history_view.filter.is_empty() {
        format!(" History · {sessions}")
    } else {
        format!(" History · {rows} of {sessions}")
    };
    if rows > page.rows {
        let pages = rows.div_ceil(page.rows);
        t.push_str(&format!(" · page {} of {pages}", page.top / page.rows + 1));
    }
    t.push(' ');
    t
}

/// "/ qui_  Enter keep · Esc clear · ↑ ↓ move" while typing; "Filter: qui ·
/// / change · q/Esc clear" once kept.
fn filter_line(app: &App, theme: &Theme) -> Line<'static> {
    let view = &app.history_view;
    let key = |ctx, action| super::widgets::key_text(&app.keymap, ctx, action);
    if view.editing {
        let ctx = Context::HistoryFilter;
        let hint = format!(
            "  {} keep · {} clear · {} {} move",
            key(ctx, Action::Confirm),
            key(ctx, Action::Cancel),
            key(ctx, Action::PreviousMatch),
            key(ctx, Action::NextMatch),
        );
        Line::from(vec![
            Span::styled(
                format!("{} ", key(Context::History, Action::Filter)),
                theme.key,
            ),
            Span::styled(format!("{}_", view.filter), theme.title),
            Span::styled(hint, theme.dim),
        ])
    } else {
        let hint = format!(
            "  {} change · {} clear",
            key(Context::History, Action::Filter),
            app.keymap.all_keys(Context::History, Action::Back)
        );
        Line::from(vec![
            Span::styled("Filter: ", theme.accent),
            Span::raw(view.filter.clone()),
            Span::styled(hint, theme.dim),
        ])
    }
}
