//! The Stats view: streaks, the weekly goal, bests, levels, pain and a calendar.

use chrono::{Datelike, Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::model::duration::format_clock_secs;
use crate::model::history::{BestValue, Calendar, Stats};
use crate::model::words::plural;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(stats) = app.stats.as_ref().filter(|s| s.sessions > 0) else {
        super::empty(
            "Stats",
            "No sessions yet. Finish a routine and it will show here.",
            area,
            buf,
            theme,
        );
        return;
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let [numbers, levels] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    let [pain, calendar] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);

    Paragraph::new(progress_lines(stats, theme))
        .wrap(Wrap { trim: true })
        .block(super::widgets::panel(" Progress ", theme))
        .render(numbers, buf);
    level_list(app, levels, buf, theme);
    pain_chart(app, pain, buf, theme);
    if let Some(cal) = &app.calendar {
        calendar_view(cal, calendar, buf, theme);
    }
}

/// Streak, this week against the goal, totals and personal bests.
fn progress_lines(stats: &Stats, theme: &Theme) -> Vec<Line<'static>> {
    let goal_met = stats.week_sessions >= stats.weekly_goal;
    let mut n = vec![
        Line::from(vec![
            Span::styled("Streak ", theme.title),
            Span::raw(format!(
                "{} · longest {}",
                plural(stats.current_streak, "day", "days"),
                plural(stats.longest_streak, "day", "days")
            )),
        ]),
        Line::from(vec![
            Span::styled("This week ", theme.title),
            Span::styled(
                format!(
                    "{}/{} sessions{}",
                    stats.week_sessions,
                    stats.weekly_goal,
                    if goal_met { " · goal met" } else { "" }
                ),
                if goal_met { theme.good } else { theme.base },
            ),
        ]),
        Line::from(vec![
            Span::styled("Sessions ", theme.title),
            Span::raw(format!(
                "{} · {} · {} min active",
                stats.sessions,
                stats.outcomes(),
                stats.active_minutes().round()
            )),
        ]),
        Line::raw(""),
        Line::styled("Personal bests", theme.title),
    ];
    for b in &stats.bests {
        let v = match b.value {
            BestValue::Hold { secs } => format!("held {}", format_clock_secs(secs.round() as u64)),
            BestValue::Reps { reps } => format!("{reps} reps in a set"),
        };
        n.push(Line::raw(format!(
            "  {}: {v} (level {}, {})",
            b.exercise_name,
            b.level,
            b.at.format("%Y-%m-%d")
        )));
    }
    n
}

/// The current level of every exercise.
fn level_list(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut l = Vec::new();
    for e in app.catalog.exercises() {
        let logged = app.current_level(&e.id).unwrap_or(1);
        // A level the library no longer has: the highest it has, and why.
        let level = logged.min(e.levels.len()).max(1);
        let name = e.level(level).map_or("", |x| x.name.as_str());
        let mut text = format!("level {level}/{} {name}", e.levels.len());
        if logged > level {
            text.push_str(&format!(" (level {logged} no longer exists)"));
        }
        l.push(Line::from(vec![
            Span::styled(format!("{}: ", e.name), theme.accent),
            Span::raw(text),
        ]));
    }
    Paragraph::new(l)
        .wrap(Wrap { trim: true })
        .block(super::widgets::panel(" Levels ", theme))
        .render(area, buf);
}

fn pain_chart(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(stats) = &app.stats else { return };
    let series = &stats.pain.series;
    let avg = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
    let title = format!(
        " Pain 0-10 · before {} · after {} ",
        avg(stats.pain.average_before),
        avg(stats.pain.average_after)
    );
    let block = super::widgets::panel(title, theme);
    if series.is_empty() {
        Paragraph::new("No pain scores yet: answer the question before and after a session.")
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
        return;
    }
    let before: Vec<(f64, f64)> = series
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i as f64, f64::from(p.before?))))
        .collect();
    let after: Vec<(f64, f64)> = series
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i as f64, f64::from(p.after?))))
        .collect();
    let last = (series.len().max(2) - 1) as f64;
    let first_date = series
        .first()
        .map(|p| p.date.format("%-d %b").to_string())
        .unwrap_or_default();
    let last_date = series
        .last()
        .map(|p| p.date.format("%-d %b").to_string())
        .unwrap_or_default();
    let chart = Chart::new(vec![
        Dataset::default()
            .name("before (•)")
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.hurt)
            .data(&before),
        Dataset::default()
            .name("after (·)")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.good)
            .data(&after),
    ])
    .block(block)
    .x_axis(
        Axis::default()
            .bounds([0.0, last])
            .labels([first_date, last_date])
            .style(theme.dim),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, 10.0])
            .labels(["0", "5", "10"])
            .style(theme.dim),
    );
    chart.render(area, buf);
}

/// One row a month, one cell a day: `#` an active day, `.` a day without, `@` today.
fn calendar_view(cal: &Calendar, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut lines = vec![Line::styled(
        "     1        10        20        31",
        theme.dim,
    )];
    for (year, month) in cal.months() {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        let mut row: Vec<Span> = vec![Span::styled(
            format!("{:<4} ", first.format("%b")),
            theme.accent,
        )];
        let mut day = first;
        let mut active_days = 0;
        while day.month() == month && day <= cal.today {
            let active = cal.is_active(day);
            active_days += u32::from(active);
            let (text, style) = if day == cal.today {
                (if active { "#" } else { "@" }, theme.selected)
            } else if active {
                ("#", theme.good)
            } else {
                (".", theme.dim)
            };
            row.push(Span::styled(text, style));
            match day.checked_add_days(Days::new(1)) {
                Some(d) => day = d,
                None => break,
            }
        }
        row.push(Span::styled(format!("  {active_days}"), theme.dim));
        lines.push(Line::from(row));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "# active day · . none · today reversed",
        theme.dim,
    ));
    Paragraph::new(lines)
        .block(super::widgets::panel(" Active days ", theme))
        .render(area, buf);
}
