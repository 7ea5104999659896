//! Rendering: a pure function of the app state. No I/O here.

pub mod editor;
pub mod history;
pub mod picker;
pub mod session;
pub mod stats;
pub mod summary;
pub mod theme;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::keymap::Context;
use crate::app::{Action, App, Ask, Overlay, PAIN_QUESTION, Screen, Tab};
use theme::Theme;

/// Below this size the app asks for a larger terminal instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let theme = Theme::choose(self.settings.ui.theme, self.no_color);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf, &theme);
            return;
        }
        let [top, body, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        header(self, top, buf, &theme);
        match &self.screen {
            Screen::Main => match self.tab {
                Tab::Routines => picker::render(self, body, buf, &theme),
                Tab::History => history::render(self, body, buf, &theme),
                Tab::Stats => stats::render(self, body, buf, &theme),
            },
            Screen::Session(r) => session::render(self, r, body, buf, &theme),
            Screen::Summary(s) => summary::render(self, s, body, buf, &theme),
            Screen::Editor(e) => editor::render(self, e, body, buf, &theme),
        }
        footer(self, bottom, buf, &theme);
        match &self.overlay {
            Some(Overlay::Help) => help(self, area, buf, &theme),
            Some(Overlay::Notice) => notice(self, area, buf, &theme),
            Some(Overlay::ConfirmEnd) => confirm_end(self, area, buf, &theme),
            Some(Overlay::Prompt { ask, input }) => prompt(self, ask, input, area, buf, &theme),
            Some(Overlay::Resume) => resume(self, area, buf, &theme),
            None => {}
        }
    }
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

fn header(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
            Action::Details,
            Action::Filter,
            Action::NextTab,
            Action::Help,
            Action::Back,
        ],
        _ => &[Action::NextTab, Action::Help, Action::Back],
    };
    let mut hints = app.keymap.hints(ctx, actions);
    if matches!(app.screen, Screen::Main)
        && let Some(back) = hints.iter_mut().find(|h| h.action == Action::Back)
    {
        back.label = "quit";
    }
    let lines = widgets::pack_hints(&hints, area.width.saturating_sub(1), 1, theme);
    Paragraph::new(widgets::indented(lines)).render(area, buf);
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

fn prompt(app: &App, ask: &Ask, input: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let ok = widgets::key_text(&app.keymap, Context::Prompt, Action::Confirm);
    let skip = widgets::key_text(&app.keymap, Context::Prompt, Action::Cancel);
    let before;
    let (title, question, hint) = match ask {
        Ask::PainBefore { routine } => (
            {
                let name = app.catalog.routine(routine).map_or("", |r| r.name.as_str());
                before = format!("{name}: before you start");
                before.as_str()
            },
            PAIN_QUESTION,
            format!("Type 0-10, {ok} to go on, {skip} to skip"),
        ),
        Ask::PainAfter => (
            "Well done",
            PAIN_QUESTION,
            format!("Type 0-10, {ok} to go on, {skip} to skip"),
        ),
        Ask::Note => (
            "A note for your log?",
            "Anything to remember about this session",
            format!("{ok} to save, {skip} to skip"),
        ),
    };
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
    widgets::dialog(area, buf, title, lines, theme, 50);
}

fn resume(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(offer) = &app.resume_offer else {
        return;
    };
    let mut choices = Vec::new();
    let answers = [
        (Action::ResumeSession, " resume   "),
        (
            Action::NotNow,
            " not now (it stays in History as interrupted)",
        ),
    ];
    for (action, label) in answers {
        if let Some(key) = app.keymap.first_key(Context::Resume, action) {
            choices.push(Span::styled(key, theme.key));
            choices.push(Span::raw(label));
        }
    }
    let lines = vec![
        Line::raw(format!(
            "Your last session of {} stopped before the end.",
            offer.routine_name
        )),
        Line::raw(format!(
            "{}. Pick it up where it stopped?",
            offer.progress()
        )),
        Line::raw(""),
        Line::from(choices),
    ];
    widgets::dialog(area, buf, "Resume session", lines, theme, 64);
}

fn help(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let ctx = app.context();
    let mut lines = Vec::new();
    let section =
        |title: &str, rows: Vec<(String, &'static str)>, lines: &mut Vec<Line<'static>>| {
            if rows.is_empty() {
                return;
            }
            lines.push(Line::styled(title.to_string(), theme.title));
            for (keys, label) in rows {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<18}"), theme.key),
                    Span::raw(label),
                ]));
            }
        };
    if ctx != Context::Global {
        section(ctx.title(), app.keymap.help(ctx), &mut lines);
    }
    section(
        Context::Global.title(),
        app.keymap.help(Context::Global),
        &mut lines,
    );
    lines.push(Line::styled("Press any key to close.", theme.dim));
    widgets::dialog(area, buf, "Keys", lines, theme, 56);
}

/// The first-run safety notice.
pub const NOTICE: [&str; 5] = [
    "upright is a coach for gentle exercise, not medical advice.",
    "Stop at once if you feel sharp pain, numbness or tingling.",
    "If your pain is severe, keeps coming back or does not get better,",
    "see a doctor or physiotherapist before going on.",
    "Move within a comfortable range; it should never hurt.",
];

fn notice(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut lines: Vec<Line> = NOTICE.iter().map(|l| Line::raw(*l)).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(
            widgets::key_text(&app.keymap, Context::Notice, Action::Acknowledge),
            theme.key,
        ),
        Span::raw(" I understand"),
    ]));
    widgets::dialog(area, buf, "Before you start", lines, theme, 72);
}

fn confirm_end(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut lines = vec![Line::raw("End this session now?"), Line::raw("")];
    let choices = [
        (Action::SavePartial, Action::SavePartial.label()),
        (Action::Discard, "discard it (not counted)"),
        (Action::KeepGoing, Action::KeepGoing.label()),
    ];
    lines.extend(choices.iter().filter_map(|(a, label)| {
        widgets::choice(&app.keymap, Context::EndDialog, *a, label, theme)
    }));
    widgets::dialog(area, buf, "End session", lines, theme, 44);
}
