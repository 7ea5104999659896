//! Routines: an ordered list of steps, each naming an exercise and maybe re-dosing it.

use std::time::Duration;

use super::exercise::{Dose, Exercise, Level};

/// One step of a routine: an exercise, and how the routine doses it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Step {
    pub exercise: String,
    pub dose: StepDose,
}

/// What a step says besides its exercise. Every field overrides the level's own
/// value; `None` keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepDose {
    /// 1-based level number; `None` means the user's current level (else level 1).
    pub level: Option<usize>,
    pub sets: Option<u32>,
    /// For holds: the hold time; for open holds: the target.
    pub hold: Option<Duration>,
    pub reps: Option<u32>,
    /// Rest after each set and after the step.
    pub rest: Option<Duration>,
    pub per_side: Option<bool>,
    /// Held "as long as you can" (for an exercise dosed by time): the clock counts
    /// up, and the hold (the step's or the level's) is the first target.
    pub open: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    pub id: String,
    pub name: String,
    pub description: String,
    pub steps: Vec<Step>,
}

/// A step with every override applied: what the user will actually do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedStep {
    pub exercise_id: String,
    pub exercise_name: String,
    pub level: usize,
    pub level_name: String,
    pub dose: Dose,
    pub sets: u32,
    pub per_side: bool,
    /// Rest between sets and after the step; `None` means the configured default.
    pub rest: Option<Duration>,
    /// For an open hold: the user's longest at this level, if any (the app fills it
    /// in from the history, see [`ResolvedStep::with_best`]).
    pub best: Option<Duration>,
}

impl ResolvedStep {
    /// This step with the user's best open hold at its level: the target becomes
    /// the best and `beat_by` more, so there is always something to beat (without
    /// a best, the step's own target stays the first one).
    pub fn with_best(mut self, best: Option<Duration>, beat_by: Duration) -> ResolvedStep {
        if let Dose::OpenHold { target } = &mut self.dose {
            self.best = best;
            if let Some(b) = best {
                *target = Some(b + beat_by);
            }
        }
        self
    }
}

impl Step {
    pub fn for_exercise(id: &str) -> Step {
        Step {
            exercise: id.to_string(),
            ..Step::default()
        }
    }

    /// Applies this step's overrides to the exercise. `default_level` is used when the
    /// step names none (the user's current level). Fails when the level does not exist.
    pub fn resolve(&self, exercise: &Exercise, default_level: usize) -> Option<ResolvedStep> {
        let number = self.dose.level.unwrap_or(default_level).max(1);
        let level: &Level = exercise.level(number).or_else(|| {
            // A remembered level the exercise no longer has falls back to its last one.
            if self.dose.level.is_none() {
                exercise.levels.last()
            } else {
                None
            }
        })?;
        let number = exercise
            .levels
            .iter()
            .position(|l| std::ptr::eq(l, level))
            .map_or(number, |i| i + 1);
        let dose = match &level.dose {
            // An open step of a timed exercise: its hold, else the level's goal for
            // open holds, is its first target.
            Dose::Hold(d) if self.dose.open == Some(true) => Dose::OpenHold {
                target: Some(self.dose.hold.or(level.target).unwrap_or(*d)),
            },
            Dose::Hold(d) => Dose::Hold(self.dose.hold.unwrap_or(*d)),
            Dose::Reps { count, tempo } => Dose::Reps {
                count: self.dose.reps.unwrap_or(*count),
                tempo: tempo.clone(),
            },
            Dose::OpenHold { target } => Dose::OpenHold {
                target: self.dose.hold.or(*target),
            },
        };
        Some(ResolvedStep {
            exercise_id: exercise.id.clone(),
            exercise_name: exercise.name.clone(),
            level: number,
            level_name: level.name.clone(),
            dose,
            sets: self.dose.sets.unwrap_or(level.sets).max(1),
            per_side: self.dose.per_side.unwrap_or(level.per_side),
            rest: self.dose.rest.or(level.rest),
            best: None,
        })
    }
}
