//! Where each part of the session screen goes at a given size. The lines that
//! must always show come first (the headline, the plain time, what comes
//! next, and some room for the cue or the instructions); the large phase word
//! and clock then take the largest scale that leaves them that room, and what
//! is left goes to the progress bars, some air, and the body.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::ui::bigtext;

/// The largest scale the clock is drawn at.
pub const MAX_SCALE: u16 = 8;

/// The parts of the session screen, top to bottom; a part with no room is an
/// empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// "Hold · Set 1/3 · Left side", in plain text.
    pub head: Rect,
    /// The large phase word.
    pub word: Rect,
    /// The large clock.
    pub clock: Rect,
    /// The time in plain text, with the phase's length.
    pub time: Rect,
    /// How far the phase has gone.
    pub gauge: Rect,
    /// The cue, or the instructions, beside the figure.
    pub body: Rect,
    pub next: Rect,
    /// How far the session has gone.
    pub total: Rect,
    /// The scale the clock is drawn at (0: no large clock).
    pub clock_scale: u16,
    /// The largest scale the phase word may take (0: no large word).
    pub word_scale: u16,
}

impl Areas {
    /// The word and the clock together, for large text that takes the place of
    /// both (the rep and its cue).
    pub fn big(&self) -> Rect {
        match (self.word.is_empty(), self.clock.is_empty()) {
            (true, _) => self.clock,
            (_, true) => self.word,
            _ => self.word.union(self.clock),
        }
    }
}

/// What the screen shows besides the large text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// The focus view: one or two lines (the cue, a message).
    Focus { lines: u16 },
    /// During work: the cue, the level's how, the figure.
    Cue,
    /// Between phases: the full instructions of what comes.
    Instructions,
}

/// The scale of the phase word for a clock at `clock`: about two thirds of it,
/// or half in the focus view, where the clock matters most.
pub fn word_scale(clock: u16, focus: bool) -> u16 {
    let scale = if focus { clock / 2 } else { clock * 2 / 3 };
    scale.max(1)
}

/// Lays out the inside of the session panel for a clock showing `clock`.
pub fn layout(inner: Rect, clock: &str, body: Body) -> Areas {
    let h = inner.height;
    // The headline, the plain time and what comes next.
    const MUST: u16 = 3;
    let body_min = match body {
        Body::Focus { lines } => lines.max(1),
        Body::Cue => (h / 5).max(3),
        Body::Instructions => (h / 3).max(3),
    };
    let focus = matches!(body, Body::Focus { .. });
    let fits = |c: u16| bigtext::width(clock, c) <= inner.width;
    // With the word, then without it (a small pane keeps the clock).
    let with_word = (1..=MAX_SCALE).rev().find(|&c| {
        let p = word_scale(c, focus);
        fits(c) && MUST + bigtext::height(c) + bigtext::height(p) + body_min <= h
    });
    let (clock_scale, word_scale) = match with_word {
        Some(c) => (c, word_scale(c, focus)),
        None => {
            let c = (1..=MAX_SCALE)
                .rev()
                .find(|&c| fits(c) && MUST + bigtext::height(c) < h);
            (c.unwrap_or(0), 0)
        }
    };
    let rows = |scale: u16| {
        if scale == 0 {
            0
        } else {
            bigtext::height(scale)
        }
    };
    let (word_h, clock_h) = (rows(word_scale), rows(clock_scale));
    let used = MUST + word_h + clock_h + body_min.min(h.saturating_sub(MUST));
    let mut spare = h.saturating_sub(used);
    let mut take = |want: bool| {
        let got = u16::from(want && spare > 0);
        spare -= got;
        got
    };
    // Air between the word and the clock first, so they never read as one.
    let air_mid = take(word_h > 0 && clock_h > 0);
    let total = take(!focus);
    let gauge = take(!focus);
    let air_top = take(word_h > 0);
    let air_body = take(true);
    // The focus view sits in the middle of the pane.
    let pad = if focus { spare / 2 } else { 0 };
    let [
        head,
        _,
        _,
        word,
        _,
        clock,
        time,
        gauge,
        _,
        body,
        next,
        total,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(pad),
        Constraint::Length(air_top),
        Constraint::Length(word_h),
        Constraint::Length(air_mid),
        Constraint::Length(clock_h),
        Constraint::Length(1),
        Constraint::Length(gauge),
        Constraint::Length(air_body),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(total),
    ])
    .areas(inner);
    Areas {
        head,
        word,
        clock,
        time,
        gauge,
        body,
        next,
        total,
        clock_scale,
        word_scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inside of the session panel in a terminal of `w` x `h` (less the
    /// title bar, the hint bar and the panel's border).
    fn inner(w: u16, h: u16) -> Rect {
        Rect::new(1, 2, w - 2, h - 4)
    }

    #[test]
    fn the_clock_grows_with_the_terminal() {
        let rows = |w, h| bigtext::height(layout(inner(w, h), "0:20", Body::Cue).clock_scale);
        assert!(rows(40, 12) >= 4, "{}", rows(40, 12));
        assert!(rows(80, 24) >= 5);
        assert!(rows(120, 40) >= 9);
        assert!(rows(200, 60) >= 15);
    }

    #[test]
    fn every_part_stays_inside_and_in_order() {
        for (w, h) in [(40, 12), (41, 13), (60, 16), (80, 24), (120, 40), (200, 60)] {
            let area = inner(w, h);
            for body in [Body::Cue, Body::Instructions, Body::Focus { lines: 2 }] {
                let a = layout(area, "10:00", body);
                let parts = [a.head, a.word, a.clock, a.time, a.gauge, a.body, a.next];
                let mut y = area.y;
                for p in parts {
                    assert!(area.contains(p.as_position()) || p.is_empty(), "{w}x{h}");
                    assert!(p.y >= y, "{w}x{h} {body:?}: {a:?}");
                    y = p.bottom();
                }
                assert!(a.total.bottom() <= area.bottom(), "{w}x{h}");
                assert_eq!((a.head.height, a.time.height, a.next.height), (1, 1, 1));
                assert!(bigtext::width("10:00", a.clock_scale) <= area.width || a.clock_scale == 0);
            }
        }
    }

    #[test]
    fn the_focus_view_gives_the_clock_more_room() {
        let area = inner(80, 24);
        let cue = layout(area, "0:20", Body::Cue).clock_scale;
        let focus = layout(area, "0:20", Body::Focus { lines: 1 }).clock_scale;
        assert!(focus > cue, "{focus} > {cue}");
    }
}
