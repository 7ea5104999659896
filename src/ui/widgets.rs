//! Small shared pieces: big digits, the hint bars, dialog answers, centred boxes.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::Action;
use crate::app::keymap::{Context, Hint, Key, Keymap};
use crate::app::mouse::{Hits, Target};

/// Digits three cells wide and five tall, drawn with full blocks.
const DIGITS: [[&str; 5]; 10] = [
    ["███", "█ █", "█ █", "█ █", "███"],
    ["  █", "  █", "  █", "  █", "  █"],
    ["███", "  █", "███", "█  ", "███"],
    ["███", "  █", "███", "  █", "███"],
    ["█ █", "█ █", "███", "  █", "  █"],
    ["███", "█  ", "███", "  █", "███"],
    ["███", "█  ", "███", "█ █", "███"],
    ["███", "  █", "  █", "  █", "  █"],
    ["███", "█ █", "███", "█ █", "███"],
    ["███", "█ █", "███", "  █", "███"],
];
const COLON: [&str; 5] = [" ", "█", " ", "█", " "];

/// The width big digits of `text` take (digits 3 + gap 1, colon 1 + gap 1).
pub fn big_width(text: &str) -> u16 {
    text.chars()
        .map(|c| if c == ':' { 2 } else { 4 })
        .sum::<u16>()
        .saturating_sub(1)
}

/// Draws `text` (digits and ':') in big digits, centred in `area`, if it fits.
/// Returns whether it was drawn.
pub fn big_text(text: &str, area: Rect, buf: &mut Buffer, style: Style) -> bool {
    let width = big_width(text);
    if area.width < width || area.height < 5 {
        return false;
    }
    let x0 = area.x + (area.width - width) / 2;
    for row in 0..5u16 {
        let mut x = x0;
        for c in text.chars() {
            let glyph = match c {
                ':' => COLON[row as usize],
                d => match d.to_digit(10) {
                    Some(n) => DIGITS[n as usize][row as usize],
                    None => "   ",
                },
            };
            buf.set_string(x, area.y + row, glyph, style);
            x += glyph.chars().count() as u16 + 1;
        }
    }
    true
}

/// The cells a hint takes: "Space pause/resume".
fn hint_width(h: &Hint) -> usize {
    h.key.width() + 1 + h.label.width()
}

/// Lays out key hints ("Space pause/resume · → next · ? help") in at most
/// `max_lines` lines of `width` cells, never cutting one in two. A hint that does
/// not fit where it comes is dropped, but room is kept on the last line for the
/// help hint, so the user can always find the rest.
pub fn pack_hints(
    hints: &[Hint],
    width: u16,
    max_lines: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    const GAP: usize = 3; // " · "
    let width = usize::from(width);
    let help = hints
        .iter()
        .find(|h| h.action == Action::Help)
        .map_or(0, hint_width);
    let mut lines: Vec<Vec<&Hint>> = Vec::new();
    let mut used = 0;
    let mut help_placed = help == 0;
    for h in hints {
        let w = hint_width(h);
        let is_help = h.action == Action::Help;
        // On the last line, room stays for the help hint while it is to come.
        let reserve = |last: bool| {
            if last && !help_placed && !is_help {
                GAP + help
            } else {
                0
            }
        };
        let here = used + GAP + w + reserve(lines.len() == max_lines) <= width;
        if let Some(line) = lines.last_mut().filter(|_| here) {
            line.push(h);
            used += GAP + w;
        } else if lines.len() < max_lines && w + reserve(lines.len() + 1 == max_lines) <= width {
            lines.push(vec![h]);
            used = w;
        } else {
            continue;
        }
        help_placed |= is_help;
    }
    lines
        .into_iter()
        .map(|line| {
            let mut spans = Vec::new();
            for (i, h) in line.into_iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" · ", theme.dim));
                }
                spans.push(Span::styled(h.key.clone(), theme.key));
                spans.push(Span::raw(format!(" {}", h.label)));
            }
            Line::from(spans)
        })
        .collect()
}

/// Lines with one cell of margin on the left, as the hint bars have.
pub fn indented(lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|line| {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// The key to press for an action, as hints write it ("Enter"); the action's
/// `[keys]` name in brackets if no key is bound to it.
pub fn key_text(keymap: &Keymap, ctx: Context, action: Action) -> String {
    keymap
        .first_key(ctx, action)
        .unwrap_or_else(|| format!("[{}]", action.name()))
}

/// One answer of a question dialog, "k keep going (Esc)": the action's first key
/// and what it does here, with "(Esc)" when Esc does it too. `None` when no key
/// is bound to it.
pub fn choice(
    keymap: &Keymap,
    ctx: Context,
    action: Action,
    label: &str,
    theme: &Theme,
) -> Option<Line<'static>> {
    let keys = keymap.keys(ctx, action);
    let first = keys.first()?;
    let esc = Key::plain(KeyCode::Esc);
    let note = if *first != esc && keys.contains(&esc) {
        " (Esc)"
    } else {
        ""
    };
    Some(Line::from(vec![
        Span::styled(first.short(), theme.key),
        Span::raw(format!(" {label}{note}")),
    ]))
}

/// The bordered panel every view draws its parts in.
pub fn panel<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(title)
}

/// A box of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [c] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    c
}

/// Clears `r` and draws a dialog's border and title around it; returns the
/// inside.
pub fn frame(r: Rect, buf: &mut Buffer, title: &str, theme: &Theme) -> Rect {
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.accent)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(r);
    block.render(r, buf);
    inner
}

/// A bordered dialog with a title and lines of text, drawn over what is below.
/// Returns the inside, where the lines are.
pub fn dialog(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    lines: Vec<Line<'_>>,
    theme: &Theme,
    width: u16,
) -> Rect {
    let height = (lines.len() as u16).saturating_add(2);
    let r = centered(area, width, height);
    let inner = frame(r, buf, title, theme);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    inner
}

/// The answers of a question, each on its line as [`choice`] writes it, with
/// its action; the ones without a key are left out.
pub fn choices(
    keymap: &Keymap,
    ctx: Context,
    answers: &[(Action, &str)],
    theme: &Theme,
) -> Vec<(Line<'static>, Action)> {
    answers
        .iter()
        .filter_map(|(action, label)| Some((choice(keymap, ctx, *action, label, theme)?, *action)))
        .collect()
}

/// A dialog that asks: its text (wrapped), then one row per answer at the
/// bottom, each of which a click gives (the answers keep their rows even when
/// a narrow terminal leaves the text too little room).
#[allow(clippy::too_many_arguments)]
pub fn question(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    text: Vec<Line<'_>>,
    choices: Vec<(Line<'_>, Action)>,
    theme: &Theme,
    width: u16,
    hits: &mut Hits,
) {
    let rows = u16::try_from(choices.len()).unwrap_or(u16::MAX);
    let height = (text.len() as u16).saturating_add(rows).saturating_add(2);
    let r = centered(area, width, height);
    let inner = frame(r, buf, title, theme);
    let [top, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(inner);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .render(top, buf);
    for (row, (line, action)) in bottom.rows().zip(choices) {
        Paragraph::new(line).render(row, buf);
        hits.add(row, Target::Choice(action));
    }
}

/// A simple horizontal bar: `ratio` of `area.width` filled, with a label after it.
pub fn bar(area: Rect, buf: &mut Buffer, ratio: f64, label: &str, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let label_w = label.chars().count() as u16 + 1;
    let bar_w = area.width.saturating_sub(label_w).max(1);
    let filled = ((ratio.clamp(0.0, 1.0)) * f64::from(bar_w)).round() as u16;
    let mut s = String::with_capacity(bar_w as usize * 3);
    for i in 0..bar_w {
        s.push(if i < filled { '█' } else { '░' });
    }
    buf.set_stringn(area.x, area.y, &s, bar_w as usize, theme.accent);
    if area.width > bar_w {
        buf.set_stringn(
            area.x + bar_w + 1,
            area.y,
            label,
            (area.width - bar_w - 1) as usize,
            theme.base,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(action: Action, key: &str, label: &'static str) -> Hint {
        Hint {
            action,
            key: key.into(),
            label,
        }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    fn session() -> Vec<Hint> {
        vec![
            hint(Action::Pause, "Space", "pause/resume"),
            hint(Action::Next, "→", "next"),
            hint(Action::EndSession, "q", "end session"),
            hint(Action::Help, "?", "help"),
        ]
    }

    #[test]
    fn hints_that_fit_are_all_shown_in_order() {
        let theme = Theme::choose(crate::model::settings::ThemeName::Mono, true);
        let lines = pack_hints(&session(), 80, 1, &theme);
        assert_eq!(
            texts(&lines),
            ["Space pause/resume · → next · q end session · ? help"]
        );
    }

    #[test]
    fn a_hint_that_does_not_fit_is_dropped_whole_and_help_stays() {
        let theme = Theme::choose(crate::model::settings::ThemeName::Mono, true);
        // "Space pause/resume · → next · q end session" is 43 cells, "? help" 6 more
        // with its separator: at 40 the end-session hint goes, help stays.
        let lines = pack_hints(&session(), 40, 1, &theme);
        assert_eq!(texts(&lines), ["Space pause/resume · → next · ? help"]);
        for width in 0..60u16 {
            for line in texts(&pack_hints(&session(), width, 1, &theme)) {
                assert!(line.width() <= usize::from(width), "{width}: {line}");
                assert!(!line.ends_with("· "), "{width}: {line}");
            }
        }
        // Too narrow even for help alone: nothing rather than half a hint.
        assert!(pack_hints(&session(), 5, 1, &theme).is_empty());
    }

    #[test]
    fn hints_wrap_onto_more_lines_by_display_width() {
        let theme = Theme::choose(crate::model::settings::ThemeName::Mono, true);
        // "全" takes two cells: "全 wide" is 7 cells, not 6.
        let hints = [
            hint(Action::Up, "全", "wide"),
            hint(Action::Down, "j", "down"),
            hint(Action::Add, "a", "add"),
        ];
        let lines = pack_hints(&hints, 15, 3, &theme);
        assert_eq!(texts(&lines), ["全 wide", "j down · a add"]);
        let lines = pack_hints(&hints, 6, 1, &theme);
        assert_eq!(texts(&lines), ["j down"]);
    }
}
