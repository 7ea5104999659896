//! Wrapping styled lines to a width ourselves, so a view knows how many rows
//! its text takes before drawing it (the Stats page lays out and scrolls by it).

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `line` broken between words into lines of at most `width` cells, styles
/// kept; continuation lines start with `indent` spaces. A word longer than a
/// line goes on over the next ones.
pub fn wrap(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = indent.min(width.saturating_sub(1));
    let mut out: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    // Cells used on the current line, and where its text starts.
    let mut used = 0;
    let mut start = 0;
    for span in &line.spans {
        for (word, space) in words(&span.content) {
            let mut rest = word;
            loop {
                if used > start && used + rest.width() > width {
                    out.push(vec![Span::raw(" ".repeat(indent))]);
                    (used, start) = (indent, indent);
                }
                let (text, taken) = fit(rest, width - used, used == start);
                rest = &rest[text.len()..];
                used += taken;
                if let Some(l) = out.last_mut().filter(|_| !text.is_empty()) {
                    l.push(Span::styled(text.to_string(), span.style));
                }
                if rest.is_empty() {
                    break;
                }
                // Longer than a whole line: the rest goes on the next one.
                out.push(vec![Span::raw(" ".repeat(indent))]);
                (used, start) = (indent, indent);
            }
            if !space.is_empty() && used < width {
                if let Some(l) = out.last_mut() {
                    l.push(Span::styled(space.to_string(), span.style));
                }
                used += space.width();
            }
        }
    }
    out.into_iter()
        .map(|spans| Line::from(spans).style(line.style))
        .collect()
}

/// Every line wrapped.
pub fn wrap_all(lines: &[Line<'_>], width: usize, indent: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap(l, width, indent)).collect()
}

/// The words of a text, each with the spaces after it.
fn words(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(' ').unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let spaces = after.len() - after.trim_start_matches(' ').len();
        let (space, next) = after.split_at(spaces);
        out.push((word, space));
        rest = next;
    }
    out
}

/// The start of `word` that fits in `room` cells, and the cells it takes; at
/// least one character when `fresh` (a line of its own), so nothing is lost.
fn fit(word: &str, room: usize, fresh: bool) -> (&str, usize) {
    let mut end = 0;
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > room && !(fresh && end == 0) {
            break;
        }
        end = i + c.len_utf8();
        used += w;
    }
    (&word[..end], used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn lines_break_between_words_and_keep_their_styles() {
        let style = ratatui::style::Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Streak ", style),
            Span::raw("12 days · longest 30 days"),
        ]);
        let lines = wrap(&line, 16, 2);
        assert_eq!(
            texts(&lines),
            ["Streak 12 days ·", "  longest 30 ", "  days"]
        );
        assert_eq!(lines[0].spans[0].style, style);
        assert_eq!(
            texts(&wrap(&line, 80, 0)),
            ["Streak 12 days · longest 30 days"]
        );
        // A word longer than the line goes on over the next; nothing is ever
        // wider than asked, nothing is lost.
        let text = "Stretch between-the-shoulder-blades: 12";
        for width in 2..40 {
            let lines = wrap(&Line::raw(text), width, 1);
            for l in &lines {
                assert!(l.width() <= width, "{width}: {l:?}");
            }
            let joined: String = texts(&lines).iter().map(|l| l.trim()).collect();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""), "{width}");
        }
    }
}
