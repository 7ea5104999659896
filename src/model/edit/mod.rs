//! Editing a routine: reorder, add, remove, duplicate and re-dose steps, rename,
//! with unlimited undo and redo. Pure: no terminal, no files. Every change is
//! checked against the exercise it concerns and the library's limits, so a
//! routine that leaves the editor is one the loader accepts.

use std::fmt;

use super::duration::format_short;
use super::exercise::{Dose, Exercise};
use super::limits::Limits;
use super::routine::{Routine, Step, StepDose};

/// Why an edit was refused, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

fn refuse<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// The fields of a dose, to say which one a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DoseField {
    Level,
    Sets,
    Hold,
    Reps,
    Rest,
    PerSide,
    Open,
}

/// Whether a step of `exercise` at `level` (or at any level, when the step names
/// none) can say how long to hold.
pub fn takes_hold(exercise: &Exercise, level: Option<usize>) -> bool {
    doses(exercise, level).any(|d| matches!(d, Dose::Hold(_) | Dose::OpenHold { .. }))
}

/// Whether a step of `exercise` at `level` (or any level) can say how many reps.
pub fn takes_reps(exercise: &Exercise, level: Option<usize>) -> bool {
    doses(exercise, level).any(|d| matches!(d, Dose::Reps { .. }))
}

fn doses(exercise: &Exercise, level: Option<usize>) -> impl Iterator<Item = &Dose> {
    let chosen: Vec<&Dose> = match level {
        Some(n) => exercise.level(n).map(|l| &l.dose).into_iter().collect(),
        None => exercise.levels.iter().map(|l| &l.dose).collect(),
    };
    chosen.into_iter()
}

/// Every problem with a dose for `exercise`, one per field, in field order.
/// Empty when the dose can be used.
pub fn check_dose(
    dose: &StepDose,
    exercise: &Exercise,
    limits: &Limits,
) -> Vec<(DoseField, String)> {
    let mut problems = Vec::new();
    let levels = exercise.levels.len();
    if let Some(level) = dose.level
        && (level == 0 || level > levels || level > limits.max_level)
    {
        problems.push((
            DoseField::Level,
            format!(
                "level {level} does not exist: {} has levels 1 to {levels}",
                exercise.name
            ),
        ));
    }
    if let Some(sets) = dose.sets
        && !(1..=limits.max_sets).contains(&sets)
    {
        problems.push((
            DoseField::Sets,
            format!("sets must be from 1 to {}", limits.max_sets),
        ));
    }
    // A level that does not exist was reported above; judge the rest by any level.
    let level = dose.level.filter(|l| exercise.level(*l).is_some());
    if let Some(hold) = dose.hold {
        if !takes_hold(exercise, level) {
            problems.push((
                DoseField::Hold,
                format!("{} is counted in reps, not held", exercise.name),
            ));
        } else if hold < limits.hold_min || hold > limits.hold_max {
            problems.push((
                DoseField::Hold,
                format!(
                    "hold must be from {} to {}",
                    format_short(limits.hold_min),
                    format_short(limits.hold_max)
                ),
            ));
        }
    }
    if let Some(reps) = dose.reps {
        if !takes_reps(exercise, level) {
            problems.push((
                DoseField::Reps,
                format!("{} is held for a time, not counted in reps", exercise.name),
            ));
        } else if !(1..=limits.max_reps).contains(&reps) {
            problems.push((
                DoseField::Reps,
                format!("reps must be from 1 to {}", limits.max_reps),
            ));
        }
    }
    if dose.open == Some(true) && takes_reps(exercise, level) {
        problems.push((
            DoseField::Open,
            format!(
                "{} is counted in reps: only a hold can be held as long as you can",
                exercise.name
            ),
        ));
    }
    if let Some(rest) = dose.rest
        && (rest < limits.rest_min || rest > limits.rest_max)
    {
        problems.push((
            DoseField::Rest,
            format!(
                "rest must be from {} to {}",
                format_short(limits.rest_min),
                format_short(limits.rest_max)
            ),
        ));
    }
    problems
}

/// Checks a routine name; returns it trimmed.
pub fn check_name(name: &str, limits: &Limits) -> Result<String, EditError> {
    let name = name.trim();
    if name.is_empty() {
        return refuse("the name is empty");
    }
    if name.chars().any(char::is_control) {
        return refuse("the name has a control character in it");
    }
    let n = name.chars().count();
    if n > limits.max_name {
        return refuse(format!(
            "the name is too long ({n} characters, at most {})",
            limits.max_name
        ));
    }
    Ok(name.to_string())
}

/// An id made from a name ("Neck break!" → "neck-break"), not one of the taken ids:
/// "-2", "-3"... is added until it is free. Always a valid id.
pub fn id_from_name(name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            base.push(c);
        } else if let Some(plain) = fold_latin(c) {
            base.push_str(plain);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base = base.trim_end_matches('-').to_string();
    base.truncate(56);
    let base = base.trim_end_matches('-');
    let base = if base.is_empty() { "routine" } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// The plain letters for common accented Latin ones ("é" → "e"), for ids.
fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäå", "a"),
        ("ç", "c"),
        ("èéêë", "e"),
        ("ìíîï", "i"),
        ("ñ", "n"),
        ("òóôõöø", "o"),
        ("ùúûü", "u"),
        ("ýÿ", "y"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

/// The state of the editor before a change: what undo goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    routine: Routine,
    selected: usize,
}

/// A routine being edited, with its history of changes.
#[derive(Debug, Clone)]
pub struct Editor {
    routine: Routine,
    /// The version last saved (or loaded); `None` for a routine never saved.
    saved: Option<Routine>,
    selected: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    limits: Limits,
}

impl Editor {
    /// Edits a routine that exists (built-in or saved).
    pub fn open(routine: Routine, limits: Limits) -> Editor {
        Editor {
            saved: Some(routine.clone()),
            routine,
            selected: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            limits,
        }
    }

    /// Starts a new routine with no steps yet; it is unsaved until saved.
    pub fn new_routine(id: &str, name: &str, limits: Limits) -> Result<Editor, EditError> {
        let name = check_name(name, &limits)?;
        Ok(Editor {
            routine: Routine {
                id: id.to_string(),
                name,
                description: String::new(),
                steps: Vec::new(),
            },
            saved: None,
            selected: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            limits,
        })
    }

    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The selected step (0 when there is none).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The selected step, if the routine has any.
    pub fn selected_step(&self) -> Option<&Step> {
        self.routine.steps.get(self.selected)
    }

    /// Moves the selection (not an edit: nothing to undo).
    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.routine.steps.len().saturating_sub(1));
    }

    /// Whether the routine differs from the version saved (always, if never saved).
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.routine)
    }

    /// Whether the routine was never saved.
    pub fn is_new(&self) -> bool {
        self.saved.is_none()
    }

    /// The version last saved, if any.
    pub fn saved(&self) -> Option<&Routine> {
        self.saved.as_ref()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Records that `routine` is now what the file holds.
    pub fn mark_saved(&mut self, routine: &Routine) {
        self.saved = Some(routine.clone());
    }

    /// Makes a change: remembers the state before it for undo and forgets redo.
    fn change(&mut self, f: impl FnOnce(&mut Routine) -> usize) {
        let before = Snapshot {
            routine: self.routine.clone(),
            selected: self.selected,
        };
        self.selected = f(&mut self.routine);
        self.undo.push(before);
        self.redo.clear();
    }

    fn step_index(&self, index: usize) -> Result<(), EditError> {
        if self.routine.steps.is_empty() {
            return refuse("the routine has no steps yet");
        }
        if index >= self.routine.steps.len() {
            return refuse(format!("there is no step {}", index + 1));
        }
        Ok(())
    }

    fn room_for_one_more(&self) -> Result<(), EditError> {
        if self.routine.steps.len() >= self.limits.max_steps {
            return refuse(format!(
                "a routine has at most {} steps",
                self.limits.max_steps
            ));
        }
        Ok(())
    }

    /// Moves step `index` one place up (earlier).
    pub fn move_up(&mut self, index: usize) -> Result<(), EditError> {
        self.step_index(index)?;
        if index == 0 {
            return refuse("the step is already first");
        }
        self.change(|r| {
            r.steps.swap(index - 1, index);
            index - 1
        });
        Ok(())
    }

    /// Moves step `index` one place down (later).
    pub fn move_down(&mut self, index: usize) -> Result<(), EditError> {
        self.step_index(index)?;
        if index + 1 >= self.routine.steps.len() {
            return refuse("the step is already last");
        }
        self.change(|r| {
            r.steps.swap(index, index + 1);
            index + 1
        });
        Ok(())
    }

    /// Inserts a step of `exercise` (at its own dose) before position `at`
    /// (`at` = the number of steps appends).
    pub fn add(&mut self, at: usize, exercise: &Exercise) -> Result<(), EditError> {
        if at > self.routine.steps.len() {
            return refuse(format!("there is no position {}", at + 1));
        }
        if exercise.levels.is_empty() {
            return refuse(format!("{} has no levels", exercise.name));
        }
        self.room_for_one_more()?;
        self.change(|r| {
            r.steps.insert(at, Step::for_exercise(&exercise.id));
            at
        });
        Ok(())
    }

    /// Removes step `index`, returning it.
    pub fn delete(&mut self, index: usize) -> Result<Step, EditError> {
        self.step_index(index)?;
        let removed = self.routine.steps[index].clone();
        self.change(|r| {
            r.steps.remove(index);
            index.min(r.steps.len().saturating_sub(1))
        });
        Ok(removed)
    }

    /// Puts a copy of step `index` right after it.
    pub fn duplicate(&mut self, index: usize) -> Result<(), EditError> {
        self.step_index(index)?;
        self.room_for_one_more()?;
        self.change(|r| {
            let copy = r.steps[index].clone();
            r.steps.insert(index + 1, copy);
            index + 1
        });
        Ok(())
    }

    /// Re-doses step `index`, which must be a step of `exercise`. The first
    /// problem found is the error; nothing changes then.
    pub fn set_dose(
        &mut self,
        index: usize,
        dose: StepDose,
        exercise: &Exercise,
    ) -> Result<(), EditError> {
        self.step_index(index)?;
        let step = &self.routine.steps[index];
        if step.exercise != exercise.id {
            return refuse(format!(
                "step {} is {}, not {}",
                index + 1,
                step.exercise,
                exercise.id
            ));
        }
        if let Some((_, why)) = check_dose(&dose, exercise, &self.limits).into_iter().next() {
            return Err(EditError(why));
        }
        if step.dose == dose {
            return Ok(());
        }
        self.change(|r| {
            r.steps[index].dose = dose;
            index
        });
        Ok(())
    }

    /// Gives the routine a new name (its id stays).
    pub fn rename(&mut self, name: &str) -> Result<(), EditError> {
        let name = check_name(name, &self.limits)?;
        if name == self.routine.name {
            return Ok(());
        }
        let selected = self.selected;
        self.change(|r| {
            r.name = name;
            selected
        });
        Ok(())
    }

    /// Replaces the whole routine (e.g. by its built-in version), as one change.
    /// The id must stay the same.
    pub fn replace(&mut self, routine: Routine) -> Result<(), EditError> {
        if routine.id != self.routine.id {
            return refuse(format!(
                "cannot replace \"{}\" with \"{}\"",
                self.routine.id, routine.id
            ));
        }
        if routine == self.routine {
            return Ok(());
        }
        self.change(|r| {
            *r = routine;
            0
        });
        Ok(())
    }

    /// Goes back one change. False when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop() else {
            return false;
        };
        self.redo.push(Snapshot {
            routine: std::mem::replace(&mut self.routine, before.routine),
            selected: self.selected,
        });
        self.selected = before.selected;
        true
    }

    /// Goes forward one undone change. False when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else {
            return false;
        };
        self.undo.push(Snapshot {
            routine: std::mem::replace(&mut self.routine, after.routine),
            selected: self.selected,
        });
        self.selected = after.selected;
        true
    }

    /// Whether the routine can be saved as it stands.
    pub fn check_saveable(&self) -> Result<(), EditError> {
        check_name(&self.routine.name, &self.limits)?;
        if self.routine.steps.is_empty() {
            return refuse("add at least one step before saving (a to add)");
        }
        if self.routine.steps.len() > self.limits.max_steps {
            return refuse(format!(
                "a routine has at most {} steps",
                self.limits.max_steps
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
