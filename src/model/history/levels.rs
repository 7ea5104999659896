//! The levels the user took, and when to suggest the next one.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::History;
use crate::model::event::{LevelReason, Name};

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

    /// Whether to suggest the level after `level` for an exercise: the last three
    /// sessions that had it at that level (since its level was last changed) each had
    /// every set of it met (not skipped, not hurt, achieved at least the plan) up to
    /// its last set.
    pub fn suggest_next_level(&self, exercise: &str, level: u32) -> bool {
        const SESSIONS: usize = 3;
        let cutoff = self
            .levels
            .iter()
            .rev()
            .find(|l| &*l.exercise == exercise)
            .map(|l| l.at);
        let mut judged = 0;
        for s in self.sessions.iter().rev() {
            let mut steps = s
                .steps
                .iter()
                .filter(|st| &*st.exercise == exercise && st.level == level)
                .filter(|st| cutoff.is_none_or(|c| st.at > c))
                .peekable();
            if steps.peek().is_none() {
                continue;
            }
            let mut all_met = true;
            let mut reached_last_set = false;
            for st in steps {
                all_met &= st.met();
                reached_last_set |= st.set >= st.sets;
            }
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
