//! Synthetic session logs, for benchmarks, tests and trying `upright log` and
//! `upright stats` on a long history (`cargo run --example gen_log`).
//!
//! A log covers `days` days from Monday 2015-01-05 with `sessions_per_day` sessions
//! a day: a realistic mix of the three built-in routines, pain scores, skipped and
//! hurt sets, partial, abandoned and interrupted sessions, open-hold bests and level
//! changes. The same seed gives the same log (a seeded [`fastrand::Rng`]).

use std::io::{self, Write};
use std::time::Duration;

use chrono::{DateTime, Duration as TimeDelta, FixedOffset, NaiveDate, TimeZone};

use crate::model::event::{
    AfterEvent, DoseKind, EndEvent, EndStatus, Event, LevelEvent, LevelReason, Name,
    SCHEMA_VERSION, Side, StartEvent, StepEvent, session_id,
};
use crate::model::record::SetRecord;

/// The host id in the synthetic sessions' ids.
pub const HOST: &str = "synthetic";

/// Synthetic events, in log order.
pub fn events(days: u32, sessions_per_day: u32, seed: u64) -> Vec<Event> {
    let mut synth = Synth {
        rng: fastrand::Rng::with_seed(seed),
        events: Vec::new(),
        levels: [("plank", 1, 4), ("push-up", 1, 3)],
        counter: 0,
    };
    let Some(first_day) = NaiveDate::from_ymd_opt(2015, 1, 5) else {
        return synth.events;
    };
    for day in 0..days {
        let Some(date) = first_day.checked_add_days(chrono::Days::new(u64::from(day))) else {
            break;
        };
        for slot in 0..sessions_per_day {
            synth.session(date, slot);
        }
    }
    synth.events
}

/// [`events`] as log lines (without newlines).
pub fn lines(days: u32, sessions_per_day: u32, seed: u64) -> Vec<String> {
    events(days, sessions_per_day, seed)
        .iter()
        .map(Event::to_line)
        .collect()
}

/// Writes a synthetic log to `out`, one line per event. Returns the number of lines.
pub fn write(
    out: &mut dyn Write,
    days: u32,
    sessions_per_day: u32,
    seed: u64,
) -> io::Result<usize> {
    let events = events(days, sessions_per_day, seed);
    for e in &events {
        out.write_all(e.to_line().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(events.len())
}

struct SynthStep {
    exercise: &'static str,
    name: &'static str,
    sets: u32,
    per_side: bool,
}

const fn step(exercise: &'static str, name: &'static str, sets: u32, per_side: bool) -> SynthStep {
    SynthStep {
        exercise,
        name,
        sets,
        per_side,
    }
}

const PLANK: &str = "Plank";
const PUSH_UP: &str = "Push-up";
const OSTRICH: &str = "Ostrich (neck glide)";
const STRETCH: &str = "Stretch between the shoulder blades";
const CHILDS_POSE: &str = "Child's pose";

/// The routines sessions follow: id, name, steps.
const ROUTINES: [(&str, &str, &[SynthStep]); 3] = [
    (
        "full",
        "Full upper-back routine",
        &[
            step("plank", PLANK, 3, false),
            step("push-up", PUSH_UP, 2, false),
            step("ostrich", OSTRICH, 2, false),
            step("shoulder-blade-stretch", STRETCH, 2, true),
            step("childs-pose", CHILDS_POSE, 1, false),
        ],
    ),
    (
        "desk-break",
        "Desk break",
        &[
            step("ostrich", OSTRICH, 2, false),
            step("shoulder-blade-stretch", STRETCH, 1, true),
        ],
    ),
    (
        "core-shoulders",
        "Core and shoulders",
        &[
            step("plank", PLANK, 2, false),
            step("push-up", PUSH_UP, 2, false),
            step("shoulder-blade-stretch", STRETCH, 1, true),
            step("childs-pose", CHILDS_POSE, 1, false),
        ],
    ),
];

/// The dose of an exercise at a level: kind, planned seconds, planned reps.
fn dose(exercise: &str, level: u32) -> (DoseKind, Option<f64>, Option<u32>) {
    match (exercise, level) {
        ("plank", 1) => (DoseKind::Hold, Some(20.0), None),
        ("plank", 2) => (DoseKind::Open, Some(45.0), None),
        ("plank", _) => (DoseKind::Hold, Some(30.0), None),
        ("push-up", 1) => (DoseKind::Reps, None, Some(10)),
        ("push-up", _) => (DoseKind::Reps, None, Some(8)),
        ("ostrich", _) => (DoseKind::Reps, None, Some(10)),
        ("childs-pose", _) => (DoseKind::Hold, Some(60.0), None),
        _ => (DoseKind::Hold, Some(30.0), None),
    }
}

/// A Central-European-like offset without a time zone database: summer time from
/// April to October.
fn offset(date: NaiveDate) -> FixedOffset {
    use chrono::Datelike;
    let hours = if (4..=10).contains(&date.month()) {
        2
    } else {
        1
    };
    FixedOffset::east_opt(hours * 3600).unwrap_or(chrono::Offset::fix(&chrono::Utc))
}

/// The generator's state while it writes a log.
struct Synth {
    rng: fastrand::Rng,
    events: Vec<Event>,
    /// Each progressing exercise: id, current level, highest level.
    levels: [(&'static str, u32, u32); 2],
    /// Sessions so far, the nonce of their ids.
    counter: u32,
}

/// Where a session is while its steps are written.
struct Progress {
    session: Name,
    at: DateTime<FixedOffset>,
    active: f64,
    index: u32,
    /// Work phases to log before the session stops.
    stop_after: u32,
}

impl Synth {
    /// True with the given chance in percent.
    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(0..100) < percent
    }

    /// The `slot`th session of `date`: its start, steps, end and level change.
    fn session(&mut self, date: NaiveDate, slot: u32) {
        self.counter = self.counter.wrapping_add(1);
        let minutes = 7 * 60 + i64::from(slot) * 150 + self.rng.i64(0..45);
        let Some(midnight) = date.and_hms_opt(0, 0, 0) else {
            return;
        };
        let naive = midnight + TimeDelta::minutes(minutes % (24 * 60));
        let Some(start) = offset(date).from_local_datetime(&naive).single() else {
            return;
        };
        let session: Name = session_id(start, HOST, self.counter).into();
        // Half full routines, three in ten desk breaks, two in ten strength.
        let (routine, routine_name, steps) = match self.rng.u8(0..10) {
            0..=4 => &ROUTINES[0],
            5..=7 => &ROUTINES[1],
            _ => &ROUTINES[2],
        };
        let planned: u32 = steps
            .iter()
            .map(|s| s.sets * if s.per_side { 2 } else { 1 })
            .sum();
        let pain_before = self.chance(80).then(|| self.rng.u8(0..8));
        self.events.push(Event::Start(StartEvent {
            v: SCHEMA_VERSION,
            session: session.clone(),
            at: start,
            routine: (*routine).into(),
            routine_name: (*routine_name).into(),
            pain_before,
            planned_steps: Some(planned),
        }));
        let fate = self.rng.u8(0..100);
        let mut progress = Progress {
            session,
            at: start + TimeDelta::seconds(10),
            active: 0.0,
            index: 0,
            stop_after: match fate {
                0..=84 => planned,
                _ => self.rng.u32(0..planned.max(1)),
            },
        };
        for step in *steps {
            self.step(step, &mut progress);
        }
        let status = match fate {
            0..=84 => Some(EndStatus::Completed),
            85..=92 => Some(EndStatus::Partial),
            93..=95 => Some(EndStatus::Abandoned),
            _ => None, // interrupted: no end event
        };
        if let Some(status) = status {
            self.end(&progress, status, pain_before);
        }
        if status == Some(EndStatus::Completed) && self.chance(4) {
            self.level_change(&progress);
        }
    }

    /// The work phases (sets and sides) of one step, until the session stops.
    fn step(&mut self, step: &SynthStep, p: &mut Progress) {
        let level = self
            .levels
            .iter()
            .find(|(e, _, _)| *e == step.exercise)
            .map_or(1, |(_, l, _)| *l);
        let (dose, planned_secs, planned_reps) = dose(step.exercise, level);
        let sides: &[Option<Side>] = if step.per_side {
            &[Some(Side::Left), Some(Side::Right)]
        } else {
            &[None]
        };
        for set in 1..=step.sets {
            for side in sides {
                if p.index >= p.stop_after {
                    return;
                }
                let skipped = self.chance(3);
                let hurt = !skipped && self.chance(1);
                let achieved_secs = planned_secs.map(|secs| match dose {
                    DoseKind::Open => secs - 15.0 + f64::from(self.rng.u8(0..40)) + 0.5,
                    _ if skipped => 0.0,
                    _ => secs,
                });
                let achieved_reps = planned_reps.map(|r| {
                    if skipped {
                        0
                    } else {
                        r + 2 - self.rng.u32(0..4).min(r + 2)
                    }
                });
                let took = achieved_secs.unwrap_or(30.0);
                p.at += TimeDelta::milliseconds((took * 1000.0) as i64);
                p.active += took;
                let secs = |s: f64| Duration::from_millis((s * 1000.0).round() as u64);
                self.events.push(Event::Step(StepEvent {
                    v: SCHEMA_VERSION,
                    session: p.session.clone(),
                    at: p.at,
                    record: SetRecord {
                        index: p.index,
                        exercise: step.exercise.into(),
                        exercise_name: step.name.into(),
                        level,
                        set,
                        sets: step.sets,
                        side: *side,
                        dose,
                        planned: planned_secs.map(secs),
                        achieved: achieved_secs.map(secs),
                        planned_reps,
                        achieved_reps,
                        skipped,
                        hurt,
                    },
                }));
                p.index += 1;
            }
        }
    }

    /// The session's end, then (as the app writes them) the answers after it.
    fn end(&mut self, p: &Progress, status: EndStatus, pain_before: Option<u8>) {
        let pain_after = pain_before.map(|pain| pain.saturating_sub(self.rng.u8(0..3)));
        let note = self
            .chance(5)
            .then(|| "felt stiff in the morning".to_string());
        self.events.push(Event::End(EndEvent {
            v: SCHEMA_VERSION,
            session: p.session.clone(),
            at: p.at,
            status,
            pain_after: None,
            note: None,
            active_secs: p.active,
        }));
        if pain_after.is_some() || note.is_some() {
            self.events.push(Event::After(AfterEvent {
                v: SCHEMA_VERSION,
                session: p.session.clone(),
                at: p.at + TimeDelta::seconds(20),
                pain_after,
                note,
            }));
        }
    }

    /// One of the progressing exercises moves up a level (mostly) or down one.
    fn level_change(&mut self, p: &Progress) {
        let which = self.rng.usize(0..self.levels.len());
        let go_up = self.chance(80);
        let (exercise, level, max) = &mut self.levels[which];
        let (new, reason) = if *level < *max && go_up {
            (*level + 1, LevelReason::Progress)
        } else if *level > 1 {
            (*level - 1, LevelReason::Easier)
        } else {
            (*level, LevelReason::Manual)
        };
        *level = new;
        self.events.push(Event::Level(LevelEvent {
            v: SCHEMA_VERSION,
            session: p.session.clone(),
            at: p.at + TimeDelta::seconds(1),
            exercise: (*exercise).into(),
            level: new,
            reason,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn synthetic_logs_are_deterministic_and_valid() {
        let a = lines(30, 2, 7);
        let b = lines(30, 2, 7);
        assert_eq!(a, b);
        assert_ne!(a, lines(30, 2, 8));
        let text = a.join("\n");
        let (events, bad, _) = parse(text.as_bytes()).expect("parse");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(events.len(), a.len());
        let starts = events
            .iter()
            .filter(|e| matches!(e, Event::Start(_)))
            .count();
        assert_eq!(starts, 60);
    }
}
