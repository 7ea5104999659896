//! Reading an exercises file: every `[[exercise]]` with its levels, each problem
//! located.

use std::ops::Range;

use toml::de::DeTable;

use super::super::diag::SourceText;
use super::super::doc::{self, Reader};
use crate::model::diagnostic::Diagnostic;
use crate::model::exercise::{Dose, Exercise, Kind, Level, Position, TempoPhase};
use crate::model::limits::{
    FIGURE_MAX_LINES, FIGURE_MAX_WIDTH, HOLD_RANGE, MAX_REPS, MAX_SETS, REST_RANGE, TEMPO_RANGE,
};
use crate::model::suggest::nearest;

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
    "name", "how", "hold", "reps", "tempo", "open", "target", "sets", "rest", "per_side", "figure",
];

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
        .and_then(|v| read_kind(r, v));
    let position = r
        .required(t, span, "position", what, "\"floor\"")
        .and_then(|v| read_position(r, v));
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
    let figure = read_figure(r, t);
    let levels = read_levels(r, t, span);
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
                figure: figure?,
                levels,
            },
            id_span,
        })
    })();
    (exercise, id_read)
}

fn read_kind(r: &mut Reader<'_, '_>, v: &doc::Value<'_>) -> Option<Kind> {
    let s = r.string(v, "kind")?;
    let k = Kind::parse(&s);
    if k.is_none() {
        let valid: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        unknown_word(r, v, "kind", &s, &valid);
    }
    k
}

fn read_position(r: &mut Reader<'_, '_>, v: &doc::Value<'_>) -> Option<Position> {
    let s = r.string(v, "position")?;
    let p = Position::parse(&s);
    if p.is_none() {
        let valid: Vec<&str> = Position::ALL.iter().map(|p| p.as_str()).collect();
        unknown_word(r, v, "position", &s, &valid);
    }
    p
}

/// The `[[exercise.level]]` tables that could be read; an exercise needs one.
fn read_levels(r: &mut Reader<'_, '_>, t: &DeTable<'_>, span: &Range<usize>) -> Vec<Level> {
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
    levels
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
    let dose = read_dose(r, t, span);
    if let Some(v) = t.get("tempo").filter(|_| !t.contains_key("reps")) {
        r.error(
            &v.span(),
            "\"tempo\" only applies to reps",
            "reps = N together with the tempo",
        );
    }
    // A target goes with an open level, or with a timed one: the goal when a
    // routine holds it as long as you can.
    let target = match t.get("target") {
        Some(v) if t.contains_key("hold") => r.duration(v, "target", HOLD_RANGE).map(Some),
        Some(v) if !t.contains_key("open") => {
            r.error(
                &v.span(),
                "\"target\" only applies to holds",
                "hold = DURATION or open = true together with the target",
            );
            None
        }
        _ => Some(None),
    };
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
    let figure = read_figure(r, t);
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
        figure: figure?,
        target: target?,
    })
}

/// The optional `figure` of a table: a drawing of at most
/// [`FIGURE_MAX_LINES`] lines of [`FIGURE_MAX_WIDTH`] columns, without tabs or
/// other control characters (their width differs from one terminal to the
/// next). Blank lines around it are dropped. `Some(None)` when there is none,
/// `None` when it cannot be used.
fn read_figure(r: &mut Reader<'_, '_>, t: &DeTable<'_>) -> Option<Option<String>> {
    use unicode_width::UnicodeWidthStr;
    let Some(v) = t.get("figure") else {
        return Some(None);
    };
    let text = r.string(v, "figure")?;
    let figure = text.trim_matches('\n').trim_end();
    let lines = figure.lines().count();
    let widest = figure
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    let problem = if figure.trim().is_empty() {
        "\"figure\" is empty".to_string()
    } else if figure.chars().any(|c| c.is_control() && c != '\n') {
        "\"figure\" holds a tab or another control character".to_string()
    } else if lines > FIGURE_MAX_LINES {
        format!("\"figure\" is {lines} lines tall")
    } else if widest > FIGURE_MAX_WIDTH {
        format!("\"figure\" is {widest} columns wide")
    } else {
        return Some(Some(figure.to_string()));
    };
    r.error(
        &v.span(),
        problem,
        format!(
            "a drawing of at most {FIGURE_MAX_LINES} lines of {FIGURE_MAX_WIDTH} columns, \
             spaces rather than tabs, in a '''...''' string"
        ),
    );
    None
}

/// A level's dose: exactly one of `hold`, `reps` (with its `tempo`) or `open`
/// (with its `target`). Every part is read before any is used, so that every
/// problem is reported.
fn read_dose(r: &mut Reader<'_, '_>, t: &DeTable<'_>, span: &Range<usize>) -> Option<Dose> {
    let doses: Vec<&str> = ["hold", "reps", "open"]
        .into_iter()
        .filter(|k| t.contains_key(*k))
        .collect();
    match doses.as_slice() {
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
    }
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
