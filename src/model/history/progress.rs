//! Each exercise over time: the levels it was done at, when personal bests were
//! set, and the sets that hurt (the HTML report).

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

/// A personal best set on a day: better than every earlier set of its kind.
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
    /// Each time the best open hold or the most reps in a set went up, oldest
    /// first (the last of each kind is the personal best).
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
        // The best so far of each exercise: (hold seconds, reps).
        let mut best: Vec<(Option<f64>, Option<u32>)> = Vec::new();
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
                        best.push((None, None));
                        out.len() - 1
                    }
                };
                out[i].exercise_name.clone_from(&st.exercise_name);
                if !levels_here.contains(&(i, st.level)) {
                    levels_here.push((i, st.level));
                }
                if let Some(value) = new_record(st, &mut best[i]) {
                    out[i].records.push(Record {
                        date,
                        value,
                        level: st.level,
                    });
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
