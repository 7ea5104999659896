//! The validated library: every exercise and routine the app knows, looked up by id.

use std::time::Duration;

use super::exercise::Exercise;
use super::routine::{ResolvedStep, Routine};
use super::settings::TimerSettings;
use super::suggest;

/// Where an entry came from, so the user can see what they customised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// The user's file replaces a built-in of the same id.
    Customised,
    /// Only in the user's file.
    User,
}

/// A routine id that is not in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no routine \"{id}\"")]
pub struct UnknownRoutine {
    /// The id asked for.
    pub id: String,
    /// Every routine id, in catalog order.
    pub known: Vec<String>,
    /// The known id closest to `id`, if it looks like a typo of it.
    pub nearest: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    exercises: Vec<(Exercise, Origin)>,
    routines: Vec<(Routine, Origin)>,
    /// The built-in version of every built-in routine, customised or not, for
    /// "reset to built-in".
    builtin_routines: Vec<Routine>,
}

impl Catalog {
    /// Builds a catalog. Callers (the loader) have already validated the entries:
    /// unique ids, every step naming an existing exercise and level.
    pub fn new(exercises: Vec<(Exercise, Origin)>, routines: Vec<(Routine, Origin)>) -> Catalog {
        Catalog {
            exercises,
            routines,
            builtin_routines: Vec::new(),
        }
    }

    /// The same catalog, knowing the built-in versions of its routines.
    pub fn with_builtin_routines(mut self, builtins: Vec<Routine>) -> Catalog {
        self.builtin_routines = builtins;
        self
    }

    /// The built-in version of a routine, if it is (or replaces) a built-in.
    pub fn builtin_routine(&self, id: &str) -> Option<&Routine> {
        self.builtin_routines.iter().find(|r| r.id == id)
    }

    pub fn exercises(&self) -> impl ExactSizeIterator<Item = &Exercise> {
        self.exercises.iter().map(|(e, _)| e)
    }

    pub fn routines(&self) -> impl ExactSizeIterator<Item = &Routine> {
        self.routines.iter().map(|(r, _)| r)
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().map(|(e, _)| e).find(|e| e.id == id)
    }

    pub fn routine(&self, id: &str) -> Option<&Routine> {
        self.routines.iter().map(|(r, _)| r).find(|r| r.id == id)
    }

    /// The routine with this id, or what is known instead (for a helpful error).
    pub fn find_routine(&self, id: &str) -> Result<&Routine, UnknownRoutine> {
        if let Some(r) = self.routine(id) {
            return Ok(r);
        }
        let known: Vec<String> = self.routines().map(|r| r.id.clone()).collect();
        let nearest = suggest::nearest(id, known.iter().map(String::as_str)).map(str::to_string);
        Err(UnknownRoutine {
            id: id.to_string(),
            known,
            nearest,
        })
    }

    pub fn routine_origin(&self, id: &str) -> Option<Origin> {
        self.routines
            .iter()
            .find(|(r, _)| r.id == id)
            .map(|(_, o)| *o)
    }

    pub fn exercise_origin(&self, id: &str) -> Option<Origin> {
        self.exercises
            .iter()
            .find(|(e, _)| e.id == id)
            .map(|(_, o)| *o)
    }

    /// Replaces (or adds) a routine, e.g. after the editor saved it.
    pub fn put_routine(&mut self, routine: Routine, origin: Origin) {
        match self.routines.iter_mut().find(|(r, _)| r.id == routine.id) {
            Some(slot) => *slot = (routine, origin),
            None => self.routines.push((routine, origin)),
        }
    }

    /// Removes a routine by id, returning it.
    pub fn remove_routine(&mut self, id: &str) -> Option<(Routine, Origin)> {
        let i = self.routines.iter().position(|(r, _)| r.id == id)?;
        Some(self.routines.remove(i))
    }

    /// Resolves every step of a routine. `current_level` gives the user's level of an
    /// exercise for steps that do not fix one. Steps whose exercise or level is
    /// missing are left out (a validated catalog has none).
    pub fn resolve(
        &self,
        routine: &Routine,
        current_level: &dyn Fn(&str) -> Option<usize>,
    ) -> Vec<ResolvedStep> {
        routine
            .steps
            .iter()
            .filter_map(|step| {
                let exercise = self.exercise(&step.exercise)?;
                step.resolve(exercise, current_level(&exercise.id).unwrap_or(1))
            })
            .collect()
    }
}

/// The estimated length of a routine's timeline (see [`Plan::build`]): the lead-in,
/// every set of every side, switch gaps and rests. Open phases count at their estimate.
pub fn estimate(steps: &[ResolvedStep], timer: &TimerSettings) -> Duration {
    super::plan::Plan::build(steps, timer).total()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(ids: &[&str]) -> Catalog {
        let routines = ids
            .iter()
            .map(|id| {
                let routine = Routine {
                    id: id.to_string(),
                    name: id.to_uppercase(),
                    description: String::new(),
                    steps: Vec::new(),
                };
                (routine, Origin::BuiltIn)
            })
            .collect();
        Catalog::new(Vec::new(), routines)
    }

    #[test]
    fn find_routine_returns_the_routine_with_that_id() {
        let c = catalog(&["full", "desk-break"]);
        let r = c.find_routine("desk-break").expect("known id");
        assert_eq!(r.name, "DESK-BREAK");
    }

    #[test]
    fn an_unknown_routine_names_the_known_ids_and_a_likely_typo() {
        let c = catalog(&["full", "desk-break", "core-shoulders"]);
        let e = c.find_routine("desk-brake").unwrap_err();
        assert_eq!(e.id, "desk-brake");
        assert_eq!(e.known, ["full", "desk-break", "core-shoulders"]);
        assert_eq!(e.nearest.as_deref(), Some("desk-break"));
        assert_eq!(e.to_string(), "there is no routine \"desk-brake\"");
        let e = c.find_routine("stretching").unwrap_err();
        assert_eq!(e.nearest, None);
    }
}
