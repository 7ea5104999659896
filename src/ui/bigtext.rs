//! Large text that scales: the project's own bitmap font, 5 pixels wide and 7
//! tall, drawn at any whole scale. A pixel is one cell wide and half a cell
//! tall (the half-block characters `▀`, `▄` and `█`), so it is about square on
//! a terminal whose cells are twice as tall as they are wide, and a glyph at
//! scale `s` takes `5s` columns and `7s / 2` rows (rounded up).
//!
//! [`fit`] finds the largest scale at which a text fits a box, on one line or
//! broken into two at a space; [`draw`] draws what it found, centred. Text with
//! a character the font does not have does not fit at any scale, so the caller
//! can fall back to plain text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The height of a glyph, in pixels.
const GLYPH_HEIGHT: u16 = 7;

/// One glyph: its rows, top to bottom, `#` for a lit pixel. Every row has the
/// glyph's width.
type Glyph = [&'static str; GLYPH_HEIGHT as usize];

/// The glyph of a character (letters in either case), if the font has one.
fn glyph(c: char) -> Option<Glyph> {
    let rows = match c.to_ascii_uppercase() {
        '0' => [
            ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        '1' => [
            "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        '2' => [
            ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",
        ],
        '3' => [
            "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.",
        ],
        '4' => [
            "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.",
        ],
        '5' => [
            "#####", "#....", "####.", "....#", "....#", "#...#", ".###.",
        ],
        '6' => [
            "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.",
        ],
        '7' => [
            "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...",
        ],
        '8' => [
            ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.",
        ],
        '9' => [
            ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..",
        ],
        'A' => [
            ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'B' => [
            "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.",
        ],
        'C' => [
            ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.",
        ],
        'D' => [
            "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.",
        ],
        'E' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#####",
        ],
        'F' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#....",
        ],
        'G' => [
            ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####",
        ],
        'H' => [
            "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'I' => ["###", ".#.", ".#.", ".#.", ".#.", ".#.", "###"],
        'J' => [
            "..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##..",
        ],
        'K' => [
            "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#",
        ],
        'L' => [
            "#....", "#....", "#....", "#....", "#....", "#....", "#####",
        ],
        'M' => [
            "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#",
        ],
        'N' => [
            "#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#",
        ],
        'O' => [
            ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'P' => [
            "####.", "#...#", "#...#", "####.", "#....", "#....", "#....",
        ],
        'Q' => [
            ".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#",
        ],
        'R' => [
            "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#",
        ],
        'S' => [
            ".####", "#....", "#....", ".###.", "....#", "....#", "####.",
        ],
        'T' => [
            "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..",
        ],
        'U' => [
            "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'V' => [
            "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..",
        ],
        'W' => [
            "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.",
        ],
        'X' => [
            "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#",
        ],
        'Y' => [
            "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..",
        ],
        'Z' => [
            "#####", "....#", "...#.", "..#..", ".#...", "#....", "#####",
        ],
        ':' => [".", ".", "#", ".", "#", ".", "."],
        '/' => [
            "....#", "....#", "...#.", "..#..", ".#...", "#....", "#....",
        ],
        '-' => ["...", "...", "...", "###", "...", "...", "..."],
        '+' => [
            ".....", "..#..", "..#..", "#####", "..#..", "..#..", ".....",
        ],
        '.' => [".", ".", ".", ".", ".", ".", "#"],
        ',' => ["..", "..", "..", "..", "..", ".#", "#."],
        '!' => ["#", "#", "#", "#", "#", ".", "#"],
        '?' => [
            ".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#..",
        ],
        '\'' => ["#", "#", ".", ".", ".", ".", "."],
        '(' => ["..#", ".#.", "#..", "#..", "#..", ".#.", "..#"],
        ')' => ["#..", ".#.", "..#", "..#", "..#", ".#.", "#.."],
        ' ' => ["...", "...", "...", "...", "...", "...", "..."],
        _ => return None,
    };
    Some(rows)
}

/// Whether the font has every character of `text`.
pub fn can_draw(text: &str) -> bool {
    text.chars().all(|c| glyph(c).is_some())
}

/// The rows `text` takes at `scale`.
pub fn height(scale: u16) -> u16 {
    (GLYPH_HEIGHT * scale).div_ceil(2)
}

/// The columns one line of `text` takes at `scale`: each glyph, and a pixel of
/// space between two glyphs. Characters the font lacks count as nothing.
pub fn width(text: &str, scale: u16) -> u16 {
    let pixels: usize = text
        .chars()
        .filter_map(glyph)
        .map(|g| g[0].len())
        .sum::<usize>()
        + text.chars().count().saturating_sub(1);
    u16::try_from(pixels)
        .unwrap_or(u16::MAX)
        .saturating_mul(scale)
}

/// How a text fits a box: its lines and the scale they are drawn at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    pub lines: Vec<String>,
    pub scale: u16,
}

impl Fit {
    /// The rows the lines take, with a row between two lines.
    pub fn height(&self) -> u16 {
        let n = self.lines.len() as u16;
        n * height(self.scale) + n.saturating_sub(1)
    }
}

/// The largest scale, at most `max`, at which `text` fits `w` x `h` cells on
/// one line, or on two broken at a space when that allows a larger one. `None`
/// when it does not fit even at scale 1, or the font lacks one of its
/// characters.
pub fn fit(text: &str, w: u16, h: u16, max: u16) -> Option<Fit> {
    fit_lines(&layouts(text), w, h, max)
}

/// The ways to set `text`: on one line, and on two broken at the space that
/// makes the longer line shortest.
pub fn layouts(text: &str) -> Vec<Vec<String>> {
    let text = text.trim();
    let mut layouts = vec![vec![text.to_string()]];
    layouts.extend(balanced_split(text));
    layouts
}

/// The layout (a list of lines) that fits `w` x `h` at the largest scale, at
/// most `max`, and that scale; the first of equals wins.
pub fn fit_lines(layouts: &[Vec<String>], w: u16, h: u16, max: u16) -> Option<Fit> {
    layouts
        .iter()
        .filter(|lines| {
            !lines.is_empty() && lines.iter().all(|l| !l.trim().is_empty() && can_draw(l))
        })
        .filter_map(|lines| {
            let scale = (1..=max).rev().find(|&s| {
                let fit = Fit {
                    lines: lines.clone(),
                    scale: s,
                };
                fit.height() <= h && lines.iter().all(|l| width(l, s) <= w)
            })?;
            Some(Fit {
                lines: lines.clone(),
                scale,
            })
        })
        .reduce(|best, f| if f.scale > best.scale { f } else { best })
}

/// `text` broken into two lines at the space that makes the longer line
/// shortest.
fn balanced_split(text: &str) -> Option<Vec<String>> {
    text.char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| (text[..i].trim_end(), text[i + 1..].trim_start()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .min_by_key(|(a, b)| a.chars().count().max(b.chars().count()))
        .map(|(a, b)| vec![a.to_string(), b.to_string()])
}

/// Draws a fit centred in `area`, each line centred on its own; returns the
/// cells it covers.
pub fn draw(fit: &Fit, area: Rect, buf: &mut Buffer, style: Style) -> Rect {
    let total = fit.height().min(area.height);
    let top = area.y + (area.height - total) / 2;
    let line_h = height(fit.scale);
    let mut covered = Rect::new(area.x, top, 0, total);
    let mut left = area.right();
    for (i, line) in fit.lines.iter().enumerate() {
        let w = width(line, fit.scale).min(area.width);
        let x = area.x + (area.width - w) / 2;
        let y = top + i as u16 * (line_h + 1);
        draw_line(line, fit.scale, Rect::new(x, y, w, line_h), buf, style);
        left = left.min(x);
        covered.width = covered.width.max(w);
    }
    covered.x = left.min(area.right());
    covered.intersection(area)
}

/// Draws one line of `text` at `scale` from the top left of `area`, clipped to
/// it and to the buffer.
fn draw_line(text: &str, scale: u16, area: Rect, buf: &mut Buffer, style: Style) {
    let area = area.intersection(buf.area);
    let rows = height(scale);
    let mut x0 = area.x;
    for g in text.chars().filter_map(glyph) {
        let w = g[0].len() as u16;
        let lit = |px: u16, py: u16| {
            let (gx, gy) = (usize::from(px / scale), usize::from(py / scale));
            gy < g.len() && g[gy].as_bytes().get(gx) == Some(&b'#')
        };
        for col in 0..w * scale {
            let x = x0.saturating_add(col);
            if x >= area.right() {
                break;
            }
            for row in 0..rows.min(area.height) {
                let symbol = match (lit(col, 2 * row), lit(col, 2 * row + 1)) {
                    (true, true) => "█",
                    (true, false) => "▀",
                    (false, true) => "▄",
                    (false, false) => continue,
                };
                buf[(x, area.y + row)].set_symbol(symbol).set_style(style);
            }
        }
        x0 = x0.saturating_add((w + 1) * scale);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(text: &str, scale: u16) -> Vec<String> {
        let fit = Fit {
            lines: vec![text.to_string()],
            scale,
        };
        let area = Rect::new(0, 0, width(text, scale), fit.height());
        let mut buf = Buffer::empty(area);
        draw(&fit, area, &mut buf, Style::default());
        (0..area.height)
            .map(|y| (0..area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn every_glyph_has_seven_rows_of_one_width_and_only_marks() {
        let chars = ('0'..='9').chain('A'..='Z').chain(":/-+.,!?'() ".chars());
        for c in chars {
            let g = glyph(c).unwrap_or_else(|| panic!("no glyph for {c:?}"));
            let w = g[0].len();
            assert!((1..=5).contains(&w), "{c:?}");
            for row in g {
                assert_eq!(row.len(), w, "{c:?}: {g:?}");
                assert!(row.bytes().all(|b| b == b'#' || b == b'.'), "{c:?}");
            }
        }
        assert!(can_draw("hold 3/10 Press"));
        assert!(!can_draw("Écartez"));
    }

    #[test]
    fn a_glyph_is_drawn_in_half_blocks_two_pixels_a_cell() {
        assert_eq!(drawn("1", 1), [" ▄█  ", "  █  ", "  █  ", " ▀▀▀ "]);
        // At scale 2 every pixel is two columns wide and a whole cell tall.
        let two = drawn("1", 2);
        assert_eq!(two.len(), 7);
        assert_eq!(two[0], "    ██    ");
        assert_eq!(two[1], "  ████    ");
        assert_eq!(two[6], "  ██████  ");
    }

    #[test]
    fn sizes_grow_with_the_scale() {
        assert_eq!([height(1), height(2), height(3), height(5)], [4, 7, 11, 18]);
        // Three digits of 5, a colon of 1, three gaps of 1: 19 pixels.
        assert_eq!(width("0:20", 1), 19);
        assert_eq!(width("0:20", 3), 57);
    }

    #[test]
    fn fit_takes_the_largest_scale_and_breaks_a_line_when_that_is_larger() {
        let f = fit("0:20", 80, 20, 9).expect("fits");
        assert_eq!((f.lines.len(), f.scale), (1, 4));
        // 65 columns on one line at scale 1: only two lines fit 60.
        let f = fit("SWITCH SIDES", 60, 20, 9).expect("fits");
        assert_eq!(
            (f.lines.clone(), f.scale),
            (vec!["SWITCH".into(), "SIDES".into()], 1)
        );
        // With room for both, one line at scale 2 beats two lines at scale 2.
        let f = fit("GET READY", 120, 20, 2).expect("fits");
        assert_eq!((f.lines.len(), f.scale), (1, 2));
        assert_eq!(fit("HOLD", 10, 3, 9), None, "not even at scale 1");
        assert_eq!(fit("Écartez", 200, 60, 9), None, "a letter the font lacks");
        assert_eq!(fit("  ", 200, 60, 9), None);
    }
}
