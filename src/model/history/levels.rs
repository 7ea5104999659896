//! The levels the user took, and when to suggest the next one.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::History;
use crate::model::event::StepEvent;
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
    /// dose `own`) for an exercise: the last three sessions that had it at that
    /// level, at that level's own full dose (since its level was last changed),
    /// each had every set of it met (not skipped, achieved at least the plan) up
    /// to its last set. A session that shortened the dose (a routine's override)
    /// is no evidence either way; one where it hurt never counts toward a harder
    /// level.
    pub fn suggest_next_level(&self, exercise: &str, level: u32, own: &Level) -> bool {
        const SESSIONS: usize = 3;
        let cutoff = self
            .levels
            .iter()
            .rev()
            .find(|l| &*l.exercise == exercise)
            .map(|l| l.at);
        let mut judged = 0;
        for s in self.sessions.iter().rev() {
            let steps: Vec<&StepEvent> = s
                .steps
                .iter()
                .filter(|st| &*st.exercise == exercise && st.level == level)
                .filter(|st| cutoff.is_none_or(|c| st.at > c))
                .collect();
            if steps.is_empty() {
                continue;
            }
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
