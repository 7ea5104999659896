//! The levels the user took, and when to suggest the next one.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::History;
use crate::model::event::{DoseKind, StepEvent};
use crate::model::event::{LevelReason, Name};
use crate::model::exercise::{Dose, Level};
use crate::model::record::HOLD_TOLERANCE;

/// A level the user accepted for an exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelChange {
    pub exercise: Name,
    pub level: u32,
    pub reason: LevelReason,
    pub at: DateTime<FixedOffset>,
    pub session: Name,
}

impl History {
    /// Every level choice, in log order.
    pub fn level_changes(&self) -> &[LevelChange] {
        &self.levels
    }

    /// The current level of an exercise: the last level event's, if any.
    pub fn current_level(&self, exercise: &str) -> Option<u32> {
        self.levels
            .iter()
            .rev()
            .find(|l| &*l.exercise == exercise)
            .map(|l| l.level)
    }

    /// The current level of every exercise with a level event, by exercise id.
    pub fn current_levels(&self) -> Vec<LevelChange> {
        let mut latest: BTreeMap<&str, &LevelChange> = BTreeMap::new();
        for l in &self.levels {
            latest.insert(&l.exercise, l);
        }
        latest.into_values().cloned().collect()
    }

    /// Whether to suggest the level after `level` (numbered from 1, with its own
    /// dose `own`) for an exercise, from the sessions since its level last changed.
    ///
    /// Where it is held as long as you can (open holds): when the longest hold
    /// reached the level's target in two of the last three sessions with an open
    /// hold of it, none of them ended with it hurting.
    ///
    /// Otherwise: the last three sessions that had it at that level, at that
    /// level's own full dose, each had every set of it met (not skipped, achieved
    /// at least the plan) up to its last set. A session that shortened the dose (a
    /// routine's override) is no evidence either way; one where it hurt never
    /// counts toward a harder level.
    pub fn suggest_next_level(&self, exercise: &str, level: u32, own: &Level) -> bool {
        let sessions = self.sets_at(exercise, level);
        let open = sessions
            .iter()
            .any(|steps| steps.iter().any(|st| st.dose == DoseKind::Open));
        if open {
            open_holds_met(&sessions, own)
        } else {
            every_set_met(&sessions, own)
        }
    }

    /// The sets of an exercise at a level in each session, newest session first,
    /// counting only sets after the exercise's last level change.
    fn sets_at(&self, exercise: &str, level: u32) -> Vec<Vec<&StepEvent>> {
        let cutoff = self
            .levels
            .iter()
            .rev()
            .find(|l| &*l.exercise == exercise)
            .map(|l| l.at);
        self.sessions
            .iter()
            .rev()
            .map(|s| {
                s.steps
                    .iter()
                    .filter(|st| &*st.exercise == exercise && st.level == level)
                    .filter(|st| cutoff.is_none_or(|c| st.at > c))
                    .collect::<Vec<_>>()
            })
            .filter(|steps| !steps.is_empty())
            .collect()
    }
}

/// Two of the last three sessions with an open hold reached the level's target,
/// and none of those three hurt.
fn open_holds_met(sessions: &[Vec<&StepEvent>], own: &Level) -> bool {
    let target = own.open_target();
    let last_three: Vec<&Vec<&StepEvent>> = sessions
        .iter()
        .filter(|steps| steps.iter().any(|st| st.dose == DoseKind::Open))
        .take(3)
        .collect();
    if last_three
        .iter()
        .any(|steps| steps.iter().any(|st| st.hurt))
    {
        return false;
    }
    let reached = last_three
        .iter()
        .filter(|steps| {
            let longest = steps
                .iter()
                .filter(|st| st.dose == DoseKind::Open && st.done())
                .filter_map(|st| st.achieved)
                .max();
            match (longest, target) {
                (Some(held), Some(t)) => held + HOLD_TOLERANCE >= t,
                (Some(_), None) => true,
                (None, _) => false,
            }
        })
        .count();
    reached >= 2
}

/// The last three sessions at the level's own dose each met every set of it.
fn every_set_met(sessions: &[Vec<&StepEvent>], own: &Level) -> bool {
    const SESSIONS: usize = 3;
    let mut judged = 0;
    for steps in sessions {
        if steps.iter().any(|st| st.hurt) {
            return false;
        }
        if !steps.iter().all(|st| at_full_dose(st, own)) {
            continue;
        }
        let all_met = steps.iter().all(|st| st.met());
        let reached_last_set = steps.iter().any(|st| st.set >= st.sets);
        if !(all_met && reached_last_set) {
            return false;
        }
        judged += 1;
        if judged == SESSIONS {
            return true;
        }
    }
    false
}

/// Whether a set was planned at a level's own dose: a hold (or an open hold's
/// target) or reps at least the level's. (How many sets a routine asks for is the
/// routine's choice; each set is judged by itself.)
fn at_full_dose(st: &StepEvent, own: &Level) -> bool {
    match &own.dose {
        Dose::Hold(d) | Dose::OpenHold { target: Some(d) } => {
            st.planned.is_some_and(|p| p + HOLD_TOLERANCE >= *d)
        }
        Dose::OpenHold { target: None } => true,
        Dose::Reps { count, .. } => st.planned_reps.is_some_and(|p| p >= *count),
    }
}
