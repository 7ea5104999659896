//! History's columns: when, routine, time, outcome, pain and "new best" (when a
//! session on the page set one), sharing the width so the routine's name and the
//! pain scores show whole whenever there is room. When there is not, the date
//! gets shorter first, then the time and the mark go, then the outcome; the name
//! is cut last.

use std::collections::HashSet;

use unicode_width::UnicodeWidthStr;

use crate::model::duration::format_clock_secs;
use crate::model::event::Name;
use crate::model::history::SessionRecord;

/// The mark of a session with a hold that beat the best before it.
const NEW_BEST: &str = "new best";

/// Cells between two columns, and before the first (the selection marker).
const GAP: usize = 2;
const MARKER: usize = 2;

/// How the date is written, longest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Date {
    /// "Thu 2026-03-05 07:12"
    Long,
    /// "2026-03-05 07:12"
    Medium,
    /// "2026-03-05"
    Short,
}

impl Date {
    fn pattern(self) -> &'static str {
        match self {
            Date::Long => "%a %Y-%m-%d %H:%M",
            Date::Medium => "%Y-%m-%d %H:%M",
            Date::Short => "%Y-%m-%d",
        }
    }

    fn width(self) -> usize {
        match self {
            Date::Long => 20,
            Date::Medium => 16,
            Date::Short => 10,
        }
    }
}

/// The widths of the columns shown (a width of 0: the column is left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    date: Date,
    name: usize,
    time: usize,
    outcome: usize,
    pain: usize,
    mark: usize,
}

/// The widest value of each column on a page (its head included).
struct Needs {
    name: usize,
    time: usize,
    outcome: usize,
    pain: usize,
    /// The width of the mark when a session on the page has it, else 0.
    mark: usize,
}

impl Needs {
    fn of(shown: &[&SessionRecord], bests: &HashSet<Name>) -> Needs {
        let widest = |head: &str, f: &dyn Fn(&SessionRecord) -> String| {
            shown
                .iter()
                .map(|s| f(s).width())
                .max()
                .unwrap_or(0)
                .max(head.width())
        };
        Needs {
            name: widest("Routine", &routine),
            time: widest("Time", &time),
            outcome: widest("Outcome", &|s| s.status.word().to_string()),
            pain: widest("Pain", &pain),
            mark: if shown.iter().any(|s| bests.contains(&s.id)) {
                NEW_BEST.width()
            } else {
                0
            },
        }
    }
}

impl Columns {
    /// The width the page needs with every column whole.
    pub fn ideal_width(shown: &[&SessionRecord], bests: &HashSet<Name>) -> usize {
        let n = Needs::of(shown, bests);
        MARKER
            + Date::Long.width()
            + [n.name, n.time, n.outcome, n.pain, n.mark]
                .iter()
                .filter(|&&w| w > 0)
                .map(|w| GAP + w)
                .sum::<usize>()
    }

    /// The richest columns that leave the longest name on the page whole in
    /// `width` cells; else the fewest, with names cut to what is left.
    pub fn fit(width: usize, shown: &[&SessionRecord], bests: &HashSet<Name>) -> Columns {
        let n = Needs::of(shown, bests);
        let tries = [
            (Date::Long, true, true),
            (Date::Medium, true, true),
            (Date::Short, true, true),
            (Date::Short, false, true),
            (Date::Short, false, false),
        ];
        let mut fitted = None;
        for (date, time, outcome) in tries {
            let mut c = Columns {
                date,
                name: 0,
                time: if time { n.time } else { 0 },
                outcome: if outcome { n.outcome } else { 0 },
                pain: n.pain,
                mark: if time { n.mark } else { 0 },
            };
            let fixed = MARKER
                + date.width()
                + GAP
                + [c.time, c.outcome, c.pain, c.mark]
                    .iter()
                    .filter(|&&w| w > 0)
                    .map(|w| GAP + w)
                    .sum::<usize>();
            c.name = width.saturating_sub(fixed).clamp(1, n.name);
            fitted = Some(c);
            if fixed + n.name <= width {
                break;
            }
        }
        fitted.unwrap_or(Columns {
            date: Date::Short,
            name: 1,
            time: 0,
            outcome: 0,
            pain: n.pain,
            mark: 0,
        })
    }

    /// The column heads, over the columns.
    pub fn head(&self) -> String {
        self.line(
            "  ",
            ["When", "Routine", "Time", "Outcome", "Pain", ""].map(str::to_string),
        )
    }

    /// One session's row; `best`: it set a new best.
    pub fn row(&self, s: &SessionRecord, selected: bool, best: bool) -> String {
        let marker = if selected { "▶ " } else { "  " };
        let date = s.started.format(self.date.pattern()).to_string();
        self.line(
            marker,
            [
                date,
                routine(s),
                time(s),
                s.status.word().to_string(),
                pain(s),
                if best { NEW_BEST } else { "" }.to_string(),
            ],
        )
    }

    fn line(&self, marker: &str, [date, name, time, outcome, pain, mark]: [String; 6]) -> String {
        let mut out = marker.to_string();
        out.push_str(&pad(&date, self.date.width(), false));
        let cells = [
            (name, self.name, false),
            (time, self.time, true),
            (outcome, self.outcome, false),
            (pain, self.pain, false),
            (mark, self.mark, false),
        ];
        for (text, width, right) in cells {
            if width > 0 {
                out.push_str(&" ".repeat(GAP));
                out.push_str(&pad(&text, width, right));
            }
        }
        out.trim_end().to_string()
    }
}

fn routine(s: &SessionRecord) -> String {
    s.routine_name
        .clone()
        .or_else(|| s.routine.clone())
        .unwrap_or_else(|| "?".to_string())
}

fn time(s: &SessionRecord) -> String {
    format_clock_secs(s.duration_secs().round() as u64)
}

/// "4→3", "-→3"; empty without scores.
pub fn pain(s: &SessionRecord) -> String {
    let p = |v: Option<u8>| v.map_or("-".to_string(), |v| v.to_string());
    if s.pain_before.is_none() && s.pain_after.is_none() {
        String::new()
    } else {
        format!("{}→{}", p(s.pain_before), p(s.pain_after))
    }
}

/// `text` in `width` cells: padded, or cut with "…" when it is longer.
pub(super) fn pad(text: &str, width: usize, right: bool) -> String {
    let w = text.width();
    if w > width {
        let mut out = String::new();
        for c in text.chars() {
            if out.width() + c.to_string().width() + 1 > width {
                break;
            }
            out.push(c);
        }
        out.push('…');
        let fill = " ".repeat(width.saturating_sub(out.width()));
        return out + &fill;
    }
    let fill = " ".repeat(width - w);
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}
