//! Rendering: a pure function of the app state. No I/O here.

pub mod bigtext;
pub mod editor;
pub mod history;
pub mod picker;
pub mod session;
pub mod stats;
pub mod summary;
pub mod theme;
pub mod widgets;
pub mod wrap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use unicode_width::UnicodeWidthStr;

use crate::app::keymap::Context;
use crate::app::mouse::{Hits, List, Target};
use crate::app::{Action, App, Ask, Overlay, PAIN_QUESTION, Screen, Tab};
use crate::model::words::plural;
use theme::Theme;

/// Below this size the app asks for a larger terminal instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        draw(self, area, buf);
    }
}

/// Draws the app and returns what the mouse can reach where, as drawn.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Hits {
    let mut hits = Hits::default();
    let area = area.intersection(buf.area);
    let theme = Theme::choose(app.settings.ui.theme, app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf, &theme);
        return hits;
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(app, top, buf, &theme, &mut hits);
    match &app.screen {
        Screen::Main => match app.tab {
            Tab::Routines => picker::render(app, body, buf, &theme, &mut hits),
            Tab::History => history::render(app, body, buf, &theme, &mut hits),
            Tab::Stats => stats::render(app, body, buf, &theme, &mut hits),
        },
        Screen::Session(r) => session::render(app, r, body, buf, &theme),
        Screen::Summary(s) => summary::render(app, s, body, buf, &theme),
        Screen::Editor(e) => editor::render(app, e, body, buf, &theme, &mut hits),
    }
    footer(app, bottom, buf, &theme);
    if app.overlay.is_some() {
        hits.cover();
    }
    match &app.overlay {
        Some(Overlay::Help) => help(app, area, buf, &theme, &mut hits),
        Some(Overlay::Notice) => notice(app, area, buf, &theme, &mut hits),
        Some(Overlay::ConfirmEnd) => confirm_end(app, area, buf, &theme, &mut hits),
        Some(Overlay::Prompt { ask, input }) => prompt(app, ask, input, area, buf, &theme),
        Some(Overlay::Resume) => resume(app, area, buf, &theme, &mut hits),
        Some(Overlay::QuitUnsaved) => quit_unsaved(app, area, buf, &theme, &mut hits),
        None => {}
    }
    hits
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "Make the terminal larger: upright needs at least {MIN_WIDTH}x{MIN_HEIGHT} (now {}x{}).",
        area.width, area.height
    );
    Paragraph::new(text)
        .style(theme.base)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn header(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let mut spans = vec![Span::styled(" upright ", theme.title)];
    match &app.screen {
        Screen::Main | Screen::Summary(_) => {
            for (i, tab) in Tab::ALL.iter().enumerate() {
                let label = format!(" {} {} ", i + 1, tab.title());
                let style = if *tab == app.tab && matches!(app.screen, Screen::Main) {
                    theme.selected
                } else {
                    theme.dim
                };
                spans.push(Span::raw(" "));
                if matches!(app.screen, Screen::Main) {
                    let x: usize = spans.iter().map(|s| s.content.width()).sum();
                    let x = area.x.saturating_add(u16::try_from(x).unwrap_or(u16::MAX));
                    let w = u16::try_from(label.width()).unwrap_or(0);
                    let tab_area = Rect::new(x, area.y, w, 1).intersection(area);
                    hits.add(tab_area, Target::Tab(*tab));
                }
                spans.push(Span::styled(label, style));
            }
        }
        Screen::Session(r) => {
            spans.push(Span::styled("· ", theme.dim));
            spans.push(Span::styled(r.routine_name.clone(), theme.accent));
        }
        Screen::Editor(e) => {
            spans.push(Span::styled("· ", theme.dim));
            spans.push(Span::styled(editor::title(e), theme.accent));
        }
    }
    if app.muted {
        spans.push(Span::styled("  [sound muted]", theme.dim));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn footer(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if let Some(msg) = app.status_line.as_ref().or(app.unsaved.as_ref()) {
        Paragraph::new(Line::styled(format!(" {msg}"), theme.accent)).render(area, buf);
        return;
    }
    let ctx = app.context();
    let actions: &[Action] = match (&app.screen, ctx) {
        // "Enter done" goes last: it only matters for open holds and self-paced
        // reps, whose time line says it too; ending the session must always show.
        (Screen::Session(_), _) => &[
            Action::Pause,
            Action::Next,
            Action::Previous,
            Action::Hurt,
            Action::EndSession,
            Action::Focus,
            Action::Done,
            Action::Help,
        ],
        // The level key only while a suggestion waits to be taken.
        (Screen::Summary(s), _) if s.suggestions.iter().any(|x| !x.accepted) => &[
            Action::Done,
            Action::AcceptLevel,
            Action::Help,
            Action::Quit,
        ],
        (Screen::Summary(_), _) => &[Action::Done, Action::Help, Action::Quit],
        (Screen::Editor(_), _) => &editor::FOOTER,
        (_, Context::Picker) => &[
            Action::Up,
            Action::Down,
            Action::Start,
            Action::Edit,
            Action::NextTab,
            Action::Help,
            Action::Back,
        ],
        (_, Context::History) => &[
            Action::Up,
            Action::Down,
            Action::PageDown,
            Action::Details,
            Action::Filter,
            Action::NextTab,
            Action::Help,
            Action::Back,
        ],
        (_, Context::HistoryFilter) => &[
            Action::Confirm,
            Action::Cancel,
            Action::PreviousMatch,
            Action::NextMatch,
            Action::DeleteChar,
        ],
        (_, Context::Stats) => &[
            Action::Up,
            Action::Down,
            Action::PageDown,
            Action::NextTab,
            Action::Help,
            Action::Back,
        ],
        _ => &[Action::NextTab, Action::Help, Action::Back],
    };
    let mut hints = app.keymap.hints(ctx, actions);
    for hint in &mut hints {
        if let Some(label) = main_label(app, hint.action, area.width) {
            hint.label = label;
        }
    }
    let lines = widgets::pack_hints(&hints, area.width.saturating_sub(1), 1, theme);
    Paragraph::new(widgets::indented(lines)).render(area, buf);
}

/// What a key does in the main views where its own label would not say it:
/// Back quits at the top level, but first clears History's filter and closes
/// its details shown in place of the list; the filter's Enter and Esc.
fn main_label(app: &App, action: Action, width: u16) -> Option<&'static str> {
    if !matches!(app.screen, Screen::Main) {
        return None;
    }
    let view = &app.history_view;
    let history = app.tab == Tab::History;
    let in_place = history && view.details && width < history::DETAILS_BESIDE;
    match action {
        Action::Back if history && !view.filter.is_empty() => Some("clear filter"),
        Action::Back if in_place => Some("back to the list"),
        Action::Back => Some("quit"),
        Action::Details if in_place => Some("back to the list"),
        Action::Confirm => Some("keep filter"),
        Action::Cancel => Some("clear filter"),
        _ => None,
    }
}

/// A centred message for a view with nothing to show yet.
pub fn empty(title: &str, message: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let lines = vec![
        Line::styled(title.to_string(), theme.title),
        Line::raw(""),
        Line::raw(message.to_string()),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area.inner(ratatui::layout::Margin::new(2, 1)), buf);
}

/// A prompt's title, question and what to press, as its dialog writes them.
pub fn prompt_text(app: &App, ask: &Ask) -> (String, &'static str, String) {
    let ok = widgets::key_text(&app.keymap, Context::Prompt, Action::Confirm);
    let skip = widgets::key_text(&app.keymap, Context::Prompt, Action::Cancel);
    match ask {
        Ask::PainBefore { routine } => {
            let name = app.catalog.routine(routine).map_or("", |r| r.name.as_str());
            (
                format!("{name}: before you start"),
                PAIN_QUESTION,
                format!("Type 0-10, {ok} to go on, {skip} to skip"),
            )
        }
        Ask::PainAfter => (
            "Well done".into(),
            PAIN_QUESTION,
            format!("Type 0-10, {ok} to go on, {skip} to skip"),
        ),
        Ask::Note => (
            "A note for your log?".into(),
            "Anything to remember about this session",
            format!("{ok} to save, {skip} to skip"),
        ),
        Ask::SaveEventsTo => (
            "Events not saved".into(),
            "Write the events to (empty: a new file in the cache dir)",
            format!("{ok} to write, {skip} to go back"),
        ),
    }
}

fn prompt(app: &App, ask: &Ask, input: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (title, question, hint) = prompt_text(app, ask);
    // A long path shows its end, where the typing is.
    let shown = input.chars().count().saturating_sub(44);
    let input: String = input.chars().skip(shown).collect();
    let lines = vec![
        Line::raw(question),
        Line::raw(""),
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(format!("{input}_"), theme.title),
        ]),
        Line::raw(""),
        Line::styled(hint, theme.dim),
    ];
    widgets::dialog(area, buf, &title, lines, theme, 50);
}

fn resume(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let Some(offer) = &app.resume_offer else {
        return;
    };
    let text = vec![
        Line::raw(format!(
            "Your last session of {} stopped before the end.",
            offer.routine_name
        )),
        Line::raw(format!(
            "{}. Pick it up where it stopped?",
            offer.progress()
        )),
        Line::raw(""),
    ];
    let answers = [
        (Action::ResumeSession, "resume"),
        (
            Action::NotNow,
            "not now (it stays in History as interrupted)",
        ),
    ];
    let choices = widgets::choices(&app.keymap, Context::Resume, &answers, theme);
    widgets::question(area, buf, "Resume session", text, choices, theme, 64, hits);
}

const HELP_WIDTH: u16 = 56;

/// Every key of the view and of everywhere, one entry a row (two when the
/// terminal is too narrow for the keys and what they do side by side); when
/// the rows do not fit, they scroll (see [`Hits::help_max_scroll`]).
fn help(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let ctx = app.context();
    let width = HELP_WIDTH.min(area.width);
    let room = usize::from(width.saturating_sub(2));
    let mut rows: Vec<Line> = Vec::new();
    let mut section = |title: &str, entries: Vec<(String, &'static str)>| {
        if entries.is_empty() {
            return;
        }
        rows.push(Line::styled(title.to_string(), theme.title));
        for (keys, label) in entries {
            let keys = format!("  {keys:<17} ");
            if keys.width() + label.width() <= room {
                rows.push(Line::from(vec![
                    Span::styled(keys, theme.key),
                    Span::raw(label),
                ]));
            } else {
                rows.push(Line::styled(keys.trim_end().to_string(), theme.key));
                rows.push(Line::raw(format!("      {label}")));
            }
        }
    };
    if ctx != Context::Global {
        section(ctx.title(), app.keymap.help(ctx));
    }
    section(Context::Global.title(), app.keymap.help(Context::Global));
    // The rows, the closing line and the border.
    let height = u16::try_from(rows.len() + 3)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let visible = usize::from(height.saturating_sub(3));
    let max_scroll = u16::try_from(rows.len().saturating_sub(visible)).unwrap_or(u16::MAX);
    hits.help_max_scroll = max_scroll;
    let close = if max_scroll == 0 {
        "Press any key to close.".to_string()
    } else {
        let up = app.keymap.all_keys(Context::Help, Action::Up);
        let down = app.keymap.all_keys(Context::Help, Action::Down);
        format!("{up} {down} scroll · any other key closes.")
    };
    let r = widgets::centered(area, width, height);
    let inner = widgets::frame(r, buf, "Keys", theme);
    let [list, foot] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
    Paragraph::new(rows)
        .scroll((app.help_scroll.min(max_scroll), 0))
        .render(list, buf);
    Paragraph::new(Line::styled(close, theme.dim)).render(foot, buf);
    hits.add(r, Target::List(List::Help));
}

/// The first-run safety notice.
pub const NOTICE: [&str; 5] = [
    "upright is a coach for gentle exercise, not medical advice.",
    "Stop at once if you feel sharp pain, numbness or tingling.",
    "If your pain is severe, keeps coming back or does not get better,",
    "see a doctor or physiotherapist before going on.",
    "Move within a comfortable range; it should never hurt.",
];

fn notice(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let mut text: Vec<Line> = NOTICE.iter().map(|l| Line::raw(*l)).collect();
    text.push(Line::raw(""));
    let choice = Line::from(vec![
        Span::styled(
            widgets::key_text(&app.keymap, Context::Notice, Action::Acknowledge),
            theme.key,
        ),
        Span::raw(" I understand"),
    ]);
    let choices = vec![(choice, Action::Acknowledge)];
    widgets::question(
        area,
        buf,
        "Before you start",
        text,
        choices,
        theme,
        72,
        hits,
    );
}

/// The quit question's text: how many events were not saved to the log, and
/// why.
pub fn quit_unsaved_head(app: &App) -> (String, &str) {
    let (kept, why) = app
        .unsaved_events
        .as_ref()
        .map_or((0, ""), |u| (u.kept, u.reason.as_str()));
    (
        format!(
            "{} not saved to the log:",
            plural(kept as u64, "event", "events")
        ),
        why,
    )
}

/// The answers of the quit question, each with its key.
pub fn quit_unsaved_choices(app: &App, theme: &Theme) -> Vec<(Line<'static>, Action)> {
    let answers = [
        (Action::RetrySave, "retry saving, then quit"),
        (Action::SaveElsewhere, Action::SaveElsewhere.label()),
        (Action::QuitAnyway, "quit anyway (they go to the cache dir)"),
        (Action::KeepGoing, "stay"),
    ];
    widgets::choices(&app.keymap, Context::QuitDialog, &answers, theme)
}

fn quit_unsaved(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let (head, why) = quit_unsaved_head(app);
    let mut text = vec![Line::raw(head)];
    // The reason, in rows that fit (the dialog's height counts them).
    text.extend(wrap_words(why, 56).into_iter().map(Line::raw));
    text.push(Line::raw(""));
    let choices = quit_unsaved_choices(app, theme);
    widgets::question(area, buf, "Quit", text, choices, theme, 60, hits);
}

/// Text cut into rows of at most `width` characters, between words where it
/// can be (a longer word is cut).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let mut row = String::new();
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        for piece in chars.chunks(width.max(1)) {
            let piece: String = piece.iter().collect();
            let used = row.chars().count();
            if used > 0 && used + 1 + piece.chars().count() > width {
                rows.push(std::mem::take(&mut row));
            }
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(&piece);
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// The question of the end dialog.
pub const END_QUESTION: &str = "End this session now?";

/// The answers of the end dialog, each with its key: "s end now, keep what
/// you did".
pub fn end_choices(app: &App, theme: &Theme) -> Vec<(Line<'static>, Action)> {
    let answers = [
        (Action::SavePartial, Action::SavePartial.label()),
        (Action::Discard, "discard it (not counted)"),
        (Action::KeepGoing, Action::KeepGoing.label()),
    ];
    widgets::choices(&app.keymap, Context::EndDialog, &answers, theme)
}

fn confirm_end(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, hits: &mut Hits) {
    let text = vec![Line::raw(END_QUESTION), Line::raw("")];
    let choices = end_choices(app, theme);
    widgets::question(area, buf, "End session", text, choices, theme, 44, hits);
}
