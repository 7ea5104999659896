//! Loading the exercise library and routines: built-ins, then the user's files over
//! them, with every problem located.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use toml::de::DeTable;

use super::diag::{SourceText, decode, sort_diagnostics, too_large};
use super::doc::{self, Reader};
use crate::model::catalog::{Catalog, Origin};
use crate::model::diagnostic::Diagnostic;
use crate::model::exercise::{Dose, Exercise, Kind, Level, Position, TempoPhase};
use crate::model::limits::{
    HOLD_RANGE, MAX_LEVEL, MAX_REPS, MAX_ROUTINE_NAME, MAX_SETS, MAX_STEPS, REST_RANGE, TEMPO_RANGE,
};
use crate::model::routine::{Routine, Step, StepDose};
use crate::model::suggest::nearest;

pub const BUILTIN_EXERCISES: &str = include_str!("../../assets/exercises.toml");
pub const BUILTIN_ROUTINES: &str = include_str!("../../assets/routines.toml");
pub const BUILTIN_EXERCISES_NAME: &str = "built-in assets/exercises.toml";
pub const BUILTIN_ROUTINES_NAME: &str = "built-in assets/routines.toml";

/// The largest library file read (a real one is a few KiB).
pub const MAX_FILE: usize = 4 * 1024 * 1024;

/// The keys an `[[exercise]]` table accepts.
pub const EXERCISE_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "areas",
    "position",
    "summary",
    "instructions",
    "cues",
    "caution",
    "figure",
    "level",
];
/// The keys an `[[exercise.level]]` table accepts.
pub const LEVEL_KEYS: &[&str] = &[
    "name", "how", "hold", "reps", "tempo", "open", "target", "sets", "rest", "per_side",
];
/// The keys a `[[routine]]` table accepts.
pub const ROUTINE_KEYS: &[&str] = &["id", "name", "description", "step"];
/// The keys a `[[routine.step]]` table accepts.
pub const STEP_KEYS: &[&str] = &[
    "exercise", "level", "sets", "hold", "reps", "rest", "per_side",
];

/// Where a step's fields were written, to locate problems found after merging.
#[derive(Debug, Clone, Default)]
pub struct StepSpans {
    pub table: Range<usize>,
    pub exercise: Range<usize>,
    pub level: Option<Range<usize>>,
    pub hold: Option<Range<usize>>,
    pub reps: Option<Range<usize>>,
}

/// A routine as read from one file, with where its parts stand.
#[derive(Debug, Clone)]
pub struct ReadRoutine {
    pub routine: Routine,
    pub id_span: Range<usize>,
    pub steps: Vec<StepSpans>,
}

/// An exercise as read from one file.
#[derive(Debug, Clone)]
pub struct ReadExercise {
    pub exercise: Exercise,
    pub id_span: Range<usize>,
}

/// What was read from an exercises file.
#[derive(Debug, Clone, Default)]
pub struct ExercisesRead {
    /// The exercises that were read without a problem.
    pub exercises: Vec<ReadExercise>,
    /// The ids of exercises that are defined but could not be read (their problems
    /// are among the diagnostics); routines naming them are not reported again.
    pub broken_ids: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

/// Reads an exercises file. Returns what could be read and every problem found.
pub fn read_exercises(src: &SourceText<'_>) -> (Vec<ReadExercise>, Vec<Diagnostic>) {
    let read = read_exercises_all(src);
    (read.exercises, read.diags)
}

/// Reads an exercises file, keeping track of the exercises that could not be read.
pub fn read_exercises_all(src: &SourceText<'_>) -> ExercisesRead {
    let table = match doc::parse(src) {
        Ok(t) => t,
        Err(diags) => {
            return ExercisesRead {
                diags,
                ..ExercisesRead::default()
            };
        }
    };
    let mut r = Reader::new(src);
    r.check_keys(table.get_ref(), &["exercise"], "an exercises file");
    let mut out = ExercisesRead::default();
    // Every id seen so far with where it was written, read or not.
    let mut seen: Vec<(String, Range<usize>)> = Vec::new();
    if let Some(list) = table.get_ref().get("exercise") {
        for (t, span) in r.tables(list, "exercise", "[[exercise]]") {
            let (read, id) = read_exercise(&mut r, t, &span);
            if let Some((id, id_span)) = id {
                if let Some((_, first)) = seen.iter().find(|(x, _)| *x == id) {
                    let first = src.origin(first);
                    r.error(
                        &id_span,
                        format!("duplicate exercise id \"{id}\""),
                        format!("a unique id (first used at {first})"),
                    );
                    continue;
                }
                seen.push((id.clone(), id_span));
                match read {
                    Some(e) => out.exercises.push(e),
                    None => out.broken_ids.push(id),
                }
            }
        }
    }
    out.diags = r.diags;
    out
}

/// Reads one exercise: the exercise if it has no problem, and its id (with where it
/// was written) if the id itself could be read.
fn read_exercise(
    r: &mut Reader<'_, '_>,
    t: &DeTable<'_>,
    span: &Range<usize>,
) -> (Option<ReadExercise>, Option<(String, Range<usize>)>) {
    r.check_keys(t, EXERCISE_KEYS, "[[exercise]]");
    let what = "[[exercise]]";
    let before = r.diags.len();
    let id_v = r.required(t, span, "id", what, "\"some-id\"");
    let id = id_v.and_then(|v| r.id(v, "id"));
    let id_span = id_v.map_or(span.clone(), |v| v.span());
    let name = r
        .required(t, span, "name", what, "\"Plank\"")
        .and_then(|v| r.text(v, "name", 80));
    let kind = r
        .required(t, span, "kind", what, "\"strength\"")
        .and_then(|v| {
            let s = r.string(v, "kind")?;
            let valid: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            let k = Kind::parse(&s);
            if k.is_none() {
                unknown_word(r, v, "kind", &s, &valid);
            }
            k
        });
    let position = r
        .required(t, span, "position", what, "\"floor\"")
        .and_then(|v| {
            let s = r.string(v, "position")?;
            let valid: Vec<&str> = Position::ALL.iter().map(|p| p.as_str()).collect();
            let p = Position::parse(&s);
            if p.is_none() {
                unknown_word(r, v, "position", &s, &valid);
            }
            p
        });
    let areas = r
        .required(t, span, "areas", what, "[\"upper back\"]")
        .and_then(|v| r.strings(v, "areas", 1, 500));
    let summary = r
        .required(t, span, "summary", what, "\"one line\"")
        .and_then(|v| r.text(v, "summary", 200));
    let instructions = r
        .required(t, span, "instructions", what, "[\"first step\", ...]")
        .and_then(|v| r.strings(v, "instructions", 1, 500));
    let cues = match t.get("cues") {
        Some(v) => r.strings(v, "cues", 0, 500),
        None => Some(Vec::new()),
    };
    let caution = match t.get("caution") {
        Some(v) => r.text(v, "caution", 500),
        None => Some(String::new()),
    };
    let figure = match t.get("figure") {
        Some(v) => r.string(v, "figure").map(Some),
        None => Some(None),
    };
    let mut levels = Vec::new();
    match t.get("level") {
        Some(v) => {
            for (lt, lspan) in r.tables(v, "level", "[[exercise.level]]") {
                if let Some(l) = read_level(r, lt, &lspan) {
                    levels.push(l);
                }
            }
            if v.get_ref().as_array().is_some_and(|a| a.is_empty()) {
                r.error(
                    &v.span(),
                    "the exercise has no levels",
                    "at least one [[exercise.level]]",
                );
            }
        }
        None => r.error(
            span,
            "the exercise has no levels",
            "at least one [[exercise.level]] table",
        ),
    }
    let id_read = id.clone().map(|id| (id, id_span.clone()));
    if r.diags.len() > before {
        return (None, id_read);
    }
    let exercise = (|| {
        Some(ReadExercise {
            exercise: Exercise {
                id: id?,
                name: name?,
                kind: kind?,
                areas: areas?,
                position: position?,
                summary: summary?,
                instructions: instructions?,
                cues: cues?,
                caution: caution?,
                figure: figure?.map(|f| f.trim_matches('\n').to_string()),
                levels,
            },
            id_span,
        })
    })();
    (exercise, id_read)
}

/// Reports a word that is not one of `valid`, suggesting the nearest.
fn unknown_word(
    r: &mut Reader<'_, '_>,
    v: &doc::Value<'_>,
    what: &str,
    word: &str,
    valid: &[&str],
) {
    let hint = nearest(word, valid.iter().copied())
        .map(|n| format!(" (did you mean \"{n}\"?)"))
        .unwrap_or_default();
    r.error(
        &v.span(),
        format!("unknown {what} \"{word}\"{hint}"),
        format!("one of: {}", valid.join(", ")),
    );
}

fn read_level(r: &mut Reader<'_, '_>, t: &DeTable<'_>, span: &Range<usize>) -> Option<Level> {
    r.check_keys(t, LEVEL_KEYS, "[[exercise.level]]");
    let what = "[[exercise.level]]";
    let before = r.diags.len();
    let name = r
        .required(t, span, "name", what, "\"On knees\"")
        .and_then(|v| r.text(v, "name", 80));
    let how = match t.get("how") {
        Some(v) => r.text(v, "how", 300),
        None => Some(String::new()),
    };
    let doses: Vec<&str> = ["hold", "reps", "open"]
        .into_iter()
        .filter(|k| t.contains_key(*k))
        .collect();
    // Every part is read before any is used, so that every problem is reported.
    let dose = match doses.as_slice() {
        ["hold"] => t
            .get("hold")
            .and_then(|v| r.duration(v, "hold", HOLD_RANGE))
            .map(Dose::Hold),
        ["reps"] => {
            let count = t.get("reps").and_then(|v| r.count(v, "reps", 1, MAX_REPS));
            let tempo = match t.get("tempo") {
                Some(v) => read_tempo(r, v),
                None => Some(Vec::new()),
            };
            match (count, tempo) {
                (Some(count), Some(tempo)) => Some(Dose::Reps { count, tempo }),
                _ => None,
            }
        }
        ["open"] => {
            let open = t.get("open").and_then(|v| r.boolean(v, "open"));
            if let (Some(false), Some(v)) = (open, t.get("open")) {
                r.error(
                    &v.span(),
                    "\"open = false\" does not set a dose",
                    "open = true, or use hold = DURATION",
                );
            }
            let target = match t.get("target") {
                Some(v) => r.duration(v, "target", HOLD_RANGE).map(Some),
                None => Some(None),
            };
            target.map(|target| Dose::OpenHold { target })
        }
        [] => {
            r.error(
                span,
                "the level sets no dose",
                "one of: hold = \"30s\", reps = 10, open = true",
            );
            None
        }
        several => {
            // Point at the dose written last: the first one is likely the intended.
            let (key, at) = several
                .iter()
                .filter_map(|k| t.get_key_value(*k).map(|(kk, _)| (*k, kk.span())))
                .max_by_key(|(_, sp)| sp.start)
                .unwrap_or(("hold", span.clone()));
            let others: Vec<&str> = several.iter().copied().filter(|k| *k != key).collect();
            r.error(
                &at,
                format!(
                    "the level sets \"{key}\" as well as \"{}\"",
                    others.join("\" and \"")
                ),
                "exactly one of hold, reps or open",
            );
            None
        }
    };
    if let Some(v) = t.get("tempo").filter(|_| !t.contains_key("reps")) {
        r.error(
            &v.span(),
            "\"tempo\" only applies to reps",
            "reps = N together with the tempo",
        );
    }
    if let Some(v) = t.get("target").filter(|_| !t.contains_key("open")) {
        r.error(
            &v.span(),
            "\"target\" only applies to open holds",
            "open = true together with the target",
        );
    }
    let sets = match t.get("sets") {
        Some(v) => r.count(v, "sets", 1, MAX_SETS),
        None => Some(1),
    };
    let rest = match t.get("rest") {
        Some(v) => r.duration(v, "rest", REST_RANGE).map(Some),
        None => Some(None),
    };
    let per_side = match t.get("per_side") {
        Some(v) => r.boolean(v, "per_side"),
        None => Some(false),
    };
    if r.diags.len() > before {
        return None;
    }
    Some(Level {
        name: name?,
        how: how?,
        dose: dose?,
        per_side: per_side?,
        sets: sets?,
        rest: rest?,
    })
}

fn read_tempo(r: &mut Reader<'_, '_>, v: &doc::Value<'_>) -> Option<Vec<TempoPhase>> {
    let expected =
        "an array like [{ cue = \"Lower\", time = \"2s\" }, { cue = \"Press\", time = \"1s\" }]";
    let Some(items) = v.get_ref().as_array() else {
        r.error(&v.span(), "\"tempo\" is not an array", expected);
        return None;
    };
    if items.is_empty() {
        r.error(&v.span(), "\"tempo\" is empty", expected);
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in items.iter() {
        let Some(t) = item.get_ref().as_table() else {
            r.error(&item.span(), "a tempo phase is not a table", expected);
            ok = false;
            continue;
        };
        r.check_keys(t, &["cue", "time"], "a tempo phase");
        let span = item.span();
        let cue = r
            .required(t, &span, "cue", "the tempo phase", "\"Lower\"")
            .and_then(|v| r.text(v, "cue", 40));
        let time = r
            .required(t, &span, "time", "the tempo phase", "\"2s\"")
            .and_then(|v| r.duration(v, "time", TEMPO_RANGE));
        match (cue, time) {
            (Some(cue), Some(duration)) => out.push(TempoPhase { cue, duration }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
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
    // Spans only of the values that were read, so nothing is reported twice.
    let span_if = |key: &str, read: bool| t.get(key).filter(|_| read).map(|v| v.span());
    let spans = StepSpans {
        table: span.clone(),
        exercise: ex_v.map_or(span.clone(), |v| v.span()),
        level: span_if("level", level.is_some()),
        hold: span_if("hold", hold.is_some()),
        reps: span_if("reps", reps.is_some()),
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

/// The files a library was loaded from, for messages and `upright config path`.
#[derive(Debug, Clone, Default)]
pub struct LibraryFiles {
    pub exercises: Option<std::path::PathBuf>,
    pub routines: Option<std::path::PathBuf>,
}

/// Reads a user file if it exists. `Ok(None)` when there is no such file. A file
/// larger than [`MAX_FILE`] is refused without reading it all.
pub fn read_user_file(path: &Path) -> Result<Option<Vec<u8>>, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| {
        Diagnostic::whole_file(&shown, format!("cannot read the file: {e}"))
            .expected("a readable file")
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
    };
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_FILE)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    file.take(limit).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > MAX_FILE {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(too_large(&shown, size, MAX_FILE));
    }
    Ok(Some(bytes))
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
    let builtin_rt_src = SourceText::new(BUILTIN_ROUTINES_NAME, BUILTIN_ROUTINES);
    let (builtin_ex, builtin_rt) = builtins().clone();
    diags.extend(builtin_ex.diags);
    diags.extend(builtin_rt.diags);

    let user_ex_text = user_exercises.map(|(p, b)| (p, decode(p, b, MAX_FILE)));
    let user_rt_text = user_routines.map(|(p, b)| (p, decode(p, b, MAX_FILE)));
    let mut user_ex = ExercisesRead::default();
    let mut user_rt = RoutinesRead::default();
    let mut user_rt_src = None;
    if let Some((path, text)) = &user_ex_text {
        match text {
            Ok(text) => {
                user_ex = read_exercises_all(&SourceText::new(*path, text));
                diags.append(&mut user_ex.diags);
            }
            Err(d) => diags.push(d.clone()),
        }
    }
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

    // Merge exercises: user entries replace built-ins of the same id, new ones follow.
    let mut exercises: Vec<(Exercise, Origin)> = builtin_ex
        .exercises
        .into_iter()
        .map(|e| (e.exercise, Origin::BuiltIn))
        .collect();
    for e in user_ex.exercises {
        match exercises.iter_mut().find(|(x, _)| x.id == e.exercise.id) {
            Some(slot) => *slot = (e.exercise, Origin::Customised),
            None => exercises.push((e.exercise, Origin::User)),
        }
    }
    let broken_ids: Vec<String> = builtin_ex
        .broken_ids
        .into_iter()
        .chain(user_ex.broken_ids)
        .collect();
    let ids: Vec<String> = exercises.iter().map(|(e, _)| e.id.clone()).collect();
    let lookup = |id: &str| {
        exercises
            .iter()
            .find(|(e, _)| e.id == id)
            .map(|(e, _)| e.clone())
    };

    let builtin_ids: Vec<String> = builtin_rt
        .routines
        .iter()
        .map(|r| r.routine.id.clone())
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
    diags.extend(check_steps(
        &builtin_rt_src,
        &kept_builtin,
        &lookup,
        &ids,
        &broken_ids,
    ));
    if let Some(src) = &user_rt_src {
        // Routines with problems of their own are checked too, for every problem.
        let all: Vec<ReadRoutine> = user_rt
            .routines
            .iter()
            .chain(&user_rt.broken)
            .cloned()
            .collect();
        diags.extend(check_steps(src, &all, &lookup, &ids, &broken_ids));
    }
    if !diags.is_empty() {
        sort_diagnostics(&mut diags);
        return Err(diags);
    }

    let mut routines: Vec<(Routine, Origin)> = Vec::new();
    for r in kept_builtin {
        routines.push((r.routine, Origin::BuiltIn));
    }
    for r in user_rt.routines {
        let origin = if builtin_ids.contains(&r.routine.id) {
            Origin::Customised
        } else {
            Origin::User
        };
        // A customised built-in keeps the built-in's place in the list.
        let place = builtin_ids.iter().position(|id| *id == r.routine.id);
        match place {
            Some(p) => {
                let at = routines
                    .iter()
                    .position(|(x, _)| {
                        builtin_ids
                            .iter()
                            .position(|id| *id == x.id)
                            .is_none_or(|q| q > p)
                    })
                    .unwrap_or(routines.len());
                routines.insert(at, (r.routine, origin));
            }
            None => routines.push((r.routine, origin)),
        }
    }
    Ok(Catalog::new(exercises, routines).with_builtin_routines(builtin_versions))
}
