//! One session in full: when, how it ended, its counts and times, pain and
//! note, and every set it reached, planned against done.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::super::wrap::{wrap, wrap_all};
use crate::model::event::StepEvent;
use crate::model::history::SessionRecord;
use crate::model::words::plural;

pub fn render(s: &SessionRecord, title: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = super::super::widgets::panel(Span::styled(title.to_string(), theme.title), theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let mut lines = wrap_all(&summary(s, theme, width), width, 2);
    lines.push(Line::raw(""));
    lines.extend(sets(s, width, theme));
    let tally = s.tally();
    if tally.not_reached > 0 {
        lines.push(Line::styled(
            format!(
                "{} not reached",
                plural(tally.not_reached as u64, "set", "sets")
            ),
            theme.dim,
        ));
    }
    let height = usize::from(inner.height);
    if lines.len() > height && height > 0 {
        let hidden = lines.len() - (height - 1);
        lines.truncate(height - 1);
        lines.push(Line::styled(
            format!(
                "… {} more: a taller window shows them",
                plural(hidden as u64, "line", "lines")
            ),
            theme.dim,
        ));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The routine, when, how it ended, the counts and times, pain and the note.
fn summary(s: &SessionRecord, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let counts = format!("{} · {}", s.tally().words(), s.times());
    let mut d = vec![
        Line::styled(
            s.routine_name
                .clone()
                .or_else(|| s.routine.clone())
                .unwrap_or_else(|| "(unknown routine)".to_string()),
            theme.title,
        ),
        Line::raw(format!(
            "{} · {}",
            s.started.format("%A %-d %B %Y, %H:%M"),
            s.status.word()
        )),
    ];
    // The counts and the times on one line, as everywhere, when it fits.
    if counts.width() <= width {
        d.push(Line::raw(counts));
    } else {
        d.push(Line::raw(s.tally().words()));
        d.push(Line::raw(s.times()));
    }
    let p = super::columns::pain(s);
    if !p.is_empty() {
        d.push(Line::from(vec![
            Span::styled("Pain ", theme.accent),
            Span::raw(format!("{p} (before → after, 0-10)")),
        ]));
    }
    if let Some(note) = &s.note {
        d.push(Line::from(vec![
            Span::styled("Note: ", theme.accent),
            Span::raw(note.clone()),
        ]));
    }
    d
}

/// Every set reached, planned against done, a row a set: the exercise and its
/// level beside its sets (a long name goes on down beside them) when the pane
/// is wide enough, else each exercise above its sets.
fn sets(s: &SessionRecord, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if s.steps.is_empty() {
        return vec![Line::styled("No set was reached.", theme.dim)];
    }
    let widest = |f: &dyn Fn(&StepEvent) -> String, head: &str| {
        s.steps
            .iter()
            .map(|st| f(st).width())
            .max()
            .unwrap_or(0)
            .max(head.width())
    };
    let widths = [
        widest(&|st| st.exercise_name.to_string(), "Exercise"),
        LEVEL.width(),
        widest(&set_words, "Set"),
        widest(&|st| st.planned_words(), "Planned"),
        widest(&|st| st.done_words(), "Done"),
    ];
    let others: usize = widths[1..].iter().sum::<usize>() + 2 * (widths.len() - 1);
    let name_w = widths[0].min(width.saturating_sub(others));
    let table = Table {
        widths: [name_w, widths[1], widths[2], widths[3], widths[4]],
        inline: name_w >= NAME_MIN.min(widths[0]),
    };
    let mut out = vec![table.head(theme)];
    let mut i = 0;
    while i < s.steps.len() {
        let first = &s.steps[i];
        let run = s.steps[i..]
            .iter()
            .take_while(|st| st.exercise == first.exercise && st.level == first.level)
            .count();
        out.extend(table.group(&s.steps[i..i + run], theme));
        i += run;
    }
    out
}

/// The head of the level column.
const LEVEL: &str = "Level";

/// The narrowest exercise column beside the sets.
const NAME_MIN: usize = 12;

/// "1/2 left".
fn set_words(st: &StepEvent) -> String {
    let side = st
        .side
        .map(|x| format!(" {}", x.as_str()))
        .unwrap_or_default();
    format!("{}/{}{side}", st.set, st.sets)
}

/// The sets' columns: exercise, level, set, planned, done.
struct Table {
    widths: [usize; 5],
    /// The exercise beside its sets (else above them).
    inline: bool,
}

impl Table {
    fn row(&self, cells: [&str; 5]) -> String {
        let skip = usize::from(!self.inline) * 2;
        let mut text = String::new();
        for (cell, w) in cells.iter().zip(self.widths).skip(skip) {
            text.push_str(&super::columns::pad(cell, w, false));
            text.push_str("  ");
        }
        let text = text.trim_end();
        if self.inline {
            text.to_string()
        } else {
            format!("  {text}")
        }
    }

    fn head(&self, theme: &Theme) -> Line<'static> {
        Line::styled(
            self.row(["Exercise", LEVEL, "Set", "Planned", "Done"]),
            theme.dim,
        )
    }

    /// The sets of one exercise at one level.
    fn group(&self, sets: &[StepEvent], theme: &Theme) -> Vec<Line<'static>> {
        let Some(first) = sets.first() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let level = first.level.to_string();
        let name: Vec<String> = if self.inline {
            wrap(
                &Line::raw(first.exercise_name.to_string()),
                self.widths[0],
                0,
            )
            .iter()
            .map(|l| l.to_string().trim_end().to_string())
            .collect()
        } else {
            out.push(Line::styled(
                format!("{} · level {level}", first.exercise_name),
                theme.accent,
            ));
            Vec::new()
        };
        for n in 0..sets.len().max(name.len()) {
            let part = name.get(n).map_or("", String::as_str);
            let lvl = if n == 0 { level.as_str() } else { "" };
            let line = match sets.get(n) {
                Some(st) => Line::styled(
                    self.row([
                        part,
                        lvl,
                        &set_words(st),
                        &st.planned_words(),
                        &st.done_words(),
                    ]),
                    style(st, theme),
                ),
                None => Line::styled(self.row([part, "", "", "", ""]), theme.base),
            };
            out.push(line);
        }
        out
    }
}

/// Sets that hurt stand out; skipped ones are dim.
fn style(st: &StepEvent, theme: &Theme) -> ratatui::style::Style {
    if st.hurt {
        theme.hurt
    } else if st.skipped {
        theme.dim
    } else {
        theme.base
    }
}
