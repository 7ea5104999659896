//! The History view: past sessions, newest first, with a details pane.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::mouse::{Hits, List, Target};
use crate::app::{Action, App};
use crate::model::duration::format_clock_secs;
use crate::model::history::{SessionRecord, Status};
use crate::model::words::plural;

fn pain(s: &SessionRecord) -> String {
    let p = |v: Option<u8>| v.map_or("-".to_string(), |v| v.to_string());
    if s.pain_before.is_none() && s.pain_after.is_none() {
        String::new()
    } else {
        format!("pain {} → {}", p(s.pain_before), p(s.pain_after))
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let rows = app.history_rows();
    let sessions = app.history.sessions();
    let filter_key = app
        .keymap
        .first_key(Context::History, Action::Filter)
        .unwrap_or_else(|| Action::Filter.name().to_string());
    if rows.is_empty() {
        let msg = if app.history_filter.is_some() {
            format!("No sessions of this routine. Press {filter_key} to change the filter.")
        } else {
            "No sessions yet. Finish a routine and it will show here.".to_string()
        };
        super::empty("History", &msg, area, buf, theme);
        return;
    }
    let details = app.history_details || area.width >= 110;
    let [list, pane] = Layout::horizontal([
        Constraint::Percentage(if details { 55 } else { 100 }),
        Constraint::Percentage(if details { 45 } else { 0 }),
    ])
    .areas(area);
    let filter = match &app.history_filter {
        Some(id) => {
            let name = sessions
                .iter()
                .find(|s| s.routine.as_deref() == Some(id))
                .and_then(|s| s.routine_name.clone())
                .unwrap_or_else(|| id.clone());
            format!(" History · {name} ({filter_key} next filter) ")
        }
        None => format!(
            " History · {} ",
            plural(rows.len() as u64, "session", "sessions")
        ),
    };
    let sel = app.history_selected.min(rows.len() - 1);
    let (inner, first) = session_list(app, &rows, sel, filter, list, buf, theme);
    // One region per row shown, naming the session's place in the list.
    hits.add(list, Target::List(List::History));
    let owners: Vec<usize> = (0..rows.len()).collect();
    super::picker::add_rows(hits, inner, first, &owners, List::History);
    if details {
        session_details(&sessions[rows[sel]], pane, buf, theme);
    }
}

/// The sessions shown, one a line, scrolled so the selected one is in view.
/// Returns the inside of the panel and the first session shown there.
fn session_list(
    app: &App,
    rows: &[usize],
    sel: usize,
    title: String,
    list: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> (Rect, usize) {
    let sessions = app.history.sessions();
    let inner_h = list.height.saturating_sub(2) as usize;
    let first = sel.saturating_sub(inner_h.saturating_sub(1));
    let mut lines = Vec::new();
    for (n, &i) in rows.iter().enumerate().skip(first).take(inner_h) {
        let s = &sessions[i];
        let best = if app.new_best_sessions.contains(&s.id) {
            "  new best"
        } else {
            ""
        };
        let text = format!(
            "{}  {:<18.18} {:>5}  {:<11} {}{best}",
            s.started.format("%a %d %b %y %H:%M"),
            s.routine_name.as_deref().unwrap_or("?"),
            format_clock_secs(s.duration_secs().round() as u64),
            s.status.word(),
            pain(s)
        );
        let style = if n == sel {
            theme.selected
        } else if matches!(s.status, Status::Completed) {
            theme.base
        } else {
            theme.dim
        };
        let marker = if n == sel { "▶ " } else { "  " };
        lines.push(Line::styled(format!("{marker}{text}"), style));
    }
    let block = super::widgets::panel(Span::styled(title, theme.title), theme);
    let inner = block.inner(list);
    Paragraph::new(lines).block(block).render(list, buf);
    (inner, first)
}

/// One session: when, how it ended, its counts, pain, note and every set.
fn session_details(s: &SessionRecord, pane: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut d = vec![
        Line::styled(s.routine_name.clone().unwrap_or_default(), theme.title),
        Line::raw(format!(
            "{} · {}",
            s.started.format("%A %-d %B %Y, %H:%M"),
            s.status.word()
        )),
        Line::raw(format!("{} · {}", s.tally().words(), s.times())),
    ];
    let p = pain(s);
    if !p.is_empty() {
        d.push(Line::raw(p));
    }
    if let Some(note) = &s.note {
        d.push(Line::from(vec![
            Span::styled("Note: ", theme.accent),
            Span::raw(note.clone()),
        ]));
    }
    d.push(Line::raw(""));
    for st in &s.steps {
        let side = st
            .side
            .map(|x| format!(" {}", x.as_str()))
            .unwrap_or_default();
        let style = if st.hurt {
            theme.hurt
        } else if st.skipped {
            theme.dim
        } else {
            theme.base
        };
        d.push(Line::styled(
            format!(
                "{} L{} set {}/{}{side}: {}",
                st.exercise_name,
                st.level,
                st.set,
                st.sets,
                st.describe()
            ),
            style,
        ));
    }
    Paragraph::new(d)
        .wrap(Wrap { trim: true })
        .block(super::widgets::panel(" Details ", theme))
        .render(pane, buf);
}
