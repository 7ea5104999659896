//! Personal bests, and what was done of each exercise.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::History;
use crate::model::event::StepEvent;
use crate::model::event::{DoseKind, Name};

/// A personal best's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BestValue {
    /// The longest open hold ("as long as you can"), in seconds.
    Hold { secs: f64 },
    /// The most reps in one set.
    Reps { reps: u32 },
}

/// A personal best of one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Best {
    pub exercise: Name,
    pub exercise_name: Name,
    #[serde(flatten)]
    pub value: BestValue,
    pub level: u32,
    pub at: DateTime<FixedOffset>,
    pub session: Name,
}

/// What was done of one exercise over the sessions in a history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseSummary {
    pub exercise: Name,
    pub exercise_name: Name,
    /// Sessions in which at least one set of it was done.
    pub sessions: usize,
    pub sets_done: usize,
    pub sets_skipped: usize,
    pub sets_hurt: usize,
    /// Levels of its first and last done set, and the range seen.
    pub first_level: u32,
    pub last_level: u32,
    pub min_level: u32,
    pub max_level: u32,
    pub bests: Vec<Best>,
}

impl History {
    /// The longest open hold and the most reps in a set, per exercise and level
    /// (a best on knees is never compared with one on toes), from sets done (not
    /// skipped, not hurt). Sorted by exercise id, level, holds before reps.
    pub fn bests(&self) -> Vec<Best> {
        // (exercise, level, 0 for holds or 1 for reps, the best step and its session).
        let mut best: Vec<(&str, u32, u8, &StepEvent, &Name)> = Vec::new();
        for s in &self.sessions {
            for st in &s.steps {
                let kind = match (st.dose, st.achieved_secs(), st.achieved_reps) {
                    (DoseKind::Open, Some(secs), _) if secs > 0.0 => 0,
                    (DoseKind::Reps, _, Some(reps)) if reps > 0 => 1,
                    _ => continue,
                };
                if !st.done() {
                    continue;
                }
                match best
                    .iter_mut()
                    .find(|(e, l, k, _, _)| *k == kind && *l == st.level && *e == &*st.exercise)
                {
                    None => best.push((&st.exercise, st.level, kind, st, &s.id)),
                    Some(slot) => {
                        let better = if kind == 0 {
                            st.achieved > slot.3.achieved
                        } else {
                            st.achieved_reps > slot.3.achieved_reps
                        };
                        if better {
                            slot.3 = st;
                            slot.4 = &s.id;
                        }
                    }
                }
            }
        }
        best.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        best.into_iter()
            .map(|(_, _, kind, st, session)| Best {
                exercise: st.exercise.clone(),
                exercise_name: st.exercise_name.clone(),
                value: if kind == 0 {
                    BestValue::Hold {
                        secs: st.achieved_secs().unwrap_or(0.0),
                    }
                } else {
                    BestValue::Reps {
                        reps: st.achieved_reps.unwrap_or(0),
                    }
                },
                level: st.level,
                at: st.at,
                session: session.clone(),
            })
            .collect()
    }

    /// The longest open hold of an exercise at a level, and when it was held.
    pub fn best_hold(
        &self,
        exercise: &str,
        level: u32,
    ) -> Option<(Duration, DateTime<FixedOffset>)> {
        self.sessions
            .iter()
            .flat_map(|s| &s.steps)
            .filter(|st| st.dose == DoseKind::Open && st.done())
            .filter(|st| st.level == level && &*st.exercise == exercise)
            .filter_map(|st| Some((st.achieved?, st.at)))
            .filter(|(d, _)| !d.is_zero())
            .max_by_key(|(d, _)| *d)
    }

    /// What was done of each exercise, in order of first appearance.
    pub fn exercise_summaries(&self) -> Vec<ExerciseSummary> {
        let mut order: Vec<ExerciseSummary> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for s in &self.sessions {
            let mut seen_here: BTreeSet<usize> = BTreeSet::new();
            for st in &s.steps {
                let i = *index.entry(&*st.exercise).or_insert_with(|| {
                    order.push(ExerciseSummary {
                        exercise: st.exercise.clone(),
                        exercise_name: st.exercise_name.clone(),
                        sessions: 0,
                        sets_done: 0,
                        sets_skipped: 0,
                        sets_hurt: 0,
                        first_level: 0,
                        last_level: 0,
                        min_level: 0,
                        max_level: 0,
                        bests: Vec::new(),
                    });
                    order.len() - 1
                });
                let e = &mut order[i];
                e.exercise_name.clone_from(&st.exercise_name);
                if st.skipped {
                    e.sets_skipped += 1;
                }
                if st.hurt {
                    e.sets_hurt += 1;
                }
                if !st.done() {
                    continue;
                }
                e.sets_done += 1;
                if seen_here.insert(i) {
                    e.sessions += 1;
                }
                if e.first_level == 0 {
                    e.first_level = st.level;
                    e.min_level = st.level;
                }
                e.last_level = st.level;
                e.min_level = e.min_level.min(st.level);
                e.max_level = e.max_level.max(st.level);
            }
        }
        for b in self.bests() {
            if let Some(&i) = index.get(&*b.exercise) {
                order[i].bests.push(b);
            }
        }
        order
    }
}

/// An open hold that beat the best before it at its level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewBest {
    pub exercise: Name,
    pub exercise_name: Name,
    pub level: u32,
    /// How long it was held, and the best it beat.
    pub held: Duration,
    pub was: Duration,
}

impl History {
    /// The open holds of each session that beat the best before them at their
    /// level, by session id (the first hold at a level sets a best but beats
    /// none). Each session lists its longest hold per exercise and level.
    pub fn new_bests(&self) -> HashMap<Name, Vec<NewBest>> {
        let mut best: HashMap<(&str, u32), Duration> = HashMap::new();
        let mut out: HashMap<Name, Vec<NewBest>> = HashMap::new();
        for s in &self.sessions {
            // This session's longest open hold per exercise and level.
            let mut here: Vec<&StepEvent> = Vec::new();
            for st in s
                .steps
                .iter()
                .filter(|st| st.dose == DoseKind::Open && st.done())
            {
                match here
                    .iter_mut()
                    .find(|h| h.exercise == st.exercise && h.level == st.level)
                {
                    Some(h) if st.achieved > h.achieved => *h = st,
                    Some(_) => {}
                    None => here.push(st),
                }
            }
            for st in here {
                let Some(held) = st.achieved.filter(|d| !d.is_zero()) else {
                    continue;
                };
                let key = (&*st.exercise, st.level);
                match best.get(&key).copied() {
                    Some(was) if held > was => {
                        out.entry(s.id.clone()).or_default().push(NewBest {
                            exercise: st.exercise.clone(),
                            exercise_name: st.exercise_name.clone(),
                            level: st.level,
                            held,
                            was,
                        });
                        best.insert(key, held);
                    }
                    Some(_) => {}
                    None => {
                        best.insert(key, held);
                    }
                }
            }
        }
        out
    }
}
