//! The weekly pain averages and the heatmap's days, in a time zone that changes
//! its clocks (Europe/Berlin: summer time from 31 March 2024 02:00, back on 27
//! October 2024 03:00).

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;

use super::{History, PainChange, PainWhen, SessionRecord, Shade, Status, WeekPain};
use crate::model::event::{DoseKind, StepEvent};
use crate::model::history::DayActivity;
use crate::model::record::SetRecord;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A session at `when` with its pain scores, `active` seconds exercised, and
/// one set: done, or skipped (then it does not count).
fn session(when: &str, pain: (Option<u8>, Option<u8>), active: f64, done: bool) -> SessionRecord {
    let started = at(when);
    let step = StepEvent {
        v: 2,
        session: when.into(),
        at: started,
        record: SetRecord {
            index: 0,
            exercise: "plank".into(),
            exercise_name: "Plank".into(),
            level: 1,
            set: 1,
            sets: 1,
            side: None,
            dose: DoseKind::Hold,
            planned: Some(Duration::from_secs(30)),
            achieved: Some(Duration::from_secs(if done { 30 } else { 0 })),
            planned_reps: None,
            achieved_reps: None,
            skipped: !done,
            hurt: false,
        },
    };
    SessionRecord {
        id: when.into(),
        routine: Some("full".into()),
        routine_name: Some("Full upper-back routine".into()),
        started,
        ended: Some(started),
        last_event: started,
        status: Status::Completed,
        pain_before: pain.0,
        pain_after: pain.1,
        note: None,
        active_secs: active,
        planned_steps: Some(1),
        steps: vec![step],
    }
}

fn history(sessions: Vec<SessionRecord>) -> History {
    let mut sessions = sessions;
    sessions.sort_by_key(|s| s.started);
    History {
        sessions,
        levels: Vec::new(),
    }
}

fn scored(when: &str, before: u8, after: u8) -> SessionRecord {
    session(when, (Some(before), Some(after)), 300.0, true)
}

#[test]
fn weeks_without_a_score_are_kept_empty() {
    let h = history(vec![
        scored("2024-05-06T08:00:00+02:00", 6, 4),
        scored("2024-05-08T08:00:00+02:00", 5, 3),
        // Two empty weeks, then a week with only a score before.
        session("2024-05-28T08:00:00+02:00", (Some(3), None), 300.0, true),
        // A session without scores changes nothing.
        session("2024-05-29T08:00:00+02:00", (None, None), 300.0, true),
    ]);
    let weeks = h.weekly_pain(&Berlin, None, date("2024-06-12"));
    let starts: Vec<String> = weeks.iter().map(|w| w.start.to_string()).collect();
    assert_eq!(
        starts,
        [
            "2024-05-06",
            "2024-05-13",
            "2024-05-20",
            "2024-05-27",
            "2024-06-03",
            "2024-06-10"
        ]
    );
    assert_eq!(weeks[0].before, Some(5.5));
    assert_eq!(weeks[0].after, Some(3.5));
    assert_eq!((weeks[0].before_scores, weeks[0].after_scores), (2, 2));
    for w in [&weeks[1], &weeks[2], &weeks[4], &weeks[5]] {
        assert_eq!(
            (w.before, w.after, w.before_scores),
            (None, None, 0),
            "{w:?}"
        );
    }
    assert_eq!((weeks[3].before, weeks[3].after), (Some(3.0), None));
    // From a given date: the weeks before the first score are there, empty.
    let from = h.weekly_pain(&Berlin, Some(date("2024-04-24")), date("2024-05-06"));
    assert_eq!(from.first().map(|w| w.start), Some(date("2024-04-22")));
    assert_eq!(from.len(), 6, "to the week of the last score");
    assert_eq!(
        History::default().weekly_pain(&Berlin, None, date("2024-05-06")),
        []
    );
}

#[test]
fn a_week_with_a_clock_change_is_one_week_of_local_days() {
    let h = history(vec![
        // Sunday 31 March, the day summer time starts, before and after 02:00.
        scored("2024-03-31T01:30:00+01:00", 8, 6),
        scored("2024-03-31T23:30:00+02:00", 6, 4),
        // Written on a machine an hour behind: 23:30 there is 00:30 on Monday
        // 1 April in Berlin, so the next week.
        scored("2024-03-31T23:30:00+01:00", 2, 1),
        // The night the clocks go back: 02:30 happens twice; both are Sunday.
        scored("2024-10-27T02:30:00+02:00", 4, 2),
        scored("2024-10-27T02:30:00+01:00", 2, 2),
    ]);
    let weeks = h.weekly_pain(&Berlin, None, date("2024-04-01"));
    assert_eq!(weeks[0].start, date("2024-03-25"));
    assert_eq!((weeks[0].before, weeks[0].after), (Some(7.0), Some(5.0)));
    assert_eq!(weeks[1].start, date("2024-04-01"));
    assert_eq!((weeks[1].before, weeks[1].after), (Some(2.0), Some(1.0)));
    let october = weeks
        .iter()
        .find(|w| w.start == date("2024-10-21"))
        .expect("the week of 27 October");
    assert_eq!((october.before, october.after), (Some(3.0), Some(2.0)));
    assert_eq!(october.before_scores, 2);
    // Every week starts on a Monday seven days after the last, clock changes or not.
    for pair in weeks.windows(2) {
        assert_eq!((pair[1].start - pair[0].start).num_days(), 7);
    }
}

fn week(start: &str, before: Option<f64>, after: Option<f64>) -> WeekPain {
    WeekPain {
        start: date(start),
        before,
        after,
        before_scores: u32::from(before.is_some()),
        after_scores: u32::from(after.is_some()),
    }
}

#[test]
fn the_change_compares_the_first_and_last_weeks_with_a_score() {
    // Twelve weeks: scores after sessions in ten of them.
    let after = [
        Some(4.0),
        Some(5.0),
        None,
        Some(4.0),
        Some(3.4),
        Some(3.0),
        None,
        Some(3.0),
        Some(2.0),
        Some(3.0),
        Some(2.4),
        Some(3.0),
    ];
    let mut monday = date("2024-01-01");
    let weeks: Vec<WeekPain> = after
        .iter()
        .map(|&a| {
            let w = week(&monday.to_string(), None, a);
            monday = monday + chrono::Days::new(7);
            w
        })
        .collect();
    let change = PainChange::of(&weeks, PainWhen::After).expect("scores");
    // The first four weeks with a score: 4, 5, 4, 3.4; the last four: 2, 3, 2.4, 3.
    assert!((change.from - 4.1).abs() < 1e-9, "{change:?}");
    assert!((change.to - 2.6).abs() < 1e-9, "{change:?}");
    assert_eq!((change.weeks, change.scored_weeks), (12, 10));
    assert_eq!(
        format!("{}: {}", PainWhen::After.words(), change.words()),
        "after sessions: 4.1 → 2.6 over 12 weeks"
    );
    assert_eq!(PainChange::of(&weeks, PainWhen::Before), None);
    // Three weeks with a score: one at each end.
    let short = [
        week("2024-01-01", Some(6.0), None),
        week("2024-01-08", None, None),
        week("2024-01-15", Some(5.0), None),
        week("2024-01-22", Some(2.0), None),
    ];
    let change = PainChange::of(&short, PainWhen::Before).expect("scores");
    assert_eq!((change.from, change.to, change.weeks), (6.0, 2.0, 4));
    // One week: no arrow.
    let one = [week("2024-01-01", None, Some(2.6))];
    let change = PainChange::of(&one, PainWhen::After).expect("a score");
    assert_eq!(change.words(), "2.6 in 1 week");
}

#[test]
fn days_are_shaded_by_minutes_exercised() {
    let day = |sessions, minutes: f64| DayActivity {
        sessions,
        completed: sessions,
        active_secs: minutes * 60.0,
    };
    assert_eq!(Shade::of(None), Shade::None);
    assert_eq!(Shade::of(Some(&day(0, 30.0))), Shade::None);
    let cases = [
        (0.0, Shade::Light),
        (4.99, Shade::Light),
        (5.0, Shade::Medium),
        (9.99, Shade::Medium),
        (10.0, Shade::Strong),
        (19.99, Shade::Strong),
        (20.0, Shade::Full),
        (600.0, Shade::Full),
    ];
    for (minutes, shade) in cases {
        assert_eq!(Shade::of(Some(&day(1, minutes))), shade, "{minutes} min");
    }
    let meanings: Vec<String> = Shade::ALL.iter().map(|s| s.meaning()).collect();
    assert_eq!(
        meanings,
        [
            "no session",
            "under 5 min",
            "5-9 min",
            "10-19 min",
            "20 min or more"
        ]
    );
}

#[test]
fn the_heatmap_has_a_column_a_week_and_a_row_a_weekday() {
    let h = history(vec![
        // Two sessions on Sunday 31 March (summer time from 02:00): 12 minutes.
        session("2024-03-31T01:30:00+01:00", (None, None), 420.0, true),
        session("2024-03-31T23:30:00+02:00", (None, None), 300.0, true),
        // 00:30 on Monday 1 April in Berlin, written an hour behind.
        session("2024-03-31T23:30:00+01:00", (None, None), 1500.0, true),
        // Every set skipped: does not count.
        session("2024-04-03T08:00:00+02:00", (None, None), 900.0, false),
        // Before the months shown.
        session("2024-02-28T08:00:00+01:00", (None, None), 900.0, true),
    ]);
    let now = Berlin
        .with_ymd_and_hms(2024, 5, 15, 12, 0, 0)
        .single()
        .expect("a Berlin time");
    let map = h.heatmap(&now, 3);
    assert_eq!(map.first, date("2024-03-01"));
    assert_eq!(map.today, date("2024-05-15"));
    // From the week of Friday 1 March to the week of Wednesday 15 May.
    assert_eq!(map.monday(0), date("2024-02-26"));
    assert_eq!(map.weeks.len(), 12);
    let day = |d: &str| {
        let d = date(d);
        let col = ((d - map.monday(0)).num_days() / 7) as usize;
        let row = ((d - map.monday(0)).num_days() % 7) as usize;
        map.weeks[col][row]
    };
    // Before the first and after today: no day at all.
    assert_eq!(day("2024-02-29"), None);
    assert_eq!(day("2024-05-16"), None);
    let sunday = day("2024-03-31").expect("a day");
    assert_eq!((sunday.sessions, sunday.shade), (2, Shade::Strong));
    assert!((sunday.active_secs - 720.0).abs() < 1e-9);
    let monday = day("2024-04-01").expect("a day");
    assert_eq!((monday.sessions, monday.shade), (1, Shade::Full));
    let skipped = day("2024-04-03").expect("a day");
    assert_eq!((skipped.sessions, skipped.shade), (0, Shade::None));
    assert_eq!(map.active_days(), 2);
    let months: Vec<(usize, String)> = map
        .month_starts()
        .into_iter()
        .map(|(c, d)| (c, d.format("%b").to_string()))
        .collect();
    assert_eq!(
        months,
        [
            (0, "Mar".to_string()),
            (5, "Apr".to_string()),
            (9, "May".to_string())
        ]
    );
    // Fewer months: the same days, cut at the first of a month.
    let two = map.last_months(2);
    assert_eq!(two, h.heatmap(&now, 2));
    assert_eq!(two.first, date("2024-04-01"));
    assert_eq!(two.months(), 2);
    assert_eq!(map.last_months(12), map);
}
