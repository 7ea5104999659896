//! Reading a routines file: every `[[routine]]` and its steps, each problem
//! located; and checking the steps against the exercises they name.

use std::ops::Range;

use toml::de::DeTable;

use super::super::diag::SourceText;
use super::super::doc::{self, Reader};
use crate::model::diagnostic::Diagnostic;
use crate::model::exercise::{Dose, Exercise, Level};
use crate::model::limits::{
    HOLD_RANGE, MAX_LEVEL, MAX_REPS, MAX_ROUTINE_NAME, MAX_SETS, MAX_STEPS, REST_RANGE,
};
use crate::model::routine::{Routine, Step, StepDose};
use crate::model::suggest::nearest;

/// The keys a `[[routine]]` table accepts.
pub const ROUTINE_KEYS: &[&str] = &["id", "name", "description", "step"];
/// The keys a `[[routine.step]]` table accepts.
pub const STEP_KEYS: &[&str] = &[
    "exercise", "level", "sets", "hold", "reps", "rest", "per_side", "open",
];

/// Where a step's fields were written, to locate problems found after merging.
#[derive(Debug, Clone, Default)]
pub struct StepSpans {
    pub table: Range<usize>,
    pub exercise: Range<usize>,
    pub level: Option<Range<usize>>,
    pub hold: Option<Range<usize>>,
    pub reps: Option<Range<usize>>,
    /// `open = true`, where it was written.
    pub open: Option<Range<usize>>,
}

/// A routine as read from one file, with where its parts stand.
#[derive(Debug, Clone)]
pub struct ReadRoutine {
    pub routine: Routine,
    pub id_span: Range<usize>,
    pub steps: Vec<StepSpans>,
}

/// What was read from a routines file.
#[derive(Debug, Clone, Default)]
pub struct RoutinesRead {
    /// The routines that were read without a problem.
    pub routines: Vec<ReadRoutine>,
    /// Routines with problems, holding the steps that could be read, so that those
    /// steps can still be checked against the exercises (and every problem found).
    pub broken: Vec<ReadRoutine>,
    pub diags: Vec<Diagnostic>,
}

/// Reads a routines file (the steps are checked against the exercises later).
pub fn read_routines(src: &SourceText<'_>) -> (Vec<ReadRoutine>, Vec<Diagnostic>) {
    let read = read_routines_all(src);
    (read.routines, read.diags)
}

/// Reads a routines file, keeping what could be read of routines with problems.
pub fn read_routines_all(src: &SourceText<'_>) -> RoutinesRead {
    let table = match doc::parse(src) {
        Ok(t) => t,
        Err(diags) => {
            return RoutinesRead {
                diags,
                ..RoutinesRead::default()
            };
        }
    };
    let mut r = Reader::new(src);
    r.check_keys(table.get_ref(), &["routine"], "a routines file");
    let mut out = RoutinesRead::default();
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    if let Some(list) = table.get_ref().get("routine") {
        for (t, span) in r.tables(list, "routine", "[[routine]]") {
            let (rt, complete) = read_routine(&mut r, t, &span);
            let id = &rt.routine.id;
            if !id.is_empty() {
                if let Some((_, first)) = seen.iter().find(|(x, _)| x == id) {
                    let first = src.origin(first);
                    r.error(
                        &rt.id_span,
                        format!("duplicate routine id \"{id}\""),
                        format!("a unique id (first used at {first})"),
                    );
                    continue;
                }
                seen.push((id.clone(), rt.id_span.clone()));
            }
            if complete {
                out.routines.push(rt);
            } else {
                out.broken.push(rt);
            }
        }
    }
    out.diags = r.diags;
    out
}

/// Reads one routine. Returns what could be read (an empty id when the id could
/// not be read) and whether it was read without any problem.
fn read_routine(
    r: &mut Reader<'_, '_>,
    t: &DeTable<'_>,
    span: &Range<usize>,
) -> (ReadRoutine, bool) {
    r.check_keys(t, ROUTINE_KEYS, "[[routine]]");
    let what = "[[routine]]";
    let before = r.diags.len();
    let id_v = r.required(t, span, "id", what, "\"some-id\"");
    let id = id_v.and_then(|v| r.id(v, "id"));
    let id_span = id_v.map_or(span.clone(), |v| v.span());
    let name = r
        .required(t, span, "name", what, "\"Morning routine\"")
        .and_then(|v| r.text(v, "name", MAX_ROUTINE_NAME));
    let description = match t.get("description") {
        Some(v) => r.string(v, "description"),
        None => Some(String::new()),
    };
    let mut steps = Vec::new();
    let mut spans = Vec::new();
    match t.get("step") {
        Some(v) => {
            let tables = r.tables(v, "step", "[[routine.step]]");
            if tables.is_empty() && r.diags.len() == before {
                r.error(
                    &v.span(),
                    "the routine has no steps",
                    "at least one [[routine.step]]",
                );
            }
            if tables.len() > MAX_STEPS {
                r.error(
                    &v.span(),
                    format!("the routine has {} steps", tables.len()),
                    format!("at most {MAX_STEPS}"),
                );
            }
            for (st, sspan) in tables {
                if let Some((s, sp)) = read_step(r, st, &sspan) {
                    steps.push(s);
                    spans.push(sp);
                }
            }
        }
        None => r.error(
            span,
            "the routine has no steps",
            "at least one [[routine.step]] with exercise = \"id\"",
        ),
    }
    let complete = r.diags.len() == before;
    let read = ReadRoutine {
        routine: Routine {
            id: id.unwrap_or_default(),
            name: name.unwrap_or_default(),
            description: description.unwrap_or_default(),
            steps,
        },
        id_span,
        steps: spans,
    };
    (read, complete)
}

/// Reads one step. Fields with a problem are reported and left out (`None`), so the
/// rest can still be checked; `None` only when the exercise itself cannot be read.
fn read_step(
    r: &mut Reader<'_, '_>,
    t: &DeTable<'_>,
    span: &Range<usize>,
) -> Option<(Step, StepSpans)> {
    r.check_keys(t, STEP_KEYS, "[[routine.step]]");
    let ex_v = r.required(t, span, "exercise", "[[routine.step]]", "\"plank\"");
    let exercise = ex_v.and_then(|v| r.id(v, "exercise"));
    let level = t
        .get("level")
        .and_then(|v| r.count(v, "level", 1, MAX_LEVEL));
    let sets = t.get("sets").and_then(|v| r.count(v, "sets", 1, MAX_SETS));
    let hold = t
        .get("hold")
        .and_then(|v| r.duration(v, "hold", HOLD_RANGE));
    let reps = t.get("reps").and_then(|v| r.count(v, "reps", 1, MAX_REPS));
    let rest = t
        .get("rest")
        .and_then(|v| r.duration(v, "rest", REST_RANGE));
    let per_side = t.get("per_side").and_then(|v| r.boolean(v, "per_side"));
    let open = t.get("open").and_then(|v| r.boolean(v, "open"));
    // Spans only of the values that were read, so nothing is reported twice.
    let span_if = |key: &str, read: bool| t.get(key).filter(|_| read).map(|v| v.span());
    let spans = StepSpans {
        table: span.clone(),
        exercise: ex_v.map_or(span.clone(), |v| v.span()),
        level: span_if("level", level.is_some()),
        hold: span_if("hold", hold.is_some()),
        reps: span_if("reps", reps.is_some()),
        open: span_if("open", open == Some(true)),
    };
    Some((
        Step {
            exercise: exercise?,
            dose: StepDose {
                level: level.and_then(|n| usize::try_from(n).ok()),
                sets,
                hold,
                reps,
                rest,
                per_side,
                open,
            },
        },
        spans,
    ))
}

/// Checks each step against the exercises it will run with: the exercise exists,
/// the level exists, and the overrides fit the kind of dose. Steps naming one of
/// `broken_ids` (exercises defined with problems of their own) are skipped.
pub fn check_steps(
    src: &SourceText<'_>,
    routines: &[ReadRoutine],
    exercise: &dyn Fn(&str) -> Option<Exercise>,
    all_ids: &[String],
    broken_ids: &[String],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for rr in routines {
        for (step, sp) in rr.routine.steps.iter().zip(&rr.steps) {
            if broken_ids.contains(&step.exercise) {
                // Defined, but with problems of its own that are already reported.
                continue;
            }
            let Some(ex) = exercise(&step.exercise) else {
                let hint = match nearest(&step.exercise, all_ids.iter().map(String::as_str)) {
                    Some(s) => format!("an exercise id; did you mean \"{s}\"?"),
                    None => format!("one of: {}", all_ids.join(", ")),
                };
                diags.push(
                    src.at(
                        &sp.exercise,
                        format!("unknown exercise \"{}\"", step.exercise),
                    )
                    .expected(hint),
                );
                continue;
            };
            let n = ex.levels.len();
            let levels: Vec<&Level> = match step.dose.level {
                Some(l) if l > n => {
                    let at = sp.level.clone().unwrap_or(sp.table.clone());
                    let names: Vec<String> = ex
                        .levels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| format!("{} = {}", i + 1, l.name))
                        .collect();
                    diags.push(
                        src.at(
                            &at,
                            format!("level {l} does not exist for \"{}\", which has {n}", ex.id),
                        )
                        .expected(format!("a level from 1 to {n} ({})", names.join("; "))),
                    );
                    continue;
                }
                Some(l) => ex.level(l).into_iter().collect(),
                None => ex.levels.iter().collect(),
            };
            let takes_hold = |l: &&Level| matches!(l.dose, Dose::Hold(_) | Dose::OpenHold { .. });
            let takes_reps = |l: &&Level| matches!(l.dose, Dose::Reps { .. });
            if let Some(at) = &sp.hold
                && !levels.iter().any(takes_hold)
            {
                diags.push(
                    src.at(
                        at,
                        format!("\"hold\" does not apply: \"{}\" is counted in reps", ex.id),
                    )
                    .expected("reps = N for this exercise"),
                );
            }
            if let Some(at) = &sp.open
                && levels.iter().any(takes_reps)
            {
                diags.push(
                    src.at(
                        at,
                        format!(
                            "\"open = true\" does not apply: \"{}\" is counted in reps",
                            ex.id
                        ),
                    )
                    .expected("open = true only on an exercise held for a time"),
                );
            }
            if let Some(at) = &sp.reps
                && !levels.iter().any(takes_reps)
            {
                diags.push(
                    src.at(
                        at,
                        format!("\"reps\" does not apply: \"{}\" is held for a time", ex.id),
                    )
                    .expected("hold = DURATION for this exercise"),
                );
            }
        }
    }
    diags
}
