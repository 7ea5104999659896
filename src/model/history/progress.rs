//! Each exercise over time: the levels it was done at, when personal bests were
//! set at each level, and the sets that hurt (the HTML report).

use std::collections::HashMap;

use chrono::{NaiveDate, TimeZone};
use serde::Serialize;

use super::{BestValue, History, SessionRecord};
use crate::model::event::{DoseKind, Name, StepEvent};

/// A stretch of sessions in a row that did an exercise at one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LevelSpan {
    pub level: u32,
    /// The local days of the first and last of those sessions.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Sessions in the stretch.
    pub sessions: usize,
}

/// A personal best set on a day: better than every earlier set of its kind at
/// its level (a best on knees is never compared with one on toes, as in
/// [`History::bests`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Record {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub value: BestValue,
    pub level: u32,
}

/// One exercise over the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseProgress {
    pub exercise: Name,
    pub exercise_name: Name,
    /// The levels of the sets done, in stretches, oldest first.
    pub levels: Vec<LevelSpan>,
    /// Each day the best open hold or the most reps in a set at a level went
    /// up, oldest first (the last of each kind and level is its personal best).
    pub records: Vec<Record>,
}

/// A set stopped because it hurt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hurt<'a> {
    pub session: &'a SessionRecord,
    pub step: &'a StepEvent,
}

impl History {
    /// Every exercise done, in order of first appearance, with its levels and
    /// records over time (local days in `tz`). Only sets done count.
    pub fn progress<Tz: TimeZone>(&self, tz: &Tz) -> Vec<ExerciseProgress> {
        let mut out: Vec<ExerciseProgress> = Vec::new();
        // The best so far of each exercise (by its place in `out`) and level:
        // (hold seconds, reps).
        let mut best: HashMap<(usize, u32), (Option<f64>, Option<u32>)> = HashMap::new();
        for s in &self.sessions {
            let date = s.local_date(tz);
            let mut levels_here: Vec<(usize, u32)> = Vec::new();
            for st in s.steps.iter().filter(|st| st.done()) {
                let i = match out.iter().position(|e| e.exercise == st.exercise) {
                    Some(i) => i,
                    None => {
                        out.push(ExerciseProgress {
                            exercise: st.exercise.clone(),
                            exercise_name: st.exercise_name.clone(),
                            levels: Vec::new(),
                            records: Vec::new(),
                        });
                        out.len() - 1
                    }
                };
                out[i].exercise_name.clone_from(&st.exercise_name);
                if !levels_here.contains(&(i, st.level)) {
                    levels_here.push((i, st.level));
                }
                if let Some(value) = new_record(st, best.entry((i, st.level)).or_default()) {
                    add_record(
                        &mut out[i].records,
                        Record {
                            date,
                            value,
                            level: st.level,
                        },
                    );
                }
            }
            for (i, level) in levels_here {
                extend_levels(&mut out[i].levels, level, date);
            }
        }
        out
    }

    /// Every set stopped because it hurt, oldest first.
    pub fn hurts(&self) -> Vec<Hurt<'_>> {
        self.sessions
            .iter()
            .flat_map(|session| {
                session
                    .steps
                    .iter()
                    .filter(|st| st.hurt)
                    .map(move |step| Hurt { session, step })
            })
            .collect()
    }
}

/// The set's value if it beats the best so far of its kind (which it becomes).
fn new_record(st: &StepEvent, best: &mut (Option<f64>, Option<u32>)) -> Option<BestValue> {
    match (st.dose, st.achieved_secs(), st.achieved_reps) {
        (DoseKind::Open, Some(secs), _) if secs > 0.0 && best.0.is_none_or(|b| secs > b) => {
            best.0 = Some(secs);
            Some(BestValue::Hold { secs })
        }
        (DoseKind::Reps, _, Some(reps)) if reps > 0 && best.1.is_none_or(|b| reps > b) => {
            best.1 = Some(reps);
            Some(BestValue::Reps { reps })
        }
        _ => None,
    }
}

/// Adds a record; one that beats another of its kind and level set the same
/// day takes its place (a day keeps its best, not each set that went up).
fn add_record(records: &mut Vec<Record>, record: Record) {
    let same = |r: &Record| {
        r.date == record.date
            && r.level == record.level
            && std::mem::discriminant(&r.value) == std::mem::discriminant(&record.value)
    };
    match records.iter_mut().rev().find(|r| same(r)) {
        Some(r) => *r = record,
        None => records.push(record),
    }
}

/// Adds a session at `level` on `date` to the stretches of levels.
fn extend_levels(spans: &mut Vec<LevelSpan>, level: u32, date: NaiveDate) {
    match spans.last_mut() {
        Some(last) if last.level == level => {
            last.to = date;
            last.sessions += 1;
        }
        _ => spans.push(LevelSpan {
            level,
            from: date,
            to: date,
            sessions: 1,
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::Utc;

    use super::*;
    use crate::model::record::SetRecord;

    /// A set of "plank" (open holds of `secs`) or "push-up" (`reps`) at a level.
    fn set(exercise: &str, level: u32, secs: Option<u64>, reps: Option<u32>) -> SetRecord {
        SetRecord {
            index: 0,
            exercise: exercise.into(),
            exercise_name: exercise.into(),
            level,
            set: 1,
            sets: 1,
            side: None,
            dose: if reps.is_some() {
                DoseKind::Reps
            } else {
                DoseKind::Open
            },
            planned: None,
            achieved: secs.map(Duration::from_secs),
            planned_reps: None,
            achieved_reps: reps,
            skipped: false,
            hurt: false,
        }
    }

    /// A session late in the evening of `day`, New York time.
    fn session(day: &str, sets: Vec<SetRecord>) -> SessionRecord {
        super::super::test_support::session(day, &format!("{day}T23:30:00-05:00"), sets)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn records_go_up_per_level_and_levels_run_in_stretches() {
        let mut hurt = set("plank", 2, Some(90), None);
        hurt.hurt = true;
        let history = History {
            sessions: vec![
                session("2026-03-02", vec![set("plank", 1, Some(40), None)]),
                session("2026-03-03", vec![set("plank", 1, Some(35), None)]),
                // Two holds that go up the same day: the day keeps the longer.
                session(
                    "2026-03-04",
                    vec![
                        set("plank", 1, Some(42), None),
                        set("plank", 1, Some(50), None),
                    ],
                ),
                // A new level: its first hold is its first best, even if shorter.
                session("2026-03-05", vec![set("plank", 2, Some(20), None), hurt]),
                session("2026-03-06", vec![set("push-up", 1, None, Some(8))]),
                session("2026-03-07", vec![set("plank", 2, Some(25), None)]),
                session("2026-03-08", vec![set("plank", 1, Some(45), None)]),
            ],
            levels: Vec::new(),
        };
        // Local days in UTC: a session at 23:30 at UTC-5 is the next day there.
        let progress = history.progress(&Utc);
        let names: Vec<&str> = progress.iter().map(|e| &*e.exercise).collect();
        assert_eq!(names, ["plank", "push-up"]);
        let plank = &progress[0];
        let records: Vec<(NaiveDate, u32, BestValue)> = plank
            .records
            .iter()
            .map(|r| (r.date, r.level, r.value))
            .collect();
        let hold = |secs: f64| BestValue::Hold { secs };
        assert_eq!(
            records,
            [
                (d("2026-03-03"), 1, hold(40.0)),
                (d("2026-03-05"), 1, hold(50.0)),
                (d("2026-03-06"), 2, hold(20.0)),
                (d("2026-03-08"), 2, hold(25.0)),
            ],
            "the hold that hurt is no record; 45 s at level 1 beats nothing"
        );
        let spans: Vec<(u32, NaiveDate, NaiveDate, usize)> = plank
            .levels
            .iter()
            .map(|l| (l.level, l.from, l.to, l.sessions))
            .collect();
        assert_eq!(
            spans,
            [
                (1, d("2026-03-03"), d("2026-03-05"), 3),
                (2, d("2026-03-06"), d("2026-03-08"), 2),
                (1, d("2026-03-09"), d("2026-03-09"), 1),
            ]
        );
        assert_eq!(progress[1].records[0].value, BestValue::Reps { reps: 8 });
        let hurts = history.hurts();
        assert_eq!(hurts.len(), 1);
        assert_eq!(&*hurts[0].session.id, "2026-03-05");
        assert_eq!(hurts[0].step.level, 2);
    }
}
