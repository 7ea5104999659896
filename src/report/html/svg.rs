//! The report's pictures as inline SVG: the weekly pain averages, the sessions
//! of each week against the goal, and the calendar heatmap. Nothing is fetched:
//! every mark is drawn here, and the styles are in the report's own CSS. Each
//! picture reads without colour (dashes, open and filled marks, shades of grey).

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::escape;
use crate::model::history::{Heatmap, PainWhen, Shade, WeekCount, WeekPain};
use crate::model::words::plural;

/// The width of every chart, in the units of its view box.
const WIDTH: f64 = 680.0;
/// The plot's left edge (the axis labels are left of it) and right edge.
const LEFT: f64 = 34.0;
const RIGHT: f64 = WIDTH - 8.0;
/// Above the pain plot: the legend's band.
const PAIN_TOP: f64 = 30.0;
const PAIN_BOTTOM: f64 = 230.0;
/// Points up to which each is marked (more would crowd the lines).
const MARK_POINTS: usize = 60;
/// The most points a line has: beyond, a point stands for several weeks.
const MAX_POINTS: usize = 130;

/// The most pain score.
const MAX_SCORE: f64 = 10.0;

/// The x of the middle of week `i` of `n` across the plot.
fn week_x(i: usize, n: usize) -> f64 {
    LEFT + (i as f64 + 0.5) * (RIGHT - LEFT) / n.max(1) as f64
}

/// The y of a pain score.
pub(super) fn score_y(score: f64) -> f64 {
    PAIN_BOTTOM - score.clamp(0.0, MAX_SCORE) / MAX_SCORE * (PAIN_BOTTOM - PAIN_TOP)
}

/// A coordinate to a tenth of a unit.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// How many weeks each point of a pain chart of `weeks` weeks stands for: one
/// while they fit, else as few as keep the points at most [`MAX_POINTS`].
pub fn weeks_a_point(weeks: usize) -> usize {
    weeks.div_ceil(MAX_POINTS).max(1)
}

/// The weekly averages before and after sessions as two lines: before dashed
/// with open marks, after solid with filled marks; a week without a score
/// breaks its line. Over a long period a point is the mean of several weeks
/// ([`weeks_a_point`], [`WeekPain::merged`]). The legend is a band above the
/// plot, so it covers nothing.
pub fn pain_chart(weeks: &[WeekPain]) -> String {
    let per = weeks_a_point(weeks.len());
    let points: Vec<WeekPain> = weeks.chunks(per).filter_map(WeekPain::merged).collect();
    let weeks = points.as_slice();
    let height = PAIN_BOTTOM + 26.0;
    let mut s = format!(
        "<svg class=\"pain\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"pain-title\">\n\
         <title id=\"pain-title\">Pain before and after sessions, the average of each week, 0 (none) to 10 (worst)</title>\n",
        n(WIDTH),
        n(height)
    );
    legend(&mut s);
    for score in (0..=10).step_by(2) {
        let y = score_y(f64::from(score));
        let _ = writeln!(
            s,
            "<line class=\"grid\" data-score=\"{score}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{score}</text>",
            n(LEFT),
            n(y),
            n(RIGHT),
            n(y),
            n(LEFT - 6.0),
            n(y + 4.0)
        );
    }
    let _ = writeln!(
        s,
        "<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        n(LEFT),
        n(PAIN_BOTTOM),
        n(RIGHT),
        n(PAIN_BOTTOM)
    );
    week_labels(
        &mut s,
        weeks.iter().map(|w| w.start),
        per,
        PAIN_BOTTOM + 16.0,
    );
    for when in PainWhen::BOTH {
        series(&mut s, weeks, when);
    }
    s.push_str("</svg>\n");
    s
}

/// The legend's band: a sample of each line with its mark, and its words.
fn legend(s: &mut String) {
    let mut x = LEFT;
    for when in PainWhen::BOTH {
        let class = when.as_str();
        let _ = writeln!(
            s,
            "<polyline class=\"{class} sample\" points=\"{},10 {},10\"/>{}\
             <text x=\"{}\" y=\"14\">{}</text>",
            n(x),
            n(x + 28.0),
            mark(class, x + 14.0, 10.0),
            n(x + 36.0),
            escape(&format!("Pain {}", when.words()))
        );
        x += 190.0;
    }
}

/// One mark of a series: an open circle before, a filled one after.
fn mark(class: &str, x: f64, y: f64) -> String {
    format!(
        "<circle class=\"mark {class}\" cx=\"{}\" cy=\"{}\" r=\"3\"/>",
        n(x),
        n(y)
    )
}

/// A series' lines, one for each run of weeks with a score, and its marks.
fn series(s: &mut String, weeks: &[WeekPain], when: PainWhen) {
    let class = when.as_str();
    let count = weeks.len();
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, w) in weeks.iter().enumerate() {
        match w.value(when) {
            Some(v) => run.push((week_x(i, count), score_y(v))),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    for run in &runs {
        let points: Vec<String> = run
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = writeln!(
            s,
            "<polyline class=\"{class}\" data-series=\"{class}\" points=\"{}\"/>",
            points.join(" ")
        );
        // Every point is marked while they are few; a lone one always is.
        if count <= MARK_POINTS || run.len() == 1 {
            for &(x, y) in run {
                s.push_str(&mark(class, x, y));
            }
            s.push('\n');
        }
    }
}

/// Labels under the points, each of which stands for `per` weeks from its
/// Monday: each point's Monday while they are few, else the first of every
/// month, every other month, every quarter, half year or year, as many as fit,
/// under the point holding it.
fn week_labels(s: &mut String, mondays: impl Iterator<Item = NaiveDate>, per: usize, y: f64) {
    let mondays: Vec<NaiveDate> = mondays.collect();
    let count = mondays.len();
    if count <= 12 {
        for (i, d) in mondays.iter().enumerate() {
            label(s, week_x(i, count), y, &d.format("%-d %b").to_string());
        }
        return;
    }
    let months = (count * per) as f64 / 4.35;
    let step = [1u32, 2, 3, 6, 12, 24, 60]
        .into_iter()
        .find(|&m| months / f64::from(m) <= 8.0)
        .unwrap_or(120);
    for (i, d) in mondays.iter().enumerate() {
        let last = d
            .checked_add_days(chrono::Days::new(7 * per as u64 - 1))
            .unwrap_or(*d);
        // The first of each month within the point's days: the first that is
        // labelled at this step.
        let mut month = if d.day() == 1 {
            Some(*d)
        } else {
            d.checked_add_months(chrono::Months::new(1))
                .and_then(|m| m.with_day(1))
        };
        let step_i = i64::from(step);
        let labelled = std::iter::from_fn(|| {
            let m = month.filter(|m| *m <= last)?;
            month = m.checked_add_months(chrono::Months::new(1));
            Some(m)
        })
        .find(|m| (i64::from(m.year()) * 12 + i64::from(m.month0())) % step_i == 0);
        let Some(first) = labelled else { continue };
        let text = if step >= 12 {
            first.format("%Y").to_string()
        } else {
            first.format("%b %Y").to_string()
        };
        label(s, week_x(i, count), y, &text);
    }
}

fn label(s: &mut String, x: f64, y: f64, text: &str) {
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        n(x),
        n(y),
        escape(text)
    );
}

/// Sessions in each week as bars against the goal (a dashed line); a week that
/// met it is dark, the others light; the current week is still going.
pub fn adherence_chart(weeks: &[WeekCount], goal: u32) -> String {
    let (top, bottom) = (14.0, 130.0);
    let most = weeks
        .iter()
        .map(|w| w.sessions)
        .max()
        .unwrap_or(0)
        .max(goal)
        .max(1);
    let y = |v: f64| bottom - v / f64::from(most) * (bottom - top);
    let mut s = format!(
        "<svg class=\"adherence\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"adherence-title\">\n\
         <title id=\"adherence-title\">Sessions each week against the goal of {}</title>\n",
        n(WIDTH),
        n(bottom + 26.0),
        plural(goal, "session", "sessions"),
    );
    let mut ticks = vec![0, goal, most];
    ticks.dedup();
    for v in ticks {
        let _ = writeln!(
            s,
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{v}</text>",
            n(LEFT),
            n(y(f64::from(v))),
            n(RIGHT),
            n(y(f64::from(v))),
            n(LEFT - 6.0),
            n(y(f64::from(v)) + 4.0)
        );
    }
    let count = weeks.len();
    let slot = (RIGHT - LEFT) / count.max(1) as f64;
    let bar = (slot * 0.7).max(0.5);
    for (i, w) in weeks.iter().enumerate() {
        let class = if w.sessions >= goal { "bar met" } else { "bar" };
        let top_y = y(f64::from(w.sessions));
        let _ = writeln!(
            s,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} of {goal}</title></rect>",
            n(week_x(i, count) - bar / 2.0),
            n(top_y),
            n(bar),
            n(bottom - top_y),
            w.start.format("week of %-d %b %Y"),
            w.sessions
        );
    }
    let goal_y = y(f64::from(goal));
    let _ = writeln!(
        s,
        "<line class=\"goal\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
         <line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        n(LEFT),
        n(goal_y),
        n(RIGHT),
        n(goal_y),
        n(LEFT),
        n(bottom),
        n(RIGHT),
        n(bottom)
    );
    week_labels(&mut s, weeks.iter().map(|w| w.start), 1, bottom + 16.0);
    s.push_str("</svg>\n");
    s
}

/// The heatmap: a column a week, a row a day (Monday at the top), month names
/// above, each day a square in its shade; days outside the period are left out.
/// The legend (in the page, below it) names every shade.
pub fn heatmap(map: &Heatmap) -> String {
    const CELL: f64 = 11.0;
    const STEP: f64 = 13.0;
    const LEFT_LABELS: f64 = 30.0;
    const TOP: f64 = 18.0;
    let width = LEFT_LABELS + STEP * map.weeks.len() as f64 + 4.0;
    let height = TOP + STEP * 7.0 + 2.0;
    let mut s = format!(
        "<svg class=\"heatmap\" viewBox=\"0 0 {} {}\" style=\"max-width: {}px\" role=\"img\" aria-labelledby=\"heatmap-title\">\n\
         <title id=\"heatmap-title\">Days exercised from {} to {}, shaded by minutes</title>\n",
        n(width),
        n(height),
        n(width * 1.05),
        map.first.format("%-d %B %Y"),
        map.today.format("%-d %B %Y"),
    );
    for (row, day) in ["Mon", "", "Wed", "", "Fri", "", "Sun"].iter().enumerate() {
        if !day.is_empty() {
            let _ = writeln!(
                s,
                "<text x=\"0\" y=\"{}\">{day}</text>",
                n(TOP + STEP * row as f64 + 9.0)
            );
        }
    }
    for (column, month) in map.month_starts() {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"11\">{}</text>",
            n(LEFT_LABELS + STEP * column as f64),
            month.format("%b")
        );
    }
    for (column, week) in map.weeks.iter().enumerate() {
        for (row, day) in week.iter().enumerate() {
            let Some(day) = day else { continue };
            let _ = writeln!(
                s,
                "<rect class=\"day s{}\" x=\"{}\" y=\"{}\" width=\"{CELL}\" height=\"{CELL}\"><title>{}: {}</title></rect>",
                day.shade.level(),
                n(LEFT_LABELS + STEP * column as f64),
                n(TOP + STEP * row as f64),
                day.date.format("%a %-d %b %Y"),
                day_words(day.sessions, day.active_secs, day.shade)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// "2 sessions, 14 min" or "no session".
fn day_words(sessions: u32, secs: f64, shade: Shade) -> String {
    if shade == Shade::None {
        return Shade::None.meaning();
    }
    format!(
        "{}, {}",
        plural(sessions, "session", "sessions"),
        crate::model::words::hours_minutes(secs)
    )
}

/// A legend's sample of a shade: one square, as in the heatmap.
pub fn swatch(shade: Shade) -> String {
    format!(
        "<svg class=\"swatch\" viewBox=\"0 0 11 11\" width=\"11\" height=\"11\" aria-hidden=\"true\"><rect class=\"day s{}\" x=\"0\" y=\"0\" width=\"11\" height=\"11\"/></svg>",
        shade.level()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_run_from_the_bottom_of_the_plot_to_its_top() {
        assert_eq!(score_y(0.0), PAIN_BOTTOM);
        assert_eq!(score_y(10.0), PAIN_TOP);
        assert_eq!(score_y(5.0), (PAIN_TOP + PAIN_BOTTOM) / 2.0);
        assert_eq!(score_y(12.0), PAIN_TOP, "kept on the plot");
    }

    #[test]
    fn coordinates_are_written_to_a_tenth() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.04), "12");
        assert_eq!(n(12.06), "12.1");
        assert_eq!(n(-0.25), "-0.3");
    }

    #[test]
    fn a_week_without_a_score_breaks_the_line() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("a date");
        let week = |start: &str, before: Option<f64>| WeekPain {
            start: d(start),
            before,
            after: None,
            before_scores: u32::from(before.is_some()),
            after_scores: 0,
        };
        let weeks = [
            week("2026-03-02", Some(4.0)),
            week("2026-03-09", Some(3.0)),
            week("2026-03-16", None),
            week("2026-03-23", Some(2.5)),
        ];
        let svg = pain_chart(&weeks);
        let lines: Vec<&str> = svg
            .lines()
            .filter(|l| l.contains("data-series=\"before\""))
            .collect();
        assert_eq!(lines.len(), 2, "{svg}");
        assert_eq!(lines[0].matches(',').count(), 2);
        assert_eq!(lines[1].matches(',').count(), 1);
        assert!(
            !svg.contains("data-series=\"after\""),
            "no score after: no line"
        );
        assert!(svg.contains(">2 Mar<") && svg.contains(">23 Mar<"), "{svg}");
    }

    #[test]
    fn a_long_period_has_a_point_for_several_weeks() {
        assert_eq!(weeks_a_point(1), 1);
        assert_eq!(weeks_a_point(MAX_POINTS), 1);
        assert_eq!(weeks_a_point(MAX_POINTS + 1), 2);
        assert_eq!(weeks_a_point(522), 5, "ten years");
        let monday = "2015-01-05".parse::<NaiveDate>().expect("a date");
        let weeks: Vec<WeekPain> = (0..525u64)
            .map(|i| WeekPain {
                start: monday + chrono::Days::new(7 * i),
                before: Some((i % 5) as f64),
                after: (i % 5 != 4).then_some(1.0),
                before_scores: 1,
                after_scores: u32::from(i % 5 != 4),
            })
            .collect();
        let svg = pain_chart(&weeks);
        let line = |series: &str| -> Vec<String> {
            svg.lines()
                .filter(|l| l.contains(&format!("data-series=\"{series}\"")))
                .flat_map(|l| {
                    let points = l.split("points=\"").nth(1).unwrap_or("");
                    let points = &points[..points.find('"').unwrap_or(0)];
                    points.split(' ').map(str::to_string).collect::<Vec<_>>()
                })
                .collect()
        };
        let before = line("before");
        assert_eq!(before.len(), 105, "525 weeks, 5 a point");
        // Each five weeks hold 0, 1, 2, 3 and 4: a mean of 2 every time.
        let y2 = n(score_y(2.0));
        assert!(
            before.iter().all(|p| p.ends_with(&format!(",{y2}"))),
            "{before:?}"
        );
        assert!(
            line("after")
                .iter()
                .all(|p| p.ends_with(&format!(",{}", n(score_y(1.0)))))
        );
        assert!(
            svg.contains(">2016<") && svg.contains(">2024<"),
            "years under the axis"
        );
    }
}
