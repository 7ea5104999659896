//! The due/next computation in Berlin time: across midnight, weekends, windows,
//! both daylight-saving changes, and a session just before or after a due time.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta, TimeZone, Weekday};
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;

use super::*;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Tz> {
    Berlin
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .earliest()
        .expect("a Berlin time")
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

fn at_times(routine: &str, times: &[(u32, u32)]) -> Reminder {
    Reminder {
        routine: routine.into(),
        times: Times::At(times.iter().map(|&(h, m)| hm(h, m)).collect()),
        days: Days::ALL,
        place: Place::default(),
    }
}

fn every(routine: &str, mins: u64, window: Option<((u32, u32), (u32, u32))>) -> Reminder {
    Reminder {
        routine: routine.into(),
        times: Times::Every {
            interval: Duration::from_secs(mins * 60),
            window: window.map(|(s, e)| Window {
                start: hm(s.0, s.1),
                end: hm(e.0, e.1),
            }),
        },
        days: Days::ALL,
        place: Place::default(),
    }
}

fn done(routine: &str, when: DateTime<Tz>) -> LastDone {
    [(routine.to_string(), when.fixed_offset())].into()
}

fn utc(t: &DateTime<Tz>) -> String {
    t.with_timezone(&chrono::Utc).format("%H:%M").to_string()
}

#[test]
fn nothing_is_due_without_reminders() {
    let now = at(2024, 5, 6, 12, 0);
    assert!(due_now(&[], &LastDone::new(), &now).is_empty());
    assert_eq!(next_up::<Tz>(&[], &now), None);
}

#[test]
fn a_reminder_is_due_from_its_time_until_the_day_ends() {
    let r = [at_times("full", &[(23, 30)])];
    let none = LastDone::new();
    assert!(due_now(&r, &none, &at(2024, 5, 6, 23, 29)).is_empty());
    let due = due_now(&r, &none, &at(2024, 5, 6, 23, 45));
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].since, at(2024, 5, 6, 23, 30));
    // Across midnight: yesterday's time is over; the next is tonight.
    let after_midnight = at(2024, 5, 7, 0, 10);
    assert!(due_now(&r, &none, &after_midnight).is_empty());
    let next = next_up(&r, &after_midnight).expect("next");
    assert_eq!(next.at, at(2024, 5, 7, 23, 30));
    assert_eq!(
        next_up(&r, &at(2024, 5, 6, 23, 45)).expect("next").at,
        at(2024, 5, 7, 23, 30)
    );
}

#[test]
fn every_without_a_window_runs_from_midnight_through_the_day() {
    let r = [every("desk-break", 120, None)];
    let times = r[0].times_on(at(2024, 5, 6, 0, 0).date_naive(), &Berlin);
    assert_eq!(times.len(), 12);
    assert_eq!(times[0], at(2024, 5, 6, 0, 0));
    assert_eq!(times[11], at(2024, 5, 6, 22, 0));
    // Just before midnight the next is midnight, on the next day.
    let late = at(2024, 5, 6, 23, 59);
    assert_eq!(next_up(&r, &late).expect("next").at, at(2024, 5, 7, 0, 0));
    let due = due_now(&r, &LastDone::new(), &late);
    assert_eq!(due[0].since, at(2024, 5, 6, 0, 0));
    assert_eq!(due[0].latest, at(2024, 5, 6, 22, 0));
}

#[test]
fn weekday_reminders_skip_the_weekend() {
    let mut r = at_times("full", &[(18, 30)]);
    r.days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .into_iter()
    .fold(Days::none(), Days::with);
    let r = [r];
    let none = LastDone::new();
    // Friday 7 June 2024, evening: due.
    assert_eq!(due_now(&r, &none, &at(2024, 6, 7, 19, 0)).len(), 1);
    // Saturday: nothing due, and the next is Monday evening.
    let saturday = at(2024, 6, 8, 19, 0);
    assert!(due_now(&r, &none, &saturday).is_empty());
    assert!(r[0].times_on(saturday.date_naive(), &Berlin).is_empty());
    assert_eq!(
        next_up(&r, &saturday).expect("next").at,
        at(2024, 6, 10, 18, 30)
    );
}

#[test]
fn a_window_bounds_every_and_each_time_waits_for_its_routine() {
    let r = [every("desk-break", 120, Some(((9, 0), (17, 30))))];
    let day = at(2024, 5, 6, 0, 0).date_naive();
    let hours: Vec<String> = r[0]
        .times_on(day, &Berlin)
        .iter()
        .map(|t| t.format("%H:%M").to_string())
        .collect();
    assert_eq!(hours, ["09:00", "11:00", "13:00", "15:00", "17:00"]);
    let none = LastDone::new();
    // Before the window: nothing due, the next at nine.
    let early = at(2024, 5, 6, 8, 0);
    assert!(due_now(&r, &none, &early).is_empty());
    assert_eq!(next_up(&r, &early).expect("next").at, at(2024, 5, 6, 9, 0));
    // Not done all day: due since nine, after the window too; next is tomorrow.
    let evening = at(2024, 5, 6, 17, 45);
    let due = due_now(&r, &none, &evening);
    assert_eq!(due[0].since, at(2024, 5, 6, 9, 0));
    assert_eq!(due[0].latest, at(2024, 5, 6, 17, 0));
    assert_eq!(
        next_up(&r, &evening).expect("next").at,
        at(2024, 5, 7, 9, 0)
    );
    // Done at noon: not due at 12:30; due again from 13:00.
    let noon = done("desk-break", at(2024, 5, 6, 12, 0));
    assert!(due_now(&r, &noon, &at(2024, 5, 6, 12, 30)).is_empty());
    let due = due_now(&r, &noon, &at(2024, 5, 6, 14, 10));
    assert_eq!(due[0].since, at(2024, 5, 6, 13, 0));
    assert_eq!(due[0].last_done, Some(at(2024, 5, 6, 12, 0).fixed_offset()));
}

#[test]
fn a_session_just_before_the_time_does_not_answer_it_and_one_just_after_does() {
    let r = [at_times("desk-break", &[(10, 0)])];
    let due_at = at(2024, 5, 6, 10, 0);
    let now = due_at + TimeDelta::seconds(5);
    let before = done("desk-break", due_at - TimeDelta::seconds(1));
    assert_eq!(due_now(&r, &before, &now)[0].since, due_at);
    let exactly = done("desk-break", due_at);
    assert!(due_now(&r, &exactly, &now).is_empty());
    let after = done("desk-break", due_at + TimeDelta::seconds(1));
    assert!(due_now(&r, &after, &now).is_empty());
    // Another routine done does not answer it.
    let other = done("full", due_at + TimeDelta::seconds(1));
    assert_eq!(due_now(&r, &other, &now).len(), 1);
}

#[test]
fn spring_forward_neither_skips_nor_doubles() {
    // 31 March 2024: Berlin's clocks go from 02:00 to 03:00.
    let day = at(2024, 3, 31, 0, 0).date_naive();
    let half_hourly = every("desk-break", 30, None);
    let times = half_hourly.times_on(day, &Berlin);
    // 48 clock times, of which 02:00 and 02:30 do not exist: they come at 03:00,
    // together with 03:00 itself, once.
    assert_eq!(times.len(), 46);
    let mut sorted = times.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), times.len(), "no instant twice");
    let three = at(2024, 3, 31, 3, 0);
    assert_eq!(times.iter().filter(|t| **t == three).count(), 1);
    // A reminder at a skipped time comes at the end of the gap, not never.
    let r = [at_times("full", &[(2, 30)])];
    assert_eq!(r[0].times_on(day, &Berlin), [three]);
    assert_eq!(utc(&three), "01:00");
    let before = at(2024, 3, 31, 1, 59);
    assert_eq!(next_up(&r, &before).expect("next").at, three);
    assert_eq!(due_now(&r, &LastDone::new(), &three)[0].since, three);
    // The local time is kept across the change: nine is nine, one hour earlier in UTC.
    let nine = every("desk-break", 120, Some(((9, 0), (17, 30))));
    assert_eq!(utc(&nine.times_on(day, &Berlin)[0]), "07:00");
    let saturday = at(2024, 3, 30, 0, 0).date_naive();
    assert_eq!(utc(&nine.times_on(saturday, &Berlin)[0]), "08:00");
}

#[test]
fn fall_back_neither_skips_nor_doubles() {
    // 27 October 2024: Berlin's clocks go from 03:00 back to 02:00.
    let day = at(2024, 10, 27, 0, 0).date_naive();
    let half_hourly = every("desk-break", 30, None);
    let times = half_hourly.times_on(day, &Berlin);
    // 48 clock times, 02:00 and 02:30 shown twice by the clock but come once.
    assert_eq!(times.len(), 48);
    let r = [at_times("full", &[(2, 30)])];
    let once = r[0].times_on(day, &Berlin);
    assert_eq!(once.len(), 1);
    assert_eq!(utc(&once[0]), "00:30", "the first 02:30 (summer time)");
    // During the second pass of 02:30 the next is tomorrow's, not the repeat.
    let second_pass = once[0] + TimeDelta::hours(1) + TimeDelta::minutes(5);
    assert_eq!(second_pass.format("%H:%M").to_string(), "02:35");
    let next = next_up(&r, &second_pass).expect("next");
    assert_eq!(next.at, at(2024, 10, 28, 2, 30));
    // The remind loop sends it once over the whole repeated hour.
    let mut reminding = Reminding::new();
    let mut sent = 0;
    let mut t = at(2024, 10, 27, 1, 0);
    while t < at(2024, 10, 27, 4, 0) {
        let plan = reminding.step(&r, &LastDone::new(), Duration::ZERO, 0, &t);
        sent += plan.notices.len();
        t += TimeDelta::minutes(5);
    }
    assert_eq!(sent, 1);
}

#[test]
fn due_reminders_merge_per_routine_and_the_longest_due_comes_first() {
    let r = [
        at_times("full", &[(11, 0)]),
        every("desk-break", 60, Some(((9, 0), (17, 0)))),
        at_times("desk-break", &[(8, 30)]),
    ];
    let due = due_now(&r, &LastDone::new(), &at(2024, 5, 6, 12, 15));
    let routines: Vec<&str> = due.iter().map(|d| d.routine.as_str()).collect();
    assert_eq!(routines, ["desk-break", "full"]);
    assert_eq!(due[0].since, at(2024, 5, 6, 8, 30));
    assert_eq!(due[0].latest, at(2024, 5, 6, 12, 0));
    let next = next_up(&r, &at(2024, 5, 6, 12, 15)).expect("next");
    assert_eq!(
        (next.routine.as_str(), next.at),
        ("desk-break", at(2024, 5, 6, 13, 0))
    );
}

#[test]
fn remind_sends_once_then_repeats_after_the_snooze_up_to_the_limit() {
    let r = [at_times("desk-break", &[(10, 0), (15, 0)])];
    let snooze = Duration::from_secs(600);
    let mut reminding = Reminding::new();
    let none = LastDone::new();
    // Before: nothing to send; wake at ten.
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 9, 0));
    assert!(plan.notices.is_empty());
    assert_eq!(plan.wake, Some(at(2024, 5, 6, 10, 0).fixed_offset()));
    // At ten: sent; wake for the repeat ten minutes later.
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 10, 0));
    assert_eq!(plan.notices.len(), 1);
    assert_eq!(plan.notices[0].repeat, 0);
    assert_eq!(plan.wake, Some(at(2024, 5, 6, 10, 10).fixed_offset()));
    // Woken early (a signal): nothing again.
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 10, 5));
    assert!(plan.notices.is_empty());
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 10, 10));
    assert_eq!(plan.notices[0].repeat, 1);
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 10, 20));
    assert_eq!(plan.notices[0].repeat, 2);
    // The limit is reached: the next wake is the next time, at three.
    assert_eq!(plan.wake, Some(at(2024, 5, 6, 15, 0).fixed_offset()));
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 10, 30));
    assert!(plan.notices.is_empty());
    // A new time: sent afresh.
    let plan = reminding.step(&r, &none, snooze, 2, &at(2024, 5, 6, 15, 0));
    assert_eq!(plan.notices[0].repeat, 0);
    assert_eq!(plan.notices[0].since, at(2024, 5, 6, 10, 0).fixed_offset());
    // Done: no repeat, and the wake is tomorrow's first time.
    let did = done("desk-break", at(2024, 5, 6, 15, 5));
    let plan = reminding.step(&r, &did, snooze, 2, &at(2024, 5, 6, 15, 10));
    assert!(plan.notices.is_empty());
    assert_eq!(plan.wake, Some(at(2024, 5, 7, 10, 0).fixed_offset()));
}

#[test]
fn a_zero_snooze_never_repeats() {
    let r = [at_times("full", &[(10, 0)])];
    let mut reminding = Reminding::new();
    let none = LastDone::new();
    assert_eq!(
        reminding
            .step(&r, &none, Duration::ZERO, 2, &at(2024, 5, 6, 10, 0))
            .notices
            .len(),
        1
    );
    let plan = reminding.step(&r, &none, Duration::ZERO, 2, &at(2024, 5, 6, 11, 0));
    assert!(plan.notices.is_empty());
    assert_eq!(plan.wake, Some(at(2024, 5, 7, 10, 0).fixed_offset()));
}

#[test]
fn any_time_zone_works_and_a_fixed_offset_has_no_changes() {
    let r = [every("desk-break", 60, None)];
    let tz = FixedOffset::east_opt(3600).expect("offset");
    let day = tz
        .with_ymd_and_hms(2024, 3, 31, 0, 0, 0)
        .single()
        .expect("time");
    assert_eq!(r[0].times_on(day.date_naive(), &tz).len(), 24);
}

#[test]
fn unknown_routines_are_located_with_the_valid_ids() {
    let mut r = at_times("desk-brake", &[(10, 0)]);
    r.place = Place {
        path: "config.toml".into(),
        line: 3,
        column: 11,
    };
    let problems = unknown_routines(&[r, at_times("full", &[(9, 0)])], &["full", "desk-break"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "config.toml:3:11: no routine has the id \"desk-brake\" (did you mean \"desk-break\"?)\n  \
         expected: a routine id, one of: full, desk-break (`upright routines` lists them)"
    );
}
