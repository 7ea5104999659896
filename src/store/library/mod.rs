//! Loading the exercise library and routines: built-ins, then the user's files over
//! them, with every problem located.

mod exercises;
mod routines;

pub use exercises::{
    EXERCISE_KEYS, ExercisesRead, LEVEL_KEYS, ReadExercise, read_exercises, read_exercises_all,
};
pub use routines::{
    ROUTINE_KEYS, ReadRoutine, RoutinesRead, STEP_KEYS, StepSpans, check_steps, read_routines,
    read_routines_all,
};

use std::path::Path;
use std::sync::OnceLock;

use super::diag::{SourceText, decode, sort_diagnostics};
use crate::model::catalog::{Catalog, Origin};
use crate::model::diagnostic::Diagnostic;
use crate::model::exercise::Exercise;
use crate::model::limits;
use crate::model::routine::Routine;

pub const BUILTIN_EXERCISES: &str = include_str!("../../../assets/exercises.toml");
pub const BUILTIN_ROUTINES: &str = include_str!("../../../assets/routines.toml");
pub const BUILTIN_EXERCISES_NAME: &str = "built-in assets/exercises.toml";
pub const BUILTIN_ROUTINES_NAME: &str = "built-in assets/routines.toml";

/// The largest library file read (a real one is a few KiB).
pub const MAX_FILE: usize = 4 * 1024 * 1024;

/// Reads a user file if it exists. `Ok(None)` when there is no such file. A file
/// larger than [`MAX_FILE`], or one that is not a regular file, is refused without
/// reading it all.
pub fn read_user_file(path: &Path) -> Result<Option<Vec<u8>>, Diagnostic> {
    super::file::read_user_file(path, MAX_FILE, "the file", false)
}

/// Loads the built-in library with the user's files (if any) merged over it.
/// Same id replaces. Returns every problem in every file, or the catalog.
pub fn load(config_dir: Option<&Path>) -> Result<Catalog, Vec<Diagnostic>> {
    let mut user_ex: Option<(String, Vec<u8>)> = None;
    let mut user_rt: Option<(String, Vec<u8>)> = None;
    let mut diags = Vec::new();
    if let Some(dir) = config_dir {
        for (name, slot) in [
            ("exercises.toml", &mut user_ex),
            ("routines.toml", &mut user_rt),
        ] {
            let path = dir.join(name);
            match read_user_file(&path) {
                Ok(Some(bytes)) => *slot = Some((path.display().to_string(), bytes)),
                Ok(None) => {}
                Err(d) => diags.push(d),
            }
        }
    }
    let ex = user_ex.as_ref().map(|(p, b)| (p.as_str(), b.as_slice()));
    let rt = user_rt.as_ref().map(|(p, b)| (p.as_str(), b.as_slice()));
    match load_from(ex, rt) {
        Ok(c) if diags.is_empty() => Ok(c),
        Ok(_) => Err(diags),
        Err(mut more) => {
            diags.append(&mut more);
            Err(diags)
        }
    }
}

/// The built-in files as read, once per process (they never change).
fn builtins() -> &'static (ExercisesRead, RoutinesRead) {
    static BUILTINS: OnceLock<(ExercisesRead, RoutinesRead)> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        (
            read_exercises_all(&SourceText::new(BUILTIN_EXERCISES_NAME, BUILTIN_EXERCISES)),
            read_routines_all(&SourceText::new(BUILTIN_ROUTINES_NAME, BUILTIN_ROUTINES)),
        )
    })
}

/// Loads the built-ins merged with the given user files, as (display path, bytes).
/// Every problem in every file is reported, in file order, top to bottom.
pub fn load_from(
    user_exercises: Option<(&str, &[u8])>,
    user_routines: Option<(&str, &[u8])>,
) -> Result<Catalog, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let (builtin_ex, builtin_rt) = builtins().clone();
    diags.extend(builtin_ex.diags.iter().cloned());
    diags.extend(builtin_rt.diags.iter().cloned());
    let user_ex =
        user_exercises.map_or_else(ExercisesRead::default, |(path, bytes)| {
            match decode(path, bytes, MAX_FILE) {
                Ok(text) => read_exercises_all(&SourceText::new(path, text)),
                Err(d) => ExercisesRead {
                    diags: vec![d],
                    ..ExercisesRead::default()
                },
            }
        });
    diags.extend(user_ex.diags.iter().cloned());
    let user_rt_text = user_routines.map(|(path, bytes)| (path, decode(path, bytes, MAX_FILE)));
    let mut user_rt = RoutinesRead::default();
    let mut user_rt_src = None;
    if let Some((path, text)) = &user_rt_text {
        match text {
            Ok(text) => {
                let src = SourceText::new(*path, text);
                user_rt = read_routines_all(&src);
                diags.append(&mut user_rt.diags);
                user_rt_src = Some(src);
            }
            Err(d) => diags.push(d.clone()),
        }
    }

    let exercises = merge_exercises(builtin_ex.exercises, user_ex.exercises);
    let broken_ids: Vec<String> = builtin_ex
        .broken_ids
        .into_iter()
        .chain(user_ex.broken_ids)
        .collect();
    let builtin_versions: Vec<Routine> = builtin_rt
        .routines
        .iter()
        .map(|r| r.routine.clone())
        .collect();
    // Built-in routines replaced by the user are not checked: they will not run.
    let replaced: Vec<&str> = user_rt
        .routines
        .iter()
        .chain(&user_rt.broken)
        .map(|r| r.routine.id.as_str())
        .collect();
    let kept_builtin: Vec<ReadRoutine> = builtin_rt
        .routines
        .into_iter()
        .filter(|r| !replaced.contains(&r.routine.id.as_str()))
        .collect();
    let steps = StepCheck::new(&exercises, &broken_ids);
    let builtin_rt_src = SourceText::new(BUILTIN_ROUTINES_NAME, BUILTIN_ROUTINES);
    diags.extend(steps.check(&builtin_rt_src, &kept_builtin));
    if let Some(src) = &user_rt_src {
        // Routines with problems of their own are checked too, for every problem.
        let all: Vec<ReadRoutine> = user_rt
            .routines
            .iter()
            .chain(&user_rt.broken)
            .cloned()
            .collect();
        diags.extend(steps.check(src, &all));
    }
    if !diags.is_empty() {
        sort_diagnostics(&mut diags);
        return Err(diags);
    }
    let user_spans: Vec<(String, std::ops::Range<usize>)> = user_rt
        .routines
        .iter()
        .map(|r| (r.routine.id.clone(), r.id_span.clone()))
        .collect();
    let routines = merge_routines(&builtin_versions, kept_builtin, user_rt.routines);
    let catalog = Catalog::new(exercises, routines).with_builtin_routines(builtin_versions);
    match &user_rt_src {
        Some(src) => too_long(&catalog, src, &user_spans).map(|()| catalog),
        None => Ok(catalog),
    }
}

/// Refuses the user's routines that would take more than a day.
fn too_long(
    catalog: &Catalog,
    src: &SourceText<'_>,
    spans: &[(String, std::ops::Range<usize>)],
) -> Result<(), Vec<Diagnostic>> {
    let diags: Vec<Diagnostic> = spans
        .iter()
        .filter_map(|(id, span)| {
            let routine = catalog.routine(id)?;
            let total = limits::too_long(&catalog.resolve(routine, &|_| None))?;
            let d = src
                .at(
                    span,
                    format!(
                        "routine \"{id}\" would take about {} hours",
                        total.as_secs() / 3600
                    ),
                )
                .expected(
                    "a routine of at most 24 hours (fewer steps or sets, shorter holds or rests)",
                );
            Some(d)
        })
        .collect();
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

/// User exercises replace built-ins of the same id; new ones follow.
fn merge_exercises(builtin: Vec<ReadExercise>, user: Vec<ReadExercise>) -> Vec<(Exercise, Origin)> {
    let mut exercises: Vec<(Exercise, Origin)> = builtin
        .into_iter()
        .map(|e| (e.exercise, Origin::BuiltIn))
        .collect();
    for e in user {
        match exercises.iter_mut().find(|(x, _)| x.id == e.exercise.id) {
            Some(slot) => *slot = (e.exercise, Origin::Customised),
            None => exercises.push((e.exercise, Origin::User)),
        }
    }
    exercises
}

/// What the steps of every routine are checked against: the merged exercises.
struct StepCheck<'a> {
    exercises: &'a [(Exercise, Origin)],
    ids: Vec<String>,
    broken_ids: &'a [String],
}

impl<'a> StepCheck<'a> {
    fn new(exercises: &'a [(Exercise, Origin)], broken_ids: &'a [String]) -> StepCheck<'a> {
        let ids = exercises.iter().map(|(e, _)| e.id.clone()).collect();
        StepCheck {
            exercises,
            ids,
            broken_ids,
        }
    }

    fn check(&self, src: &SourceText<'_>, routines: &[ReadRoutine]) -> Vec<Diagnostic> {
        let lookup = |id: &str| {
            self.exercises
                .iter()
                .find(|(e, _)| e.id == id)
                .map(|(e, _)| e.clone())
        };
        check_steps(src, routines, &lookup, &self.ids, self.broken_ids)
    }
}

/// The routines in order: the built-ins kept, then the user's; a customised
/// built-in keeps the built-in's place in the list.
fn merge_routines(
    builtin_versions: &[Routine],
    kept_builtin: Vec<ReadRoutine>,
    user: Vec<ReadRoutine>,
) -> Vec<(Routine, Origin)> {
    let builtin_place = |id: &str| builtin_versions.iter().position(|r| r.id == id);
    let mut routines: Vec<(Routine, Origin)> = kept_builtin
        .into_iter()
        .map(|r| (r.routine, Origin::BuiltIn))
        .collect();
    for r in user {
        match builtin_place(&r.routine.id) {
            Some(p) => {
                let at = routines
                    .iter()
                    .position(|(x, _)| builtin_place(&x.id).is_none_or(|q| q > p))
                    .unwrap_or(routines.len());
                routines.insert(at, (r.routine, Origin::Customised));
            }
            None => routines.push((r.routine, Origin::User)),
        }
    }
    routines
}
