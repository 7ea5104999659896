//! Sessions and statistics rebuilt from log events, with calendar days taken in a
//! time zone that changes its clocks (Europe/Berlin).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;

use upright::model::event::{
    DoseKind, EndEvent, EndStatus, Event, LevelEvent, LevelReason, Side, StartEvent, StepEvent,
};
use upright::model::exercise::{Dose, Level};
use upright::model::history::{BestValue, History, Status};
use upright::model::record::SetRecord;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn berlin(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<chrono_tz::Tz> {
    Berlin
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .expect("a Berlin time")
}

fn start(session: &str, at: &str) -> Event {
    Event::Start(StartEvent {
        v: 1,
        session: session.into(),
        at: t(at),
        routine: "full".into(),
        routine_name: "Full upper-back routine".into(),
        pain_before: None,
        planned_steps: None,
    })
}

fn end(session: &str, at: &str, status: EndStatus) -> Event {
    Event::End(EndEvent {
        v: 1,
        session: session.into(),
        at: t(at),
        status,
        pain_after: None,
        note: None,
        active_secs: 300.0,
    })
}

/// A done step of a timed hold that met its plan.
fn step(session: &str, at: &str, index: u32, exercise: &str, level: u32) -> StepEvent {
    StepEvent {
        v: 1,
        session: session.into(),
        at: t(at),
        record: SetRecord {
            index,
            exercise: exercise.into(),
            exercise_name: format!("The {exercise}").into(),
            level,
            set: 1,
            sets: 1,
            side: None,
            dose: DoseKind::Hold,
            planned: Some(secs(30.0)),
            achieved: Some(secs(30.0)),
            planned_reps: None,
            achieved_reps: None,
            skipped: false,
            hurt: false,
        },
    }
}

/// Seconds as a duration, to the millisecond as the log keeps them.
fn secs(s: f64) -> std::time::Duration {
    std::time::Duration::from_millis((s * 1000.0).round() as u64)
}

fn level(exercise: &str, level: u32, at: &str, reason: LevelReason) -> Event {
    Event::Level(LevelEvent {
        v: 1,
        session: "menu".into(),
        at: t(at),
        exercise: exercise.into(),
        level,
        reason,
    })
}

/// A completed one-step session starting at `at`.
fn session(id: &str, at: &str) -> Vec<Event> {
    let begin = t(at);
    let fmt = |d: DateTime<FixedOffset>| d.to_rfc3339();
    vec![
        start(id, at),
        Event::Step(step(id, &fmt(begin + Duration::seconds(40)), 0, "plank", 1)),
        end(
            id,
            &fmt(begin + Duration::seconds(60)),
            EndStatus::Completed,
        ),
    ]
}

fn history(sessions: &[(&str, &str)]) -> History {
    History::from_events(
        sessions
            .iter()
            .flat_map(|(id, at)| session(id, at))
            .collect::<Vec<_>>(),
    )
}

#[test]
fn sessions_are_rebuilt_from_interleaved_events() {
    let mut redo = step("a", "2024-05-01T08:02:00+02:00", 0, "plank", 2);
    redo.achieved = Some(secs(12.0));
    let mut second = step("a", "2024-05-01T08:03:00+02:00", 1, "push-up", 1);
    second.skipped = true;
    let mut redone = step("a", "2024-05-01T08:04:00+02:00", 0, "plank", 2);
    redone.achieved = Some(secs(31.0));
    let events = vec![
        Event::Start(StartEvent {
            pain_before: Some(6),
            planned_steps: Some(4),
            ..match start("a", "2024-05-01T08:00:00+02:00") {
                Event::Start(s) => s,
                _ => unreachable!(),
            }
        }),
        start("b", "2024-05-01T07:00:00+02:00"),
        Event::Step(redo),
        Event::Step(step("b", "2024-05-01T07:01:00+02:00", 0, "ostrich", 1)),
        Event::Step(second),
        level("plank", 2, "2024-05-01T08:05:00+02:00", LevelReason::Manual),
        Event::Step(redone),
        Event::End(EndEvent {
            pain_after: Some(3),
            note: Some("better".into()),
            active_secs: 250.5,
            ..match end("a", "2024-05-01T08:10:00+02:00", EndStatus::Partial) {
                Event::End(e) => e,
                _ => unreachable!(),
            }
        }),
        // A session whose start line was lost.
        Event::Step(step("c", "2024-05-02T09:00:30+02:00", 3, "plank", 1)),
        end("c", "2024-05-02T09:05:00+02:00", EndStatus::Completed),
    ];
    let h = History::from_events(events);
    let ids: Vec<&str> = h.sessions().iter().map(|s| &*s.id).collect();
    assert_eq!(ids, ["b", "a", "c"], "oldest first by start");

    let b = h.session("b").expect("b");
    assert_eq!(b.status, Status::Interrupted);
    assert!(b.status.is_partial());
    assert_eq!(b.ended, None);
    assert_eq!(b.active_secs, 30.0, "summed from steps without an end");
    assert_eq!(b.duration_secs(), 60.0, "to the last event");

    let a = h.session("a").expect("a");
    assert_eq!(a.routine.as_deref(), Some("full"));
    assert_eq!(a.status, Status::Partial);
    assert_eq!((a.pain_before, a.pain_after), (Some(6), Some(3)));
    assert_eq!(a.note.as_deref(), Some("better"));
    assert_eq!(a.active_secs, 250.5);
    assert_eq!(a.duration_secs(), 600.0);
    assert_eq!(a.steps.len(), 2, "the redone phase replaces the first try");
    assert_eq!(a.steps[0].achieved, Some(secs(31.0)));
    assert_eq!(
        (a.done_steps(), a.skipped_steps(), a.total_steps()),
        (1, 1, 4)
    );

    let c = h.session("c").expect("c");
    assert_eq!(c.routine, None);
    assert_eq!(c.started, t("2024-05-02T09:00:30+02:00"));
    assert_eq!(c.status, Status::Completed);

    assert_eq!(h.level_changes().len(), 1);
    assert_eq!(h.current_level("plank"), Some(2));
    assert_eq!(h.current_level("push-up"), None);
}

#[test]
fn a_session_across_midnight_counts_once_on_the_day_it_started() {
    // 23:50 to 00:20 on the night of the 10th, then the 12th: no three-day streak.
    let h = history(&[
        ("late", "2024-05-10T23:50:00+02:00"),
        ("next", "2024-05-12T08:00:00+02:00"),
    ]);
    let mut events = session("late", "2024-05-10T23:50:00+02:00");
    events.pop();
    events.push(end(
        "late",
        "2024-05-11T00:20:00+02:00",
        EndStatus::Completed,
    ));
    let h2 = History::from_events(
        events
            .into_iter()
            .chain(session("next", "2024-05-12T08:00:00+02:00")),
    );
    for h in [h, h2] {
        let s = h.stats(&berlin(2024, 5, 12, 20, 0), 3);
        assert_eq!(s.active_days, 2);
        assert_eq!((s.current_streak, s.longest_streak), (1, 1));
        assert_eq!(s.last_active, Some(date("2024-05-12")));
    }
    // With the 11th filled in, the three days make a streak.
    let h = history(&[
        ("late", "2024-05-10T23:50:00+02:00"),
        ("mid", "2024-05-11T12:00:00+02:00"),
        ("next", "2024-05-12T08:00:00+02:00"),
    ]);
    let s = h.stats(&berlin(2024, 5, 12, 20, 0), 3);
    assert_eq!((s.current_streak, s.longest_streak), (3, 3));
}

#[test]
fn streaks_across_the_spring_forward_change_use_local_days() {
    // Berlin moved from +01:00 to +02:00 at 02:00 on 2024-03-31.
    let h = history(&[
        ("sat", "2024-03-30T22:00:00+01:00"),
        ("sun-early", "2024-03-31T01:30:00+01:00"),
        ("sun-late", "2024-03-31T23:30:00+02:00"),
        // 00:30 local on 1 April is still 31 March in UTC.
        ("mon", "2024-04-01T00:30:00+02:00"),
        // Written with a UTC offset (a laptop set to UTC): 00:30 on 2 April in Berlin.
        ("tue", "2024-04-01T22:30:00+00:00"),
    ]);
    let s = h.stats(&berlin(2024, 4, 2, 12, 0), 4);
    assert_eq!(s.active_days, 4);
    assert_eq!((s.current_streak, s.longest_streak), (4, 4));
    // In UTC the same sessions fall on only three days.
    let utc = h.stats(
        &chrono::Utc.with_ymd_and_hms(2024, 4, 2, 12, 0, 0).unwrap(),
        4,
    );
    assert_eq!(utc.active_days, 3);

    // A session running across the change lasts its real 20 minutes.
    let mut events = session("across", "2024-03-31T01:50:00+01:00");
    events.pop();
    events.push(end(
        "across",
        "2024-03-31T03:10:00+02:00",
        EndStatus::Completed,
    ));
    let h = History::from_events(events);
    assert_eq!(h.sessions()[0].duration_secs(), 1200.0);
    assert_eq!(h.sessions()[0].local_date(&Berlin), date("2024-03-31"));
}

#[test]
fn streaks_and_weeks_across_the_fall_back_change() {
    // Berlin went from +02:00 back to +01:00 at 03:00 on 2024-10-27 (a Sunday):
    // 02:30 happened twice.
    let h = history(&[
        ("sat", "2024-10-26T23:59:00+02:00"),
        ("sun-first-0230", "2024-10-27T02:30:00+02:00"),
        ("sun-second-0230", "2024-10-27T02:30:00+01:00"),
        ("mon", "2024-10-28T00:01:00+01:00"),
    ]);
    let now = berlin(2024, 10, 28, 10, 0);
    let s = h.stats(&now, 3);
    assert_eq!(s.active_days, 3, "two sessions, one day");
    assert_eq!((s.current_streak, s.longest_streak), (3, 3));
    assert_eq!(s.week_start, date("2024-10-28"));
    assert_eq!(s.week_sessions, 1);
    assert_eq!(s.weekly_goal, 3);
    let weeks = h.weekly_counts(&now, 3);
    let counts: Vec<(NaiveDate, u32)> = weeks.iter().map(|w| (w.start, w.sessions)).collect();
    assert_eq!(
        counts,
        [
            (date("2024-10-14"), 0),
            (date("2024-10-21"), 3),
            (date("2024-10-28"), 1)
        ]
    );
    let days = h.active_days(&Berlin);
    assert_eq!(days[&date("2024-10-27")].sessions, 2);
}

#[test]
fn the_current_streak_lapses_after_a_missed_day() {
    let h = history(&[
        ("a", "2024-06-01T08:00:00+02:00"),
        ("b", "2024-06-02T08:00:00+02:00"),
        ("c", "2024-06-03T08:00:00+02:00"),
        ("d", "2024-06-10T08:00:00+02:00"),
        ("e", "2024-06-11T08:00:00+02:00"),
    ]);
    let at = |d| h.stats(&berlin(2024, 6, d, 9, 0), 3);
    assert_eq!((at(11).current_streak, at(11).longest_streak), (2, 3));
    assert_eq!(at(12).current_streak, 2, "yesterday still keeps it");
    assert_eq!(at(13).current_streak, 0);
    assert_eq!(at(13).longest_streak, 3);
    // Looking back from the 4th: the 10th and 11th are in the future and ignored.
    assert_eq!(at(4).current_streak, 3);
    assert_eq!(at(4).last_active, Some(date("2024-06-03")));
}

/// The figures of the history as shown are worked out without a copy: the
/// discarded sessions are moved aside for the call and put back in place.
#[test]
fn as_shown_is_without_discarded_and_leaves_the_history_as_it_was() {
    let discarded = |id: &str, day: &str| {
        let at = format!("2024-06-{day}T08:00:00+02:00");
        vec![
            start(id, &at),
            Event::Step(step(
                id,
                &format!("2024-06-{day}T08:01:00+02:00"),
                0,
                "plank",
                1,
            )),
            end(
                id,
                &format!("2024-06-{day}T08:02:00+02:00"),
                EndStatus::Abandoned,
            ),
        ]
    };
    let mut events = discarded("first", "01");
    events.extend(session("kept-a", "2024-06-02T08:00:00+02:00"));
    events.extend(discarded("middle", "03"));
    events.extend(session("kept-b", "2024-06-04T08:00:00+02:00"));
    events.extend(discarded("last", "05"));
    let mut h = History::from_events(events);
    let before = h.clone();
    let ids =
        |h: &History| -> Vec<String> { h.sessions().iter().map(|s| s.id.to_string()).collect() };
    let seen = h.as_shown(|shown| {
        assert_eq!(shown, &before.without_discarded());
        ids(shown)
    });
    assert_eq!(seen, ["kept-a", "kept-b"]);
    assert_eq!(h, before, "every session back in its place");
    assert_eq!(ids(&h), ["first", "kept-a", "middle", "kept-b", "last"]);
}

/// A session counts when at least one set of it was done (issue 12, defect 2).
#[test]
fn a_session_counts_when_at_least_one_set_was_done() {
    let mut skipped = step("abandoned", "2024-06-01T08:01:00+02:00", 0, "plank", 1);
    skipped.skipped = true;
    let mut hurt = step("partial-hurt", "2024-06-02T08:01:00+02:00", 0, "plank", 1);
    hurt.hurt = true;
    let events = vec![
        // Only a skipped step, abandoned: does not count.
        start("abandoned", "2024-06-01T08:00:00+02:00"),
        Event::Step(skipped),
        end(
            "abandoned",
            "2024-06-01T08:02:00+02:00",
            EndStatus::Abandoned,
        ),
        // Only a hurt step, partial: does not count.
        start("partial-hurt", "2024-06-02T08:00:00+02:00"),
        Event::Step(hurt),
        end(
            "partial-hurt",
            "2024-06-02T08:02:00+02:00",
            EndStatus::Partial,
        ),
        // Interrupted after one done step: counts.
        start("interrupted", "2024-06-03T08:00:00+02:00"),
        Event::Step(step(
            "interrupted",
            "2024-06-03T08:01:00+02:00",
            0,
            "plank",
            1,
        )),
        // Completed with every set skipped: does not count.
        start("all-skipped", "2024-06-04T08:00:00+02:00"),
        Event::Step({
            let mut s = step("all-skipped", "2024-06-04T08:01:00+02:00", 0, "plank", 1);
            s.skipped = true;
            s
        }),
        end(
            "all-skipped",
            "2024-06-04T08:09:00+02:00",
            EndStatus::Completed,
        ),
        // Completed with a set done: counts.
        start("done", "2024-06-05T08:00:00+02:00"),
        Event::Step(step("done", "2024-06-05T08:01:00+02:00", 0, "plank", 1)),
        end("done", "2024-06-05T08:09:00+02:00", EndStatus::Completed),
    ];
    let h = History::from_events(events).without_discarded();
    let s = h.stats(&berlin(2024, 6, 5, 20, 0), 2);
    let days: Vec<NaiveDate> = h.active_days(&Berlin).into_keys().collect();
    assert_eq!(days, [date("2024-06-03"), date("2024-06-05")]);
    assert_eq!(s.week_sessions, 2);
    assert_eq!(
        (s.sessions, s.completed, s.ended_early, s.interrupted),
        (4, 2, 1, 1),
        "the discarded session is left out"
    );
    assert_eq!(s.current_streak, 1);
}

#[test]
fn bests_are_the_longest_open_hold_and_the_most_reps_of_sets_done() {
    let open = |id: &str, at: &str, held: f64| {
        let mut s = step(id, at, 0, "plank", 2);
        s.dose = DoseKind::Open;
        s.planned = Some(secs(45.0));
        s.achieved = Some(secs(held));
        s
    };
    let reps = |id: &str, at: &str, n: u32| {
        let mut s = step(id, at, 1, "push-up", 1);
        s.dose = DoseKind::Reps;
        s.planned = None;
        s.achieved = None;
        s.planned_reps = Some(10);
        s.achieved_reps = Some(n);
        s
    };
    let mut hurt_long = open("s3", "2024-06-03T08:01:00+02:00", 300.0);
    hurt_long.hurt = true;
    let mut timed = step("s3", "2024-06-03T08:03:00+02:00", 2, "plank", 3);
    timed.achieved = Some(secs(500.0)); // a timed hold, not an open one: no best
    let mut skipped_reps = reps("s3", "2024-06-03T08:02:00+02:00", 40);
    skipped_reps.skipped = true;
    let events = vec![
        Event::Step(open("s1", "2024-06-01T08:01:00+02:00", 52.5)),
        Event::Step(reps("s1", "2024-06-01T08:02:00+02:00", 12)),
        Event::Step(open("s2", "2024-06-02T08:01:00+02:00", 61.25)),
        Event::Step(reps("s2", "2024-06-02T08:02:00+02:00", 11)),
        Event::Step(hurt_long),
        Event::Step(skipped_reps),
        Event::Step(timed),
    ];
    let h = History::from_events(events);
    let bests = h.bests();
    assert_eq!(bests.len(), 2, "{bests:?}");
    assert_eq!(&*bests[0].exercise, "plank");
    assert_eq!(bests[0].value, BestValue::Hold { secs: 61.25 });
    assert_eq!(&*bests[0].session, "s2");
    assert_eq!(&*bests[1].exercise, "push-up");
    assert_eq!(bests[1].value, BestValue::Reps { reps: 12 });
    assert_eq!(bests[1].at, t("2024-06-01T08:02:00+02:00"));
    let summaries = h.exercise_summaries();
    assert_eq!(&*summaries[0].exercise, "plank");
    assert_eq!(
        (
            summaries[0].sessions,
            summaries[0].sets_done,
            summaries[0].sets_hurt
        ),
        (3, 3, 1)
    );
    assert_eq!(
        (
            summaries[0].first_level,
            summaries[0].last_level,
            summaries[0].max_level
        ),
        (2, 3, 3)
    );
    assert_eq!(summaries[0].bests.len(), 1);
}

#[test]
fn the_current_level_is_the_last_level_event() {
    let h = History::from_events(vec![
        level(
            "plank",
            2,
            "2024-06-01T08:00:00+02:00",
            LevelReason::Progress,
        ),
        level(
            "push-up",
            2,
            "2024-06-01T08:00:01+02:00",
            LevelReason::Manual,
        ),
        level(
            "plank",
            3,
            "2024-06-05T08:00:00+02:00",
            LevelReason::Progress,
        ),
        level("plank", 2, "2024-06-06T08:00:00+02:00", LevelReason::Easier),
    ]);
    assert!(h.sessions().is_empty(), "level events make no sessions");
    assert_eq!(h.current_level("plank"), Some(2));
    let levels = h.current_levels();
    let now: Vec<(&str, u32, LevelReason)> = levels
        .iter()
        .map(|l| (&*l.exercise, l.level, l.reason))
        .collect();
    assert_eq!(
        now,
        [
            ("plank", 2, LevelReason::Easier),
            ("push-up", 2, LevelReason::Manual)
        ]
    );
    let s = h.stats(&berlin(2024, 6, 7, 8, 0), 3);
    assert_eq!(s.levels, levels);
}

/// A session with `sets` sets of an exercise at a level, each achieving `achieved` s
/// of a 30 s plan, the set numbered `skip` (if any) skipped.
fn sets_session(
    id: &str,
    day: u32,
    exercise: &str,
    level: u32,
    achieved: f64,
    skip: Option<u32>,
) -> Vec<Event> {
    let at = format!("2024-07-{day:02}T08:00:00+02:00");
    let mut events = vec![start(id, &at)];
    for set in 1..=3 {
        for side in [Side::Left, Side::Right] {
            let mut s = step(
                id,
                &format!("2024-07-{day:02}T08:0{set}:0{}+02:00", side as u32),
                set * 2 + side as u32,
                exercise,
                level,
            );
            s.set = set;
            s.sets = 3;
            s.side = Some(side);
            s.achieved = Some(secs(achieved));
            s.skipped = skip == Some(set);
            events.push(Event::Step(s));
        }
    }
    events.push(end(
        id,
        &format!("2024-07-{day:02}T08:09:00+02:00"),
        EndStatus::Completed,
    ));
    events
}

/// The level the sessions above are planned at: 3 sets of a 30 s hold each side.
fn own_level(secs: u64) -> Level {
    Level {
        name: "L1".into(),
        how: String::new(),
        dose: Dose::Hold(std::time::Duration::from_secs(secs)),
        per_side: true,
        sets: 3,
        rest: None,
        figure: None,
        target: None,
    }
}

#[test]
fn the_next_level_is_suggested_after_three_sessions_with_every_set_met() {
    let own = own_level(30);
    let good = |id, day| sets_session(id, day, "stretch", 1, 30.0, None);
    let build = |parts: Vec<Vec<Event>>| History::from_events(parts.into_iter().flatten());

    let h = build(vec![good("a", 1), good("b", 2), good("c", 3)]);
    assert!(h.suggest_next_level("stretch", 1, &own));
    assert!(
        !h.suggest_next_level("stretch", 2, &own),
        "no sessions at level 2"
    );
    assert!(!h.suggest_next_level("plank", 1, &own));

    let h = build(vec![good("a", 1), good("b", 2)]);
    assert!(
        !h.suggest_next_level("stretch", 1, &own),
        "only two sessions"
    );

    // A skipped set, a short hold or a hurt set in one of the last three: no.
    let skipped = sets_session("x", 2, "stretch", 1, 30.0, Some(2));
    assert!(
        !build(vec![good("a", 1), skipped, good("c", 3), good("d", 4)])
            .suggest_next_level("stretch", 1, &own)
    );
    let short = sets_session("x", 3, "stretch", 1, 25.0, None);
    assert!(!build(vec![good("a", 1), good("b", 2), short]).suggest_next_level("stretch", 1, &own));
    // Within the timer's tolerance is still met.
    let nearly = sets_session("x", 3, "stretch", 1, 29.9, None);
    assert!(build(vec![good("a", 1), good("b", 2), nearly]).suggest_next_level("stretch", 1, &own));
    // A bad session older than the last three does not matter.
    let old_bad = sets_session("x", 1, "stretch", 1, 10.0, None);
    assert!(
        build(vec![old_bad, good("b", 2), good("c", 3), good("d", 4)])
            .suggest_next_level("stretch", 1, &own)
    );
    // Sessions of the exercise at another level are neither counted nor held against it.
    let other = sets_session("x", 3, "stretch", 2, 5.0, None);
    assert!(
        build(vec![good("a", 1), good("b", 2), other, good("d", 4)])
            .suggest_next_level("stretch", 1, &own)
    );

    // A session stopped before the last set does not count as met.
    let mut cut = good("c", 3);
    cut.retain(|e| !matches!(e, Event::Step(s) if s.set == 3));
    assert!(!build(vec![good("a", 1), good("b", 2), cut]).suggest_next_level("stretch", 1, &own));

    // After a level change to it, only sessions since count.
    let mut parts = vec![good("a", 1), good("b", 2)];
    parts.push(vec![level(
        "stretch",
        1,
        "2024-07-02T20:00:00+02:00",
        LevelReason::Easier,
    )]);
    parts.push(good("c", 3));
    assert!(!build(parts).suggest_next_level("stretch", 1, &own));
}

/// Sets done at a dose a routine shortened do not count toward the next level,
/// and a session where the exercise hurt never does (issue 12, defect 5).
#[test]
fn only_the_levels_own_dose_counts_and_never_after_it_hurt() {
    let build = |parts: Vec<Vec<Event>>| History::from_events(parts.into_iter().flatten());
    // Three sessions of a routine that cut the hold to 2 s: each met its plan.
    let cut = |id, day| {
        let mut events = sets_session(id, day, "stretch", 1, 2.0, None);
        for e in &mut events {
            if let Event::Step(s) = e {
                s.planned = Some(secs(2.0));
            }
        }
        events
    };
    let h = build(vec![cut("a", 1), cut("b", 2), cut("c", 3)]);
    assert!(!h.suggest_next_level("stretch", 1, &own_level(30)));
    // The same sessions count for a level whose own hold is 2 s.
    assert!(h.suggest_next_level("stretch", 1, &own_level(2)));
    // Shortened sessions between good ones neither count nor break the run.
    let good = |id, day| sets_session(id, day, "stretch", 1, 30.0, None);
    let h = build(vec![good("a", 1), cut("b", 2), good("c", 3), good("d", 4)]);
    assert!(h.suggest_next_level("stretch", 1, &own_level(30)));
    // A set that hurt, even with the rest met: no.
    let mut hurt = good("c", 3);
    for e in &mut hurt {
        if let Event::Step(s) = e
            && s.set == 1
        {
            s.hurt = true;
        }
    }
    let h = build(vec![good("a", 1), good("b", 2), hurt]);
    assert!(!h.suggest_next_level("stretch", 1, &own_level(30)));
}

#[test]
fn an_interrupted_session_is_offered_for_resuming_while_recent() {
    let mut events = vec![start("r", "2024-08-01T08:00:00+02:00")];
    for i in 0..3 {
        let mut s = step("r", &format!("2024-08-01T08:0{i}:30+02:00"), i, "plank", 1);
        s.skipped = i == 1;
        events.push(Event::Step(s));
    }
    let h = History::from_events(
        session("old", "2024-07-31T08:00:00+02:00")
            .into_iter()
            .chain(events.clone()),
    );
    let hour = Duration::hours(1);
    let resume = h
        .last_interrupted(&berlin(2024, 8, 1, 8, 30), hour)
        .expect("offered");
    assert_eq!(&*resume.session.id, "r");
    assert_eq!(resume.logged, [0, 1, 2]);
    assert_eq!(resume.next_index, 3);
    assert!(
        h.last_interrupted(&berlin(2024, 8, 1, 9, 30), hour)
            .is_none(),
        "too old"
    );
    assert!(
        h.last_interrupted(&berlin(2024, 8, 1, 7, 30), hour)
            .is_none(),
        "in the future"
    );
    // A newer session means the user moved on.
    let h = History::from_events(
        events
            .into_iter()
            .chain(session("new", "2024-08-01T08:20:00+02:00")),
    );
    assert!(
        h.last_interrupted(&berlin(2024, 8, 1, 8, 30), hour)
            .is_none()
    );
}

#[test]
fn pain_series_and_averages() {
    let with_pain = |id: &str, at: &str, before: Option<u8>, after: Option<u8>| {
        let mut ev = session(id, at);
        if let Event::Start(s) = &mut ev[0] {
            s.pain_before = before;
        }
        if let Event::End(e) = &mut ev[2] {
            e.pain_after = after;
        }
        ev
    };
    let events: Vec<Event> = [
        with_pain("a", "2024-09-01T23:30:00+02:00", Some(6), Some(4)),
        with_pain("b", "2024-09-02T08:00:00+02:00", None, None),
        with_pain("c", "2024-09-03T08:00:00+02:00", Some(3), None),
        with_pain("d", "2024-09-04T08:00:00+02:00", Some(2), Some(1)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let h = History::from_events(events);
    let pain = h.pain(&Berlin);
    assert_eq!(pain.series.len(), 3);
    assert_eq!(
        pain.first().map(|p| (p.date, p.before, p.after)),
        Some((date("2024-09-01"), Some(6), Some(4)))
    );
    assert_eq!(pain.last().map(|p| &*p.session), Some("d"));
    assert_eq!(pain.average_before, Some(11.0 / 3.0));
    assert_eq!(pain.average_after, Some(2.5));
    assert_eq!((pain.paired, pain.average_relief), (2, Some(1.5)));
    // In UTC the first session is on the same day; in Tokyo it is the next.
    assert_eq!(
        h.pain(&chrono_tz::Asia::Tokyo).series[0].date,
        date("2024-09-02")
    );

    let since = h.since(date("2024-09-03"), &Berlin);
    let ids: Vec<&str> = since.sessions().iter().map(|s| &*s.id).collect();
    assert_eq!(ids, ["c", "d"]);
}

#[test]
fn the_calendar_covers_whole_months_up_to_today() {
    let h = history(&[
        ("before", "2024-03-31T08:00:00+02:00"),
        ("first", "2024-04-01T00:10:00+02:00"),
        ("mid", "2024-05-15T08:00:00+02:00"),
        ("today", "2024-06-10T07:00:00+02:00"),
        ("future", "2024-06-11T07:00:00+02:00"),
    ]);
    let cal = h.calendar(&berlin(2024, 6, 10, 12, 0), 3);
    assert_eq!(cal.first, date("2024-04-01"));
    assert_eq!(cal.months(), [(2024, 4), (2024, 5), (2024, 6)]);
    let days: Vec<NaiveDate> = cal.days.keys().copied().collect();
    assert_eq!(
        days,
        [date("2024-04-01"), date("2024-05-15"), date("2024-06-10")]
    );
    assert!(cal.is_active(date("2024-05-15")));
    assert_eq!(cal.day(date("2024-06-10")).map(|d| d.completed), Some(1));
}

/// A session with one open hold of the plank at `level`, held `held` seconds.
fn open_session(id: &str, day: u32, level: u32, held: f64, hurt: bool) -> Vec<Event> {
    let at = format!("2024-09-{day:02}T08:00:00+02:00");
    let mut s = step(
        id,
        &format!("2024-09-{day:02}T08:02:00+02:00"),
        1,
        "plank",
        level,
    );
    s.dose = DoseKind::Open;
    s.planned = Some(secs(40.0));
    s.achieved = Some(secs(held));
    s.hurt = hurt;
    vec![
        start(id, &at),
        Event::Step(s),
        end(
            id,
            &format!("2024-09-{day:02}T08:05:00+02:00"),
            EndStatus::Completed,
        ),
    ]
}

fn of(parts: Vec<Vec<Event>>) -> History {
    History::from_events(parts.into_iter().flatten())
}

/// A best is per exercise and level: a long hold on the knees is never the
/// best on the toes, and each level's best says when it was held.
#[test]
fn bests_are_kept_per_level() {
    let h = of(vec![
        open_session("a", 1, 1, 50.0, false),
        open_session("b", 2, 2, 20.0, false),
        open_session("c", 3, 1, 45.0, false),
        open_session("d", 4, 2, 26.5, false),
        // A hold that hurt sets no best.
        open_session("e", 5, 2, 90.0, true),
    ]);
    let (knees, at) = h.best_hold("plank", 1).expect("a best on level 1");
    assert_eq!((knees, at), (secs(50.0), t("2024-09-01T08:02:00+02:00")));
    let (toes, at) = h.best_hold("plank", 2).expect("a best on level 2");
    assert_eq!((toes, at), (secs(26.5), t("2024-09-04T08:02:00+02:00")));
    assert_eq!(h.best_hold("plank", 3), None);
    let bests: Vec<(u32, BestValue)> = h.bests().iter().map(|b| (b.level, b.value)).collect();
    assert_eq!(
        bests,
        [
            (1, BestValue::Hold { secs: 50.0 }),
            (2, BestValue::Hold { secs: 26.5 }),
        ]
    );
}

/// A session beats the best held before it at the same level; the first hold
/// at a level beats nothing, and neither does a hold that only equals it.
#[test]
fn new_bests_name_the_best_they_beat() {
    let h = of(vec![
        open_session("a", 1, 1, 30.0, false),
        open_session("b", 2, 1, 35.0, false),
        open_session("c", 3, 2, 10.0, false),
        open_session("d", 4, 1, 35.0, false),
        open_session("e", 5, 1, 32.0, false),
        open_session("f", 6, 2, 12.0, false),
    ]);
    let new = h.new_bests();
    let mut ids: Vec<&str> = new.keys().map(|k| &**k).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["b", "f"]);
    let b = &new["b"][0];
    assert_eq!((b.level, b.held, b.was), (1, secs(35.0), secs(30.0)));
    let f = &new["f"][0];
    assert_eq!((f.level, f.held, f.was), (2, secs(12.0), secs(10.0)));
}

/// Open holds earn the next level when the hold reaches the level's target in
/// two of the last three sessions, none of them with "this hurt".
#[test]
fn open_holds_earn_the_next_level_in_two_of_the_last_three() {
    let own = Level {
        name: "Knees".into(),
        how: String::new(),
        dose: Dose::Hold(std::time::Duration::from_secs(20)),
        per_side: false,
        sets: 2,
        rest: None,
        figure: None,
        target: Some(std::time::Duration::from_secs(40)),
    };
    let held = |id, day, s| open_session(id, day, 1, s, false);
    // Two of three reached 40 s.
    let h = of(vec![
        held("a", 1, 41.0),
        held("b", 2, 30.0),
        held("c", 3, 40.0),
    ]);
    assert!(h.suggest_next_level("plank", 1, &own));
    // Only one of the last three did (an older one does not count).
    let h = of(vec![
        held("a", 1, 45.0),
        held("b", 2, 45.0),
        held("c", 3, 30.0),
        held("d", 4, 30.0),
    ]);
    assert!(!h.suggest_next_level("plank", 1, &own));
    // Two did, but one of the three hurt.
    let h = of(vec![
        held("a", 1, 45.0),
        open_session("b", 2, 1, 10.0, true),
        held("c", 3, 45.0),
    ]);
    assert!(!h.suggest_next_level("plank", 1, &own));
    // The target is the level's target, not its fixed hold.
    let h = of(vec![held("a", 1, 25.0), held("b", 2, 25.0)]);
    assert!(!h.suggest_next_level("plank", 1, &own));
}
