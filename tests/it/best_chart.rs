//! The Stats chart of the plank's best hold at each level over time: a seeded
//! history of open plank holds whose bests rise over the four levels, at every
//! size the snapshots use; one hold; and no plank held as long as you can.

use std::time::Duration;

use chrono::TimeDelta;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use upright::app::keymap::{Key, Keymap};
use upright::app::{App, Figures, Now};
use upright::model::event::{
    DoseKind, EndEvent, EndStatus, Event, SCHEMA_VERSION, StartEvent, StepEvent,
};
use upright::model::history::History;
use upright::model::record::SetRecord;
use upright::store::{config, library};

use crate::fixtures::{EDGE_SIZES, assert_renders, fixed_now, screen};

/// A session of one plank hold at `level`, `day` days after Monday 5 January
/// 2026 at 07:30 (UTC+1): held as long as you can (`open`) or for its time.
fn plank_session(day: u32, level: u32, held: u64, open: bool) -> Vec<Event> {
    let start = fixed_now(1, (2026, 1, 5), (7, 30)).wall + TimeDelta::days(i64::from(day));
    let session: std::sync::Arc<str> = format!("s{day}").into();
    let end = start + TimeDelta::seconds(held as i64 + 10);
    vec![
        Event::Start(StartEvent {
            v: SCHEMA_VERSION,
            session: session.clone(),
            at: start,
            routine: "core-shoulders".into(),
            routine_name: "Core and shoulders".into(),
            pain_before: None,
            planned_steps: Some(1),
        }),
        Event::Step(StepEvent {
            v: SCHEMA_VERSION,
            session: session.clone(),
            at: end,
            record: SetRecord {
                index: 0,
                exercise: "plank".into(),
                exercise_name: "Plank".into(),
                level,
                set: 1,
                sets: 1,
                side: None,
                dose: if open { DoseKind::Open } else { DoseKind::Hold },
                planned: Some(Duration::from_secs(30)),
                achieved: Some(Duration::from_secs(held)),
                planned_reps: None,
                achieved_reps: None,
                skipped: false,
                hurt: false,
            },
        }),
        Event::End(EndEvent {
            v: SCHEMA_VERSION,
            session,
            at: end,
            status: EndStatus::Completed,
            pain_after: None,
            note: None,
            active_secs: held as f64,
        }),
    ]
}

/// Sixteen weeks of a plank every other day: four weeks at each level, the
/// hold a few seconds longer each time with a shorter one every third, each
/// level starting over lower than where the last ended.
fn rising() -> Vec<Event> {
    let base = [20, 25, 20, 30];
    let gain = [3, 4, 3, 2];
    (0..56u32)
        .flat_map(|i| {
            let l = (i / 14) as usize;
            let k = u64::from(i % 14);
            let dip = if k % 3 == 2 { 5 } else { 0 };
            plank_session(2 * i, l as u32 + 1, base[l] + k * gain[l] - dip, true)
        })
        .collect()
}

/// The morning after the last session: Monday 27 April 2026.
fn after() -> Now {
    fixed_now(1, (2026, 4, 27), (9, 0))
}

/// The app on the Stats tab with these events as its history.
fn stats(events: Vec<Event>, now: Now) -> App {
    let catalog = library::load_from(None, None).expect("catalog");
    let mut app = App::new(catalog, config::defaults(), Keymap::default(), now);
    let history = History::from_events(events);
    let figures = Figures::new(&history.without_discarded(), &now.wall, 5);
    app.set_history(history, Some(figures));
    app.key(Key::ch('3'), now);
    app
}

/// The screen at `w`x`h` scrolled down (a row at a time) until the chart's
/// title is on the first row under the tabs, or as far as it goes.
fn scrolled_to_chart(app: &mut App, w: u16, h: u16) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        let hits = upright::ui::draw(app, buf.area, &mut buf);
        app.drawn(hits);
        let s = screen(app, w, h);
        let second = s.lines().nth(1).unwrap_or_default();
        if second.contains("best hold at each level") || s == last {
            return s;
        }
        last = s;
        let now = app.now;
        app.key(Key::ch('j'), now);
    }
    last
}

#[test]
fn bests_rising_over_the_levels_at_every_size() {
    let mut app = stats(rising(), after());
    for (w, h) in [(120, 40), (200, 60)] {
        let s = screen(&app, w, h);
        for words in [
            "Plank · best hold at each level",
            "1 level 1 Knees and forearms: first 0:20, best 0:59",
            "2 level 2 Toes and forearms: first 0:25, best 1:17",
            "3 level 3 On hands: first 0:20, best 0:59",
            "4 level 4 Hands with arm lift: first 0:30, best 0:56",
            "1:20 ┤",
            "0:40 ┤",
            "0:00 ┤",
            "5 Jan 2026",
            "27 Apr 2026",
            "a column: 1 week",
        ] {
            assert!(s.contains(words), "{w}x{h}: {words:?}\n{s}");
        }
        insta::assert_snapshot!(format!("best_chart_{w}x{h}"), s);
    }
    let s = scrolled_to_chart(&mut app, 80, 24);
    assert!(
        s.lines()
            .nth(1)
            .unwrap_or_default()
            .contains("Plank · best hold"),
        "{s}"
    );
    insta::assert_snapshot!("best_chart_80x24", s);
}

/// Each level's marks at 200x60 (the chart in the left column, its scale
/// "1:20 ┤" from the second cell, the plot from the eighth): the levels follow
/// each other from left to right, and each one's line rises (a row higher is
/// a longer hold).
#[test]
fn each_level_is_drawn_with_its_number_left_to_right() {
    let app = stats(rising(), after());
    let mut buf = Buffer::empty(Rect::new(0, 0, 200, 60));
    let _ = upright::ui::draw(&app, buf.area, &mut buf);
    let at = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let plot_rows: Vec<u16> = (0..60)
        .filter(|&y| ["│", "┤"].contains(&&*at(6, y)))
        .collect();
    assert!(plot_rows.len() >= 6, "{}", screen(&app, 200, 60));
    let mut spans = Vec::new();
    for level in ["1", "2", "3", "4"] {
        let marks: Vec<(u16, u16)> = plot_rows
            .iter()
            .flat_map(|&y| (7..99).map(move |x| (x, y)))
            .filter(|&(x, y)| at(x, y) == level)
            .collect();
        let left = marks.iter().map(|m| m.0).min();
        let left = left.unwrap_or_else(|| panic!("level {level} is drawn"));
        let right = marks.iter().map(|m| m.0).max().unwrap_or(left);
        let row = |x: u16| marks.iter().filter(|m| m.0 == x).map(|m| m.1).min();
        spans.push((left, right, row(left), row(right)));
    }
    let s = screen(&app, 200, 60);
    for pair in spans.windows(2) {
        assert!(pair[0].0 < pair[1].0, "left to right: {spans:?}\n{s}");
    }
    for (left, right, row_left, row_right) in &spans {
        assert!(
            left < right && row_right < row_left,
            "rising: {spans:?}\n{s}"
        );
    }
}

#[test]
fn one_hold_is_one_mark_with_its_day() {
    let now = fixed_now(1, (2026, 1, 5), (9, 0));
    let mut app = stats(plank_session(0, 2, 42, true), now);
    let s = scrolled_to_chart(&mut app, 80, 24);
    assert!(s.contains("2 level 2 Toes and forearms: best 0:42"), "{s}");
    assert!(
        s.contains("5 Jan 2026") && s.contains("a column: 1 day"),
        "{s}"
    );
    insta::assert_snapshot!("best_chart_one_hold_80x24", s);
}

#[test]
fn without_a_plank_held_as_long_as_you_can_one_line_says_so() {
    let now = fixed_now(1, (2026, 1, 6), (9, 0));
    let app = stats(plank_session(0, 1, 30, false), now);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("No plank held as long as you can yet: your best at each level will"),
        "{s}"
    );
    assert!(!s.contains("0:00 ┤"), "no empty chart: {s}");
    insta::assert_snapshot!("best_chart_empty_80x24", s);
}

/// The chart at the sizes where layouts change and at widths from the
/// smallest to 200, scrolled to.
#[test]
fn the_chart_renders_at_any_size() {
    let mut app = stats(rising(), after());
    for (w, h) in EDGE_SIZES {
        assert_renders(&app, w, h);
    }
    for w in (upright::ui::MIN_WIDTH..=200).step_by(7) {
        let _ = scrolled_to_chart(&mut app, w, 24);
        assert_renders(&app, w, 24);
    }
}
