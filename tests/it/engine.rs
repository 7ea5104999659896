//! The session engine walked with a fake clock: a base instant plus offsets.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use upright::model::exercise::{Dose, TempoPhase};
use upright::model::plan::{PhaseKind, Plan, Side};
use upright::model::routine::ResolvedStep;
use upright::model::session::{Command, Event, Session, Status};
use upright::model::settings::TimerSettings;
use upright::store::{config, library};

const S: fn(u64) -> Duration = Duration::from_secs;
const MS: fn(u64) -> Duration = Duration::from_millis;

fn timer(lead: u64, gap: u64, rest: u64) -> TimerSettings {
    TimerSettings {
        lead_in: S(lead),
        switch_gap: S(gap),
        rest: S(rest),
        auto_advance: true,
    }
}

fn step(id: &str, dose: Dose, sets: u32, per_side: bool, rest: Option<u64>) -> ResolvedStep {
    ResolvedStep {
        exercise_id: id.into(),
        exercise_name: id.to_uppercase(),
        level: 1,
        level_name: "L1".into(),
        dose,
        sets,
        per_side,
        rest: rest.map(S),
        best: None,
    }
}

fn hold(secs: u64) -> Dose {
    Dose::Hold(S(secs))
}

fn tempo(phases: &[(&str, u64)]) -> Vec<TempoPhase> {
    phases
        .iter()
        .map(|(c, s)| TempoPhase {
            cue: c.to_string(),
            duration: S(*s),
        })
        .collect()
}

fn kinds(plan: &Plan) -> Vec<String> {
    plan.phases
        .iter()
        .map(|p| {
            let side = p
                .side
                .map(|s| format!(" {}", s.as_str()))
                .unwrap_or_default();
            match &p.kind {
                PhaseKind::GetReady => "ready".to_string(),
                PhaseKind::Rest => format!("rest s{}", p.step),
                PhaseKind::SwitchSides => format!("switch{side}"),
                PhaseKind::Work(w) => format!(
                    "{} s{} set{}/{}{side}",
                    w.dose_name(),
                    p.step,
                    p.set,
                    p.sets
                ),
            }
        })
        .collect()
}

/// A session whose tests jump the clock freely: no suspend detection.
fn start(plan: Plan, t: TimerSettings, t0: Instant) -> Session {
    Session::start(plan, t, t0).with_suspend_gap(S(86_400 * 365))
}

/// Ticks once a second (as the UI would) until the session is over or `limit` passes.
fn run_idle(s: &mut Session, t0: Instant, limit: Duration) -> Vec<Event> {
    let mut events = s.take_events();
    let mut t = t0;
    while !s.is_over() && t - t0 < limit {
        t = s.next_wake(t).unwrap_or(t + S(1));
        s.tick(t);
        events.extend(s.take_events());
    }
    events
}

#[test]
fn plan_orders_lead_in_sides_switches_and_rests() {
    let steps = [
        step("a", hold(10), 2, true, Some(15)),
        step("b", hold(5), 1, false, None),
    ];
    let plan = Plan::build(&steps, &timer(10, 5, 20));
    assert_eq!(
        kinds(&plan),
        [
            "ready",
            "hold s0 set1/2 left",
            "switch right",
            "hold s0 set1/2 right",
            "rest s0",
            "hold s0 set2/2 left",
            "switch right",
            "hold s0 set2/2 right",
            "rest s0",
            "hold s1 set1/1",
        ]
    );
    // 10 + 4*10 + 2*5 + 2*15 + 5
    assert_eq!(plan.total(), S(95));
    assert_eq!(plan.next_work(0), Some(1));
    assert_eq!(plan.previous_work(4), Some(3));
    assert_eq!(plan.after_step(0), 9);
}

#[test]
fn zero_gaps_and_rests_leave_no_phases() {
    let steps = [step("a", hold(10), 2, true, None)];
    let plan = Plan::build(&steps, &timer(0, 0, 0));
    assert_eq!(kinds(&plan).len(), 4);
    assert!(plan.phases.iter().all(|p| p.is_work()));
}

#[test]
fn the_built_in_full_routine_runs_to_complete_with_done_only_at_open_holds() {
    let catalog = library::load_from(None, None).expect("built-ins load");
    let settings = config::defaults();
    let routine = catalog.routine("full").expect("full routine");
    let steps = catalog.resolve(routine, &|_| None);
    let plan = Plan::build(&steps, &settings.timer);
    let total = plan.total();
    assert!(total > S(8 * 60) && total < S(16 * 60), "{total:?}");
    let t0 = Instant::now();
    let mut s = start(plan.clone(), settings.timer.clone(), t0);
    assert!(matches!(
        s.current().map(|p| &p.kind),
        Some(PhaseKind::GetReady)
    ));
    // The clock ends every phase but the open plank, which ends with Done the
    // moment its target is reached (the planned length of an open hold).
    let mut events = s.take_events();
    let mut t = t0;
    let mut open_holds = 0;
    while !s.is_over() && t - t0 < S(3600) {
        t = s.next_wake(t).unwrap_or(t + S(1));
        s.tick(t);
        let got = s.take_events();
        if got.iter().any(|e| matches!(e, Event::ReachedTarget { .. })) {
            open_holds += 1;
            s.apply(Command::Done, t);
        }
        events.extend(got);
        events.extend(s.take_events());
    }
    assert_eq!(
        open_holds, 1,
        "the full routine ends the plank with one open hold"
    );
    assert_eq!(s.status(), Status::Complete);
    assert_eq!(
        s.ended_at(),
        Some(t0 + total),
        "ends exactly at the planned total"
    );
    assert_eq!(events.last(), Some(&Event::Completed));
    // Every work phase was recorded as met, in order.
    let work: Vec<usize> = plan.work_phases().collect();
    let recorded: Vec<usize> = s.records().iter().map(|r| r.index as usize).collect();
    assert_eq!(recorded, work);
    assert!(s.records().iter().all(|r| r.met() && !r.skipped));
    // Every exercise of the routine appears, in routine order.
    let mut names: Vec<&str> = s.records().iter().map(|r| &*r.exercise).collect();
    names.dedup();
    assert_eq!(
        names,
        [
            "plank",
            "push-up",
            "ostrich",
            "shoulder-blade-stretch",
            "childs-pose"
        ]
    );
}

#[test]
fn pausing_in_a_hold_leaves_the_remaining_time_unchanged() {
    for pause in [MS(1), MS(999), S(1), S(7), S(3600), S(86_400)] {
        let plan = Plan::build(&[step("a", hold(30), 1, false, None)], &timer(0, 0, 0));
        let t0 = Instant::now();
        let mut s = start(plan, timer(0, 0, 0), t0);
        let t1 = t0 + MS(12_345);
        s.tick(t1);
        let before = s.view(t1).and_then(|v| v.remaining).expect("remaining");
        assert_eq!(before, MS(17_655));
        s.apply(Command::Pause, t1);
        assert_eq!(s.status(), Status::Paused);
        assert_eq!(s.next_wake(t1), None, "nothing to wake for while paused");
        let t2 = t1 + pause;
        s.tick(t2);
        assert_eq!(
            s.view(t2).and_then(|v| v.remaining),
            Some(before),
            "pause {pause:?}"
        );
        s.apply(Command::Resume, t2);
        assert_eq!(s.view(t2).and_then(|v| v.remaining), Some(before));
        s.tick(t2 + before);
        assert!(s.is_over());
        assert_eq!(s.ended_at(), Some(t2 + before));
        assert_eq!(s.records()[0].achieved, Some(S(30)));
    }
}

#[test]
fn next_previous_and_restart_land_on_the_right_phases() {
    let steps = [
        step("a", hold(10), 2, false, Some(5)),
        step("b", hold(10), 1, false, None),
    ];
    let t = timer(3, 0, 5);
    let plan = Plan::build(&steps, &t);
    // ready, a1, rest, a2, rest, b1
    assert_eq!(
        kinds(&plan),
        [
            "ready",
            "hold s0 set1/2",
            "rest s0",
            "hold s0 set2/2",
            "rest s0",
            "hold s1 set1/1"
        ]
    );
    let t0 = Instant::now();
    let mut s = start(plan, t, t0);
    s.apply(Command::Next, t0 + S(1));
    assert_eq!(s.index(), 1, "next skips the lead-in");
    s.apply(Command::Next, t0 + S(4));
    assert_eq!(s.index(), 2);
    let r = &s.records()[0];
    assert!(r.skipped && r.achieved == Some(S(3)), "{r:?}");
    s.apply(Command::Next, t0 + S(5));
    assert_eq!(s.index(), 3);
    s.apply(Command::Previous, t0 + S(6));
    assert_eq!(
        s.index(),
        1,
        "previous goes back to the previous work phase"
    );
    assert!(
        s.records().is_empty(),
        "the redone phase's record is dropped"
    );
    s.tick(t0 + S(11));
    assert_eq!(s.view(t0 + S(11)).and_then(|v| v.remaining), Some(S(5)));
    s.apply(Command::Restart, t0 + S(11));
    assert_eq!(s.index(), 1);
    assert_eq!(s.view(t0 + S(11)).and_then(|v| v.remaining), Some(S(10)));
    // Previous from the first work phase restarts it.
    s.apply(Command::Previous, t0 + S(12));
    assert_eq!(s.index(), 1);
    assert_eq!(s.view(t0 + S(12)).and_then(|v| v.remaining), Some(S(10)));
    // Next at the last phase completes the session.
    for i in 0..5 {
        s.apply(Command::Next, t0 + S(13 + i));
    }
    assert_eq!(s.status(), Status::Complete);
    assert_eq!(s.records().len(), 3);
}

#[test]
fn per_side_steps_go_left_switch_right() {
    let plan = Plan::build(&[step("a", hold(2), 1, true, None)], &timer(0, 1, 0));
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 1, 0), t0);
    let mut seen = Vec::new();
    for ms in (0..=5000).step_by(250) {
        let now = t0 + MS(ms);
        s.tick(now);
        if let Some(v) = s.view(now) {
            let label = match (&v.phase.kind, v.phase.side) {
                (PhaseKind::SwitchSides, _) => "switch".to_string(),
                (_, Some(side)) => side.as_str().to_string(),
                _ => "?".to_string(),
            };
            if s.is_over() {
                break;
            }
            if seen.last() != Some(&label) {
                seen.push(label);
            }
        }
    }
    assert_eq!(seen, ["left", "switch", "right"]);
    assert!(s.is_over());
    let sides: Vec<Option<Side>> = s.records().iter().map(|r| r.side).collect();
    assert_eq!(sides, [Some(Side::Left), Some(Side::Right)]);
}

#[test]
fn paced_reps_count_and_cue_each_phase() {
    let dose = Dose::Reps {
        count: 10,
        tempo: tempo(&[("Forward", 2), ("Back", 2)]),
    };
    let plan = Plan::build(&[step("ostrich", dose, 1, false, None)], &timer(0, 0, 0));
    assert_eq!(plan.total(), S(40));
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 0, 0), t0);
    let v = s.view(t0 + MS(10_500)).expect("view");
    assert_eq!(
        v.rep,
        Some((3, 10, "Back")),
        "10.5 s in: third rep, second half"
    );
    let v = s.view(t0 + MS(8_000)).expect("view");
    assert_eq!(v.rep, Some((3, 10, "Forward")));
    let events = run_idle(&mut s, t0, S(60));
    let cues: Vec<(u32, String)> = events
        .iter()
        .filter_map(|e| match e {
            Event::TempoCue { rep, cue, .. } => Some((*rep, cue.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(cues.len(), 20, "{cues:?}");
    assert_eq!(cues[0], (1, "Forward".to_string()));
    assert_eq!(cues[5], (3, "Back".to_string()));
    assert_eq!(cues[19], (10, "Back".to_string()));
    assert_eq!(s.records()[0].achieved_reps, Some(10));
    assert_eq!(s.ended_at(), Some(t0 + S(40)));
}

#[test]
fn skipping_paced_reps_records_the_reps_done() {
    let dose = Dose::Reps {
        count: 10,
        tempo: tempo(&[("Lower", 2), ("Pause", 1), ("Press", 1)]),
    };
    let plan = Plan::build(&[step("push-up", dose, 1, false, None)], &timer(0, 0, 0));
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 0, 0), t0);
    s.apply(Command::Next, t0 + MS(13_900));
    let r = &s.records()[0];
    assert_eq!(
        (r.achieved_reps, r.planned_reps, r.skipped),
        (Some(3), Some(10), true)
    );
    assert!(!r.met());
}

#[test]
fn open_holds_count_up_until_done() {
    let plan = Plan::build(
        &[step(
            "plank",
            Dose::OpenHold {
                target: Some(S(45)),
            },
            1,
            false,
            None,
        )],
        &timer(0, 0, 0),
    );
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 0, 0), t0);
    s.tick(t0 + S(100));
    assert!(!s.is_over(), "an open hold never ends by itself");
    let v = s.view(t0 + S(50)).expect("view");
    assert_eq!((v.elapsed, v.remaining), (S(50), None));
    // Time counted up shows to the nearest second: it changes at each half.
    assert_eq!(s.next_wake(t0 + MS(50_250)), Some(t0 + MS(50_500)));
    assert_eq!(s.next_wake(t0 + MS(50_500)), Some(t0 + MS(51_500)));
    s.apply(Command::Done, t0 + MS(61_500));
    assert!(s.is_over());
    let r = &s.records()[0];
    assert_eq!(r.achieved, Some(MS(61_500)));
    assert!(r.met() && !r.skipped);
    assert_eq!(r.planned, Some(S(45)));
}

#[test]
fn self_paced_reps_wait_for_done() {
    let plan = Plan::build(
        &[step(
            "x",
            Dose::Reps {
                count: 12,
                tempo: vec![],
            },
            1,
            false,
            None,
        )],
        &timer(0, 0, 0),
    );
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 0, 0), t0);
    s.tick(t0 + S(600));
    assert!(!s.is_over());
    s.apply(Command::Done, t0 + S(601));
    assert_eq!(s.records()[0].achieved_reps, Some(12));
}

#[test]
fn adjust_adds_and_removes_five_seconds() {
    let plan = Plan::build(&[step("a", hold(30), 1, false, None)], &timer(0, 0, 0));
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 0, 0), t0);
    s.apply(Command::Adjust(true), t0 + S(10));
    assert_eq!(s.view(t0 + S(10)).and_then(|v| v.remaining), Some(S(25)));
    s.apply(Command::Adjust(false), t0 + S(10));
    s.apply(Command::Adjust(false), t0 + S(10));
    assert_eq!(s.view(t0 + S(10)).and_then(|v| v.remaining), Some(S(15)));
    // Removing more than is left ends the hold now.
    for _ in 0..5 {
        s.apply(Command::Adjust(false), t0 + S(12));
    }
    assert!(s.is_over());
    assert_eq!(s.ended_at(), Some(t0 + S(12)));
    assert_eq!(s.records()[0].achieved, Some(S(12)));
}

#[test]
fn hurt_skips_the_rest_of_the_exercise_and_records_it() {
    let steps = [
        step("a", hold(10), 3, false, Some(5)),
        step("b", hold(10), 1, false, None),
    ];
    let t = timer(0, 0, 5);
    let plan = Plan::build(&steps, &t);
    let t0 = Instant::now();
    let mut s = start(plan.clone(), t, t0);
    s.apply(Command::Hurt, t0 + S(4));
    let cur = s.current().expect("phase");
    assert_eq!(
        (cur.step, &cur.kind, s.status()),
        (0, &PhaseKind::Rest, Status::Running),
        "a breather: the rest that ends the exercise"
    );
    s.tick(t0 + S(9));
    let cur = s.current().expect("phase");
    assert_eq!(
        (cur.step, cur.is_work()),
        (1, true),
        "then the next exercise"
    );
    let rs = s.records();
    assert_eq!(rs.len(), 3);
    assert!(rs[0].hurt && rs[0].skipped && rs[0].achieved == Some(S(4)));
    assert!(
        rs[1..]
            .iter()
            .all(|r| r.skipped && !r.hurt && r.achieved == Some(Duration::ZERO))
    );
}

/// Without a rest after the exercise, the breather is the next exercise held
/// paused until the user goes on.
#[test]
fn hurt_without_a_rest_pauses_before_the_next_exercise() {
    let steps = [
        step("a", hold(10), 2, false, Some(0)),
        step("b", hold(10), 1, false, None),
    ];
    let t = timer(0, 0, 0);
    let plan = Plan::build(&steps, &t);
    let t0 = Instant::now();
    let mut s = start(plan, t, t0);
    s.apply(Command::Hurt, t0 + S(2));
    let cur = s.current().expect("phase");
    assert_eq!((cur.step, s.status()), (1, Status::Paused));
    s.tick(t0 + S(60));
    assert_eq!(s.view(t0 + S(60)).map(|v| v.elapsed), Some(S(0)));
    s.apply(Command::Resume, t0 + S(60));
    s.tick(t0 + S(63));
    assert_eq!(s.view(t0 + S(63)).map(|v| v.elapsed), Some(S(3)));
}

#[test]
fn without_auto_advance_each_phase_waits_for_the_user() {
    let mut t = timer(0, 0, 5);
    t.auto_advance = false;
    let plan = Plan::build(&[step("a", hold(10), 2, false, None)], &t);
    let t0 = Instant::now();
    let mut s = start(plan, t, t0);
    s.take_events();
    s.tick(t0 + S(30));
    assert_eq!((s.status(), s.index()), (Status::Waiting, 0));
    assert_eq!(s.records().len(), 1);
    assert_eq!(s.next_wake(t0 + S(30)), None);
    // The wait is announced once (for the bell), and nothing else starts.
    let ev = s.take_events();
    let waits: Vec<_> = ev
        .iter()
        .filter(|e| matches!(e, Event::Waiting { .. }))
        .collect();
    assert_eq!(waits, [&Event::Waiting { index: 0 }], "{ev:?}");
    assert!(
        !ev.iter().any(|e| matches!(e, Event::PhaseStarted { .. })),
        "{ev:?}"
    );
    s.tick(t0 + S(40));
    assert!(s.take_events().is_empty());
    s.apply(Command::Done, t0 + S(31));
    assert_eq!((s.status(), s.index()), (Status::Running, 1));
    assert_eq!(s.view(t0 + S(31)).and_then(|v| v.remaining), Some(S(5)));
}

#[test]
fn a_long_gap_between_observations_pauses_where_it_stopped() {
    let plan = Plan::build(&[step("a", hold(60), 2, false, None)], &timer(0, 0, 20));
    let t0 = Instant::now();
    let mut s = Session::start(plan, timer(0, 0, 20), t0);
    for i in 1..=21 {
        s.tick(t0 + S(i));
    }
    // The laptop lid closes for an hour.
    s.tick(t0 + S(3621));
    assert_eq!(s.status(), Status::Paused);
    let ev = s.take_events();
    assert!(
        ev.iter()
            .any(|e| matches!(e, Event::SuspendDetected { .. })),
        "{ev:?}"
    );
    let v = s.view(t0 + S(3621)).expect("view");
    assert!(v.auto_paused);
    assert_eq!(v.remaining, Some(S(39)), "paused at the last observation");
    assert_eq!(s.index(), 0);
    s.apply(Command::Resume, t0 + S(3700));
    assert_eq!(s.view(t0 + S(3700)).and_then(|v| v.remaining), Some(S(39)));
}

#[test]
fn next_wake_follows_the_shown_seconds_and_deadlines() {
    let plan = Plan::build(&[step("a", hold(3), 1, false, None)], &timer(0, 0, 0));
    let t0 = Instant::now();
    let s = start(plan, timer(0, 0, 0), t0);
    assert_eq!(s.next_wake(t0), Some(t0 + S(1)));
    assert_eq!(s.next_wake(t0 + MS(1_300)), Some(t0 + S(2)));
    assert_eq!(s.next_wake(t0 + MS(2_999)), Some(t0 + S(3)));
}

#[test]
fn countdown_rings_in_the_last_three_seconds_of_a_hold() {
    let plan = Plan::build(&[step("a", hold(10), 1, false, None)], &timer(0, 0, 0));
    let t0 = Instant::now();
    let mut s = start(plan, timer(0, 0, 0), t0);
    let events = run_idle(&mut s, t0, S(20));
    let counts: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::Countdown { secs_left } => Some(*secs_left),
            _ => None,
        })
        .collect();
    assert_eq!(counts, [3, 2, 1]);
}

#[test]
fn a_thirty_minute_session_with_jittered_observations_ends_on_time() {
    let steps: Vec<ResolvedStep> = (0..10)
        .map(|i| {
            if i % 2 == 0 {
                step("h", hold(97), 3, i % 4 == 0, Some(23))
            } else {
                let dose = Dose::Reps {
                    count: 9,
                    tempo: tempo(&[("Down", 2), ("Up", 1)]),
                };
                step("r", dose, 2, false, Some(17))
            }
        })
        .collect();
    let t = timer(10, 5, 20);
    let plan = Plan::build(&steps, &t);
    let total = plan.total();
    assert!(total >= S(30 * 60) && total < S(60 * 60), "{total:?}");
    let t0 = Instant::now();
    let mut s = start(plan, t, t0);
    // A deterministic jitter: observations every 0.2-1.7 s.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut now = t0;
    while !s.is_over() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        now += MS(200 + x % 1500);
        s.tick(now);
    }
    let end = s.ended_at().expect("ended");
    let planned = t0 + total;
    let late = if end > planned {
        end - planned
    } else {
        planned - end
    };
    assert!(late <= MS(1), "ended {late:?} away from the plan");
}

// ---- property tests ----

fn arb_dose() -> impl Strategy<Value = Dose> {
    prop_oneof![
        (1u64..5).prop_map(|s| Dose::Hold(S(s))),
        (1u32..4, prop::collection::vec(1u64..3, 1..3)).prop_map(|(count, t)| Dose::Reps {
            count,
            tempo: t
                .iter()
                .enumerate()
                .map(|(i, s)| TempoPhase {
                    cue: format!("c{i}"),
                    duration: S(*s)
                })
                .collect(),
        }),
    ]
}

fn arb_open_dose() -> impl Strategy<Value = Dose> {
    prop_oneof![
        arb_dose(),
        (0u64..4).prop_map(|t| Dose::OpenHold {
            target: (t > 0).then(|| S(t))
        }),
        (1u32..5).prop_map(|count| Dose::Reps {
            count,
            tempo: vec![]
        }),
    ]
}

fn arb_steps(dose: BoxedStrategy<Dose>) -> impl Strategy<Value = Vec<ResolvedStep>> {
    prop::collection::vec(
        (dose, 1u32..3, any::<bool>(), prop::option::of(0u64..4)),
        1..5,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (d, sets, side, rest))| step(&format!("e{i}"), d, sets, side, rest))
            .collect()
    })
}

fn arb_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::Pause),
        Just(Command::Resume),
        Just(Command::TogglePause),
        Just(Command::Next),
        Just(Command::Previous),
        Just(Command::Restart),
        Just(Command::Done),
        Just(Command::Adjust(true)),
        Just(Command::Adjust(false)),
        Just(Command::Hurt),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_under_random_commands_at_random_times(
        steps in arb_steps(arb_open_dose().boxed()),
        lead in 0u64..3, gap in 0u64..3, rest in 0u64..3, auto in any::<bool>(),
        actions in prop::collection::vec((0u64..20_000, arb_command()), 0..40),
    ) {
        let mut t = timer(lead, gap, rest);
        t.auto_advance = auto;
        let plan = Plan::build(&steps, &t);
        let t0 = Instant::now();
        let mut s = Session::start(plan, t, t0).with_suspend_gap(S(10));
        let mut now = t0;
        for (dt, cmd) in actions {
            now += MS(dt);
            s.tick(now);
            let _ = s.view(now);
            let _ = s.next_wake(now);
            let _ = s.remaining_total(now);
            s.apply(cmd, now);
            prop_assert!(s.index() < s.plan().phases.len().max(1));
        }
        s.end_early(now);
        prop_assert!(s.is_over());
    }

    #[test]
    fn with_no_input_the_session_ends_exactly_at_the_planned_total(
        steps in arb_steps(arb_dose().boxed()),
        lead in 0u64..3, gap in 0u64..3, rest in 0u64..3,
        step_ms in 1u64..1_500,
    ) {
        let t = timer(lead, gap, rest);
        let plan = Plan::build(&steps, &t);
        let total = plan.total();
        let t0 = Instant::now();
        let mut s = start(plan, t, t0);
        let mut now = t0;
        while !s.is_over() {
            now += MS(step_ms);
            s.tick(now);
        }
        prop_assert_eq!(s.ended_at(), Some(t0 + total));
        prop_assert_eq!(s.active_work(now), s.records().iter().filter_map(|r| r.achieved).sum::<Duration>());
    }

    /// With only work phases, every moment not paused is work: the wall time of the
    /// session equals the time paused plus the work achieved.
    #[test]
    fn active_time_equals_the_sum_of_achieved_work(
        steps in arb_steps(arb_open_dose().boxed()),
        actions in prop::collection::vec((0u64..5_000, prop_oneof![
            Just(Command::TogglePause), Just(Command::Next), Just(Command::Done),
            Just(Command::Hurt), Just(Command::Adjust(true)), Just(Command::Adjust(false)),
        ]), 0..30),
    ) {
        let t = timer(0, 0, 0);
        let mut steps = steps;
        for st in &mut steps {
            st.rest = Some(Duration::ZERO);
        }
        let plan = Plan::build(&steps, &t);
        let t0 = Instant::now();
        let mut s = Session::start(plan, t, t0).with_suspend_gap(S(3600));
        let mut now = t0;
        for (dt, cmd) in actions {
            now += MS(dt);
            s.apply(cmd, now);
        }
        now += MS(1234);
        s.end_early(now);
        let end = s.ended_at().expect("over");
        let wall = end - t0;
        let work: Duration = s.records().iter().filter_map(|r| r.achieved).sum();
        prop_assert_eq!(wall, s.paused_total(end) + work);
    }
}

/// An open hold with a best of 20 s and its target 5 s past it (issue 13): the
/// best is announced once, the moment the hold passes it, and the target once,
/// when reached; the clock keeps counting up past both.
#[test]
fn passing_the_best_and_the_target_is_announced_once_at_the_instant() {
    let open = step(
        "plank",
        Dose::OpenHold {
            target: Some(S(10)),
        },
        1,
        false,
        None,
    )
    .with_best(Some(S(20)), S(5));
    assert_eq!(
        open.dose,
        Dose::OpenHold {
            target: Some(S(25))
        },
        "the target moves to the best and a step"
    );
    let t = timer(0, 0, 0);
    let plan = Plan::build(&[open], &t);
    let t0 = Instant::now();
    let mut s = start(plan, t, t0);
    s.take_events();
    // The engine wakes for the moment the best is passed, not a second later.
    let mut now = t0;
    let mut seen = Vec::new();
    while now < t0 + S(40) {
        now = s.next_wake(now).expect("running");
        s.tick(now);
        for e in s.take_events() {
            match e {
                Event::PassedBest { best } => seen.push(("best", best, now - t0)),
                Event::ReachedTarget { target } => seen.push(("target", target, now - t0)),
                _ => {}
            }
        }
    }
    assert_eq!(
        seen,
        [("best", S(20), S(20) + MS(1)), ("target", S(25), S(25)),]
    );
    let view = s.view(t0 + S(40)).expect("view");
    assert_eq!((view.remaining, view.elapsed), (None, S(40)));
    // Ended with Enter: the record says how long it was held.
    s.apply(Command::Done, t0 + S(40));
    assert_eq!(s.records()[0].achieved, Some(S(40)));
}

/// Without a best (the first time), the step's own target stays and nothing is
/// announced as a best.
#[test]
fn the_first_open_hold_aims_at_the_steps_own_target() {
    let first = step(
        "plank",
        Dose::OpenHold {
            target: Some(S(10)),
        },
        1,
        false,
        None,
    )
    .with_best(None, S(5));
    assert_eq!(
        first.dose,
        Dose::OpenHold {
            target: Some(S(10))
        }
    );
    let t = timer(0, 0, 0);
    let t0 = Instant::now();
    let mut s = start(Plan::build(&[first], &t), t, t0);
    s.tick(t0 + S(15));
    let events = s.take_events();
    assert!(!events.iter().any(|e| matches!(e, Event::PassedBest { .. })));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::ReachedTarget { target } if *target == S(10)))
    );
}
