//! The report's sections, each appended to the page: the summary, adherence,
//! pain, the heatmap, the exercises, the sets that hurt and the notes.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, TimeZone};

use super::{Period, escape, short_date, svg};
use crate::model::history::{
    BestValue, ExerciseProgress, ExerciseSummary, History, PainChange, PainWhen, Shade, WeekCount,
};
use crate::model::words::{hours_minutes, plural};
use crate::report::{local_time, one_decimal, pain_pair, routine_label, value_text};

/// Weeks up to which adherence is also listed week by week (beyond, year by
/// year).
const LIST_WEEKS: usize = 60;

/// Months the heatmap shows at most (the last of the period).
const HEATMAP_MONTHS: u32 = 12;

/// What every section reads.
pub(super) struct Context<'a> {
    /// Every session kept (for bests set before the period).
    pub full: &'a History,
    /// The sessions of the period.
    pub shown: &'a History,
    pub period: Period,
    pub goal: u32,
}

impl Context<'_> {
    fn weekly<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Vec<WeekCount> {
        self.shown.weekly_counts(now, self.period.weeks())
    }
}

/// The figures at a glance.
pub(super) fn summary<Tz: TimeZone>(page: &mut String, c: &Context<'_>, now: &DateTime<Tz>) {
    let stats = c.shown.stats(now, c.goal);
    let counted = c.shown.sessions().iter().filter(|s| s.counts()).count();
    let weekly = c.weekly(now);
    let finished = &weekly[..weekly.len().saturating_sub(1)];
    let met = finished.iter().filter(|w| w.sessions >= c.goal).count();
    let weeks = c.period.days() as f64 / 7.0;
    let mut facts = vec![
        (
            "Sessions",
            format!("{} ({})", stats.sessions, stats.outcomes()),
        ),
        (
            "Sessions a week",
            format!(
                "{} on average; the goal is {} a week",
                one_decimal(counted as f64 / weeks.max(1.0)),
                c.goal
            ),
        ),
    ];
    if !finished.is_empty() {
        facts.push((
            "Weeks meeting the goal",
            format!("{met} of {} (the current week not counted)", finished.len()),
        ));
    }
    facts.push((
        "Days exercised",
        format!(
            "{}; the longest run of days in a row: {}",
            stats.active_days,
            plural(stats.longest_streak, "day", "days")
        ),
    ));
    facts.push(("Time exercising", hours_minutes(stats.active_secs)));
    let pain = c
        .shown
        .weekly_pain(&now.timezone(), Some(c.period.first), c.period.today);
    for when in PainWhen::BOTH {
        if let Some(change) = PainChange::of(&pain, when) {
            let label = match when {
                PainWhen::Before => "Pain before sessions",
                PainWhen::After => "Pain after sessions",
            };
            facts.push((label, format!("{} (weekly averages)", change.words())));
        }
    }
    page.push_str("<section>\n<h2>Summary</h2>\n<dl class=\"facts\">\n");
    for (k, v) in facts {
        let _ = writeln!(page, "<dt>{k}</dt><dd>{}</dd>", escape(&v));
    }
    page.push_str("</dl>\n</section>\n");
}

/// Sessions each week against the goal: a chart, then the weeks in words (or
/// the years, for a long period).
pub(super) fn adherence<Tz: TimeZone>(page: &mut String, c: &Context<'_>, now: &DateTime<Tz>) {
    let weekly = c.weekly(now);
    page.push_str("<section>\n<h2>Adherence</h2>\n<figure>\n");
    page.push_str(&svg::adherence_chart(&weekly, c.goal));
    let _ = writeln!(
        page,
        "<figcaption>Sessions each week (Monday to Sunday). A dark bar met the goal of {}; \
         the dashed line is the goal. The last bar is the current week, still going.</figcaption>\n</figure>",
        plural(c.goal, "session", "sessions")
    );
    if weekly.len() <= LIST_WEEKS {
        page.push_str("<ul class=\"weeks\">\n");
        for w in &weekly {
            let met = if w.sessions >= c.goal { " ✓" } else { "" };
            let _ = writeln!(
                page,
                "<li>{}: {} of {}{met}</li>",
                w.start.format("%-d %b %Y"),
                w.sessions,
                c.goal
            );
        }
        page.push_str("</ul>\n");
    } else {
        years(page, &weekly, c.goal);
    }
    page.push_str("</section>\n");
}

/// Adherence year by year: the weeks that started in it, the weeks that met
/// the goal, the sessions a week on average.
fn years(page: &mut String, weekly: &[WeekCount], goal: u32) {
    use chrono::Datelike;
    page.push_str(
        "<table>\n<thead><tr><th>Year</th><th class=\"n\">Weeks</th><th class=\"n\">Weeks meeting the goal</th>\
         <th class=\"n\">Sessions a week</th></tr></thead>\n<tbody>\n",
    );
    let mut i = 0;
    while i < weekly.len() {
        let year = weekly[i].start.year();
        let part: Vec<&WeekCount> = weekly[i..]
            .iter()
            .take_while(|w| w.start.year() == year)
            .collect();
        i += part.len();
        let met = part.iter().filter(|w| w.sessions >= goal).count();
        let sessions: u32 = part.iter().map(|w| w.sessions).sum();
        let _ = writeln!(
            page,
            "<tr><td>{year}</td><td class=\"n\">{}</td><td class=\"n\">{met}</td><td class=\"n\">{}</td></tr>",
            part.len(),
            one_decimal(f64::from(sessions) / part.len() as f64)
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

/// The weekly pain averages as a chart, the change in words, the averages.
pub(super) fn pain<Tz: TimeZone>(page: &mut String, c: &Context<'_>, tz: &Tz) {
    page.push_str("<section>\n<h2>Pain</h2>\n");
    let weeks = c
        .shown
        .weekly_pain(tz, Some(c.period.first), c.period.today);
    if weeks
        .iter()
        .all(|w| w.before.is_none() && w.after.is_none())
    {
        page.push_str("<p>No pain scores were recorded.</p>\n</section>\n");
        return;
    }
    page.push_str("<figure>\n");
    page.push_str(&svg::pain_chart(&weeks));
    page.push_str("<figcaption>");
    for when in PainWhen::BOTH {
        if let Some(change) = PainChange::of(&weeks, when) {
            let _ = write!(
                page,
                "{} {}: {}. ",
                match when {
                    PainWhen::Before => "Dashed line, open marks:",
                    PainWhen::After => "Solid line, filled marks:",
                },
                when.words(),
                escape(&change.words())
            );
        }
    }
    let per = svg::weeks_a_point(weeks.len());
    if per == 1 {
        page.push_str("Each point is the average of a week's scores; a gap is a week without one.");
    } else {
        let _ = write!(
            page,
            "Each point is the mean of {per} weeks' averages; a gap is {per} weeks without a score."
        );
    }
    page.push_str("</figcaption>\n</figure>\n");
    let summary = c.shown.pain(tz);
    let avg = |v: Option<f64>| v.map_or_else(|| "-".to_string(), one_decimal);
    let _ = writeln!(
        page,
        "<p>Scores were recorded in {} of {}. On average {} before a session and {} after.",
        summary.series.len(),
        plural(c.shown.sessions().len() as u64, "session", "sessions"),
        avg(summary.average_before),
        avg(summary.average_after)
    );
    if let Some(relief) = summary.average_relief {
        let _ = write!(
            page,
            " Within a session pain changed by {} on average ({} with both scores).",
            signed(-relief),
            plural(summary.paired as u64, "session", "sessions")
        );
    }
    page.push_str("</p>\n</section>\n");
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{v:.1}")
    } else {
        format!("{v:.1}")
    }
}

/// The days exercised in the last months of the period, with a legend that
/// names every shade.
pub(super) fn heatmap<Tz: TimeZone>(page: &mut String, c: &Context<'_>, now: &DateTime<Tz>) {
    let months = c.period.months().min(HEATMAP_MONTHS);
    let mut map = c.shown.heatmap(now, months);
    // Days before the period are not part of it: left blank, not "no session".
    for day in map.weeks.iter_mut().flatten() {
        if day.is_some_and(|d| d.date < c.period.first) {
            *day = None;
        }
    }
    let _ = writeln!(
        page,
        "<section>\n<h2>Days exercised</h2>\n<figure>\n{}<figcaption>",
        svg::heatmap(&map)
    );
    let _ = write!(
        page,
        "{}: a column for each week, Monday at the top; each square is a day, shaded by the minutes exercised that day. ",
        month_span(map.first.max(c.period.first), map.today)
    );
    page.push_str("<span class=\"legend\">");
    for shade in Shade::ALL {
        let _ = write!(page, "{} {} ", svg::swatch(shade), escape(&shade.meaning()));
    }
    page.push_str("· no square: outside the period.</span> ");
    let _ = writeln!(
        page,
        "{} · {} exercising.</figcaption>\n</figure>\n</section>",
        plural(map.active_days() as u64, "day exercised", "days exercised"),
        hours_minutes(map.active_secs())
    );
}

/// "March 2025 to February 2026", "March 2026".
fn month_span(first: NaiveDate, last: NaiveDate) -> String {
    let (a, b) = (first.format("%B %Y"), last.format("%B %Y"));
    if a.to_string() == b.to_string() {
        a.to_string()
    } else {
        format!("{a} to {b}")
    }
}

/// Each exercise: what was done, its levels in the period, and its bests over
/// time at each level.
pub(super) fn exercises<Tz: TimeZone>(page: &mut String, c: &Context<'_>, tz: &Tz) {
    page.push_str("<section>\n<h2>Exercises</h2>\n");
    page.push_str(
        "<p class=\"muted\">Bests are kept for holds as long as you can and for sets of reps, \
         at each level on its own: a best at a harder level is not compared with an easier one.</p>\n",
    );
    let summaries = c.shown.exercise_summaries();
    let records = c.full.progress(tz);
    for e in c.shown.progress(tz) {
        let _ = writeln!(
            page,
            "<div class=\"exercise\">\n<h3>{}</h3>",
            escape(&e.exercise_name)
        );
        if let Some(sum) = summaries.iter().find(|s| s.exercise == e.exercise) {
            let _ = writeln!(page, "<p class=\"muted\">{}</p>", escape(&counts(sum)));
        }
        page.push_str("<div class=\"cols\">\n<div>\n<h4>Levels</h4>\n<ul>\n");
        for span in &e.levels {
            let when = if span.from == span.to {
                format!("on {}", short_date(span.from))
            } else {
                format!("{} to {}", short_date(span.from), short_date(span.to))
            };
            let _ = writeln!(
                page,
                "<li>Level {}: {when} ({})</li>",
                span.level,
                plural(span.sessions as u64, "session", "sessions")
            );
        }
        page.push_str("</ul>\n</div>\n<div>\n<h4>Bests over time</h4>\n");
        let full = records.iter().find(|r| r.exercise == e.exercise);
        bests(page, full, c.period.first);
        page.push_str("</div>\n</div>\n</div>\n");
    }
    page.push_str("</section>\n");
}

/// "12 sessions · 30 sets done · 2 skipped · 1 stopped because it hurt".
fn counts(s: &ExerciseSummary) -> String {
    let mut parts = vec![
        plural(s.sessions as u64, "session", "sessions"),
        format!("{} done", plural(s.sets_done as u64, "set", "sets")),
    ];
    if s.sets_skipped > 0 {
        parts.push(format!("{} skipped", s.sets_skipped));
    }
    if s.sets_hurt > 0 {
        parts.push(format!("{} stopped because it hurt", s.sets_hurt));
    }
    parts.join(" · ")
}

/// The records of an exercise set in the period, after the best of each level
/// and kind from before it.
fn bests(page: &mut String, progress: Option<&ExerciseProgress>, first: NaiveDate) {
    let records = progress.map_or(&[][..], |p| p.records.as_slice());
    if records.is_empty() {
        page.push_str(
            "<p class=\"muted\">None: no set of it was held as long as you can or counted in reps.</p>\n",
        );
        return;
    }
    page.push_str("<ul>\n");
    // The last record before the period, per level and kind.
    let mut before: Vec<(u32, bool, BestValue)> = Vec::new();
    for r in records.iter().filter(|r| r.date < first) {
        let hold = matches!(r.value, BestValue::Hold { .. });
        match before.iter_mut().find(|b| b.0 == r.level && b.1 == hold) {
            Some(b) => b.2 = r.value,
            None => before.push((r.level, hold, r.value)),
        }
    }
    before.sort_by_key(|b| (b.0, !b.1));
    for (level, _, value) in before {
        let _ = writeln!(
            page,
            "<li>Before {}: {} at level {level}</li>",
            short_date(first),
            value_text(value)
        );
    }
    if records.iter().all(|r| r.date < first) {
        page.push_str("<li>No new best in this period</li>\n");
    }
    for r in records.iter().filter(|r| r.date >= first) {
        let _ = writeln!(
            page,
            "<li>{}: {} at level {}</li>",
            short_date(r.date),
            value_text(r.value),
            r.level
        );
    }
    page.push_str("</ul>\n");
}

/// Every set stopped because it hurt, with its day.
pub(super) fn hurts<Tz: TimeZone>(page: &mut String, c: &Context<'_>, tz: &Tz)
where
    Tz::Offset: std::fmt::Display,
{
    page.push_str("<section>\n<h2>When it hurt</h2>\n");
    let hurts = c.shown.hurts();
    if hurts.is_empty() {
        page.push_str("<p>No set was stopped because it hurt.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        page,
        "<p>{} stopped because it hurt.</p>",
        plural(hurts.len() as u64, "set was", "sets were")
    );
    page.push_str(
        "<table>\n<thead><tr><th>When</th><th>Exercise</th><th class=\"n\">Level</th><th>Set</th>\
         <th>What was done</th></tr></thead>\n<tbody>\n",
    );
    for h in hurts {
        let st = h.step;
        let mut set = format!("{} of {}", st.set, st.sets);
        if let Some(side) = st.side {
            set.push_str(&format!(", {}", side.label().to_lowercase()));
        }
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            local_time(&h.session.started, tz),
            escape(&st.exercise_name),
            st.level,
            set,
            escape(&st.describe())
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

/// Every session's note, with its day, routine and pain scores.
pub(super) fn notes<Tz: TimeZone>(page: &mut String, c: &Context<'_>, tz: &Tz)
where
    Tz::Offset: std::fmt::Display,
{
    page.push_str("<section>\n<h2>Notes</h2>\n");
    let noted: Vec<_> = c
        .shown
        .sessions()
        .iter()
        .filter(|s| s.note.as_deref().is_some_and(|n| !n.trim().is_empty()))
        .collect();
    if noted.is_empty() {
        page.push_str("<p>No notes were written.</p>\n</section>\n");
        return;
    }
    page.push_str(
        "<table>\n<thead><tr><th>When</th><th>Routine</th><th>Pain before → after</th>\
         <th>Note</th></tr></thead>\n<tbody>\n",
    );
    for s in noted {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            local_time(&s.started, tz),
            escape(&routine_label(s)),
            pain_pair(s.pain_before, s.pain_after, "→"),
            escape(s.note.as_deref().unwrap_or(""))
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}
