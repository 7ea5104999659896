//! The cue schedule walked with an injected clock: which cue, and which
//! phrase, at which instant, for every kind of phase.

use std::time::{Duration, Instant};

use super::*;
use crate::model::exercise::{Dose, TempoPhase};
use crate::model::routine::ResolvedStep;
use crate::model::session::{Command, Session};
use crate::model::settings::TimerSettings;

const S: fn(u64) -> Duration = Duration::from_secs;

fn timer(lead: u64, gap: u64, rest: u64, auto_advance: bool) -> TimerSettings {
    TimerSettings {
        lead_in: S(lead),
        switch_gap: S(gap),
        rest: S(rest),
        auto_advance,
    }
}

fn step(name: &str, dose: Dose, sets: u32, per_side: bool) -> ResolvedStep {
    ResolvedStep {
        exercise_id: name.to_lowercase(),
        exercise_name: name.into(),
        level: 1,
        level_name: "One".into(),
        dose,
        sets,
        per_side,
        rest: None,
        best: None,
    }
}

fn push_up_tempo() -> Vec<TempoPhase> {
    [("Lower", 2), ("Pause", 1), ("Press", 1)]
        .iter()
        .map(|(c, s)| TempoPhase {
            cue: c.to_string(),
            duration: S(*s),
        })
        .collect()
}

/// Every kind of phase: the lead-in, a hold, a rest, a per-side hold with the
/// switch between, paced reps, self-paced reps and an open hold.
fn every_kind() -> Vec<ResolvedStep> {
    vec![
        step("Plank", Dose::Hold(S(4)), 1, false),
        step("Stretch", Dose::Hold(S(3)), 1, true),
        step(
            "Push-up",
            Dose::Reps {
                count: 2,
                tempo: push_up_tempo(),
            },
            1,
            false,
        ),
        step(
            "Ostrich",
            Dose::Reps {
                count: 5,
                tempo: Vec::new(),
            },
            1,
            false,
        ),
        step(
            "Plank",
            Dose::OpenHold {
                target: Some(S(30)),
            },
            1,
            false,
        ),
    ]
}

type Heard = (u64, Cue, Option<String>);

/// Observes the session at every whole second up to `until`, giving `commands`
/// at their second first; returns what was announced at each.
fn walk(s: &mut Session, t0: Instant, until: u64, commands: &[(u64, Command)]) -> Vec<Heard> {
    let mut heard = Vec::new();
    let first = s.take_events();
    if let Some(a) = announcement(s, &first) {
        heard.push((0, a.cue, a.phrase));
    }
    for t in 1..=until {
        let now = t0 + S(t);
        s.tick(now);
        for (_, c) in commands.iter().filter(|(at, _)| *at == t) {
            s.apply(*c, now);
        }
        let events = s.take_events();
        if let Some(a) = announcement(s, &events) {
            heard.push((t, a.cue, a.phrase));
        }
    }
    heard
}

fn say(t: u64, cue: Cue, phrase: &str) -> Heard {
    (t, cue, Some(phrase.to_string()))
}

fn tone(t: u64, cue: Cue) -> Heard {
    (t, cue, None)
}

#[test]
fn every_phase_kind_has_its_cue_at_its_instant() {
    use Cue::*;
    let t = timer(5, 2, 4, true);
    let plan = Plan::build(&every_kind(), &t);
    let t0 = Instant::now();
    let mut s = Session::start(plan, t, t0);
    let heard = walk(&mut s, t0, 52, &[(40, Command::Done), (50, Command::Done)]);
    let expected = vec![
        // Get ready, 5 s: its start, then 3-2-1.
        say(0, RestStart, "Get ready, 5 seconds. First: Plank."),
        say(2, Countdown, "Three, two, one."),
        tone(3, Countdown),
        tone(4, Countdown),
        // A 4 s hold.
        say(5, WorkStart, "Plank, level 1. Hold 4 seconds."),
        say(6, Countdown, "Three, two, one."),
        tone(7, Countdown),
        tone(8, Countdown),
        // A rest, naming what comes next.
        say(9, RestStart, "Rest, 4 seconds. Next: Stretch."),
        say(10, Countdown, "Three, two, one."),
        tone(11, Countdown),
        tone(12, Countdown),
        // A 3 s hold per side: its first countdown second is its start, which wins.
        say(
            13,
            WorkStart,
            "Stretch, level 1, left side. Hold 3 seconds.",
        ),
        tone(14, Countdown),
        tone(15, Countdown),
        say(16, SwitchSides, "Switch sides."),
        tone(17, Countdown),
        say(
            18,
            WorkStart,
            "Stretch, level 1, right side. Hold 3 seconds.",
        ),
        tone(19, Countdown),
        tone(20, Countdown),
        say(21, RestStart, "Rest, 4 seconds. Next: Push-up."),
        say(22, Countdown, "Three, two, one."),
        tone(23, Countdown),
        tone(24, Countdown),
        // Paced reps: no countdown; each part of each rep has its tone (the
        // first "Lower" is the work's start).
        say(25, WorkStart, "Push-up, level 1. 2 reps."),
        tone(27, TempoTick),
        tone(28, TempoHigh),
        tone(29, TempoLow),
        tone(31, TempoTick),
        tone(32, TempoHigh),
        say(33, RestStart, "Rest, 4 seconds. Next: Ostrich."),
        say(34, Countdown, "Three, two, one."),
        tone(35, Countdown),
        tone(36, Countdown),
        // Self-paced reps: silent until the user is done (at 40 s).
        say(37, WorkStart, "Ostrich, level 1. 5 reps at your own pace."),
        say(40, RestStart, "Rest, 4 seconds. Next: Plank."),
        say(41, Countdown, "Three, two, one."),
        tone(42, Countdown),
        tone(43, Countdown),
        // An open hold counts up with no countdown; done at 50 s ends the session.
        say(
            44,
            WorkStart,
            "Plank, level 1. Hold as long as you can. Aim for 30 seconds.",
        ),
        say(50, Complete, "Session complete, 50 seconds."),
    ];
    assert_eq!(heard, expected);
}

#[test]
fn a_rest_between_sets_names_the_next_set() {
    let t = timer(0, 0, 30, true);
    let plan = Plan::build(&[step("Plank", Dose::Hold(S(20)), 3, false)], &t);
    assert_eq!(
        phase_phrase(&plan, 0).as_deref(),
        Some("Plank, level 1, set 1 of 3. Hold 20 seconds.")
    );
    assert_eq!(
        phase_phrase(&plan, 1).as_deref(),
        Some("Rest, 30 seconds. Next: Plank, set 2 of 3.")
    );
    assert_eq!(phase_phrase(&plan, 99), None);
}

#[test]
fn waiting_for_the_user_sounds_like_a_stop() {
    let t = timer(2, 0, 0, false);
    let plan = Plan::build(&[step("Plank", Dose::Hold(S(5)), 1, false)], &t);
    let t0 = Instant::now();
    let mut s = Session::start(plan, t, t0);
    let heard = walk(&mut s, t0, 4, &[(4, Command::Done)]);
    assert_eq!(
        heard,
        vec![
            say(0, Cue::RestStart, "Get ready, 2 seconds. First: Plank."),
            tone(1, Cue::Countdown),
            say(2, Cue::RestStart, WAITING_PHRASE),
            say(4, Cue::WorkStart, "Plank, level 1. Hold 5 seconds."),
        ]
    );
}

#[test]
fn a_late_observation_announces_only_the_latest_phase() {
    let t = timer(2, 0, 2, true);
    let steps = [
        step("Plank", Dose::Hold(S(2)), 1, false),
        step("Stretch", Dose::Hold(S(10)), 1, false),
    ];
    let plan = Plan::build(&steps, &t);
    let t0 = Instant::now();
    let mut s = Session::start(plan, t, t0).with_suspend_gap(S(3600));
    s.take_events();
    // Seven seconds pass unobserved: the lead-in, the plank and the rest are over.
    s.tick(t0 + S(7));
    let a = announcement(&s, &s.clone().take_events()).expect("a cue");
    assert_eq!(a.cue, Cue::WorkStart);
    assert_eq!(
        a.phrase.as_deref(),
        Some("Stretch, level 1. Hold 10 seconds.")
    );
}

#[test]
fn the_end_chime_wins_over_everything_else() {
    let t = timer(0, 0, 0, true);
    let plan = Plan::build(&[step("Plank", Dose::Hold(S(2)), 1, false)], &t);
    let t0 = Instant::now();
    let mut s = Session::start(plan, t, t0);
    s.take_events();
    s.tick(t0 + S(1));
    s.tick(t0 + S(2));
    let events = s.take_events();
    assert!(events.iter().any(|e| matches!(e, Event::Countdown { .. })));
    let a = announcement(&s, &events).expect("a cue");
    assert_eq!(a.cue, Cue::Complete);
    assert_eq!(a.phrase.as_deref(), Some("Session complete, 2 seconds."));
    // Nothing at all: no cue.
    assert_eq!(announcement(&s, &[]), None);
    assert!(Cue::Complete.rank() > Cue::WorkStart.rank());
    assert!(Cue::WorkStart.rank() > Cue::NewBest.rank());
    assert!(Cue::NewBest.rank() > Cue::Countdown.rank());
}

#[test]
fn tempo_parts_are_low_tick_or_high() {
    assert_eq!(tempo_cue("Lower", 0), Cue::TempoLow);
    assert_eq!(tempo_cue("Pause", 1), Cue::TempoTick);
    assert_eq!(tempo_cue("Press", 2), Cue::TempoHigh);
    assert_eq!(tempo_cue("Forward", 0), Cue::TempoLow);
    assert_eq!(tempo_cue("Back", 1), Cue::TempoHigh);
    assert_eq!(tempo_cue("hold it", 0), Cue::TempoTick);
    assert_eq!(tempo_cue("Pause.", 3), Cue::TempoTick);
    assert_eq!(tempo_cue("", 1), Cue::TempoHigh);
}

#[test]
fn durations_and_the_end_are_said_in_real_words() {
    assert_eq!(spoken_duration(S(1)), "1 second");
    assert_eq!(spoken_duration(S(20)), "20 seconds");
    assert_eq!(spoken_duration(S(60)), "1 minute");
    assert_eq!(spoken_duration(S(90)), "1 minute 30 seconds");
    assert_eq!(spoken_duration(S(121)), "2 minutes 1 second");
    assert_eq!(complete_phrase(S(659)), "Session complete, 11 minutes.");
    assert_eq!(complete_phrase(S(61)), "Session complete, 1 minute.");
    assert_eq!(complete_phrase(S(1)), "Session complete, 1 second.");
    assert_eq!(
        complete_phrase(Duration::from_millis(59_400)),
        "Session complete, 59 seconds."
    );
    assert_eq!(countdown_phrase(3), Some(COUNTDOWN_PHRASE));
    assert_eq!(countdown_phrase(2), None);
}

#[test]
fn reps_and_open_holds_say_their_dose() {
    let t = timer(0, 0, 0, true);
    let steps = [
        step(
            "Push-up",
            Dose::Reps {
                count: 1,
                tempo: push_up_tempo(),
            },
            1,
            false,
        ),
        step("Plank", Dose::OpenHold { target: None }, 1, false),
    ];
    let plan = Plan::build(&steps, &t);
    assert_eq!(
        phase_phrase(&plan, 0).as_deref(),
        Some("Push-up, level 1. 1 rep.")
    );
    assert_eq!(
        phase_phrase(&plan, 1).as_deref(),
        Some("Plank, level 1. Hold as long as you can.")
    );
}

#[test]
fn every_cue_has_its_own_name_and_only_tempo_cues_skip_the_bell() {
    let mut names: Vec<&str> = Cue::ALL.iter().map(|c| c.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Cue::ALL.len());
    let silent: Vec<Cue> = Cue::ALL
        .iter()
        .copied()
        .filter(|c| !c.rings_bell())
        .collect();
    assert_eq!(silent, [Cue::TempoLow, Cue::TempoTick, Cue::TempoHigh]);
}

/// An open hold with a best of 6 s (target 11 s): the new-best sound and its
/// phrase the second the best is passed, then the same sound as the target is
/// reached, and nothing else while the clock counts up.
#[test]
fn passing_the_best_and_the_target_sound_once_each() {
    let t = timer(0, 0, 0, true);
    let open =
        step("Plank", Dose::OpenHold { target: Some(S(8)) }, 1, false).with_best(Some(S(6)), S(5));
    let plan = Plan::build(&[open], &t);
    let t0 = Instant::now();
    let mut s = Session::start(plan, t, t0);
    let heard = walk(&mut s, t0, 20, &[]);
    assert_eq!(
        heard,
        [
            say(
                0,
                Cue::WorkStart,
                "Plank, level 1. Hold as long as you can. Aim for 11 seconds."
            ),
            say(7, Cue::NewBest, NEW_BEST_PHRASE),
            say(11, Cue::NewBest, TARGET_PHRASE),
        ]
    );
}
