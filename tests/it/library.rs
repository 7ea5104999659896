//! The exercise library and routines as loaded from files: the built-ins, user files
//! merged over them, and what the user is told about every kind of broken file.

use std::time::Duration;

use upright::model::catalog::{Origin, estimate};
use upright::model::diagnostic::Diagnostic;
use upright::model::exercise::Dose;
use upright::store::diag::render_all;
use upright::store::library::{self, MAX_FILE};
use upright::store::{config, reminders};

/// The display path used for user files in these tests.
const EX: &str = "exercises.toml";
const RT: &str = "routines.toml";

/// A complete, valid user exercise to start broken variants from.
pub const WALL_ANGEL: &str = r#"[[exercise]]
id = "wall-angel"
name = "Wall angel"
kind = "mobility"
areas = ["upper back", "shoulders"]
position = "standing"
summary = "Slide your arms up and down a wall to open the chest and wake the upper back."
instructions = ["Stand with your back against a wall.", "Slide your arms up, then down."]
cues = ["Ribs down.", "Slow and smooth."]

[[exercise.level]]
name = "Slow slides"
reps = 8
tempo = [{ cue = "Up", time = "3s" }, { cue = "Down", time = "3s" }]
"#;

/// The input with line numbers, then every message, so a reader of the snapshot can
/// check each line:column against the text.
fn report(inputs: &[(&str, &str)], diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (path, text) in inputs {
        out.push_str(&format!("--- {path}\n"));
        for (i, line) in text.lines().enumerate() {
            out.push_str(&format!("{:>3} | {line}\n", i + 1));
        }
    }
    out.push_str("--- messages\n");
    out.push_str(&render_all(diags));
    out
}

/// Every message names a place and says what was expected.
fn assert_located(diags: &[Diagnostic]) {
    assert!(!diags.is_empty(), "expected at least one problem");
    for d in diags {
        assert!(d.line > 0 && d.column > 0, "not located: {d}");
        assert!(d.expected.is_some(), "no expectation given: {d}");
        assert!(d.path == EX || d.path == RT, "unexpected path: {d}");
    }
}

fn load_err(ex: Option<&str>, rt: Option<&str>) -> Vec<Diagnostic> {
    match library::load_from(
        ex.map(|t| (EX, t.as_bytes())),
        rt.map(|t| (RT, t.as_bytes())),
    ) {
        Ok(_) => panic!("the files should have been rejected"),
        Err(diags) => diags,
    }
}

/// Loads a broken user exercises file and renders what the user is told.
pub fn exercises_report(text: &str) -> String {
    let diags = load_err(Some(text), None);
    assert_located(&diags);
    report(&[(EX, text)], &diags)
}

/// Loads a broken user routines file and renders what the user is told.
fn routines_report(text: &str) -> String {
    let diags = load_err(None, Some(text));
    assert_located(&diags);
    report(&[(RT, text)], &diags)
}

// ---------------------------------------------------------------------------
// The built-in library

#[test]
fn every_builtin_routine_resolves_and_validates() {
    let catalog = library::load_from(None, None).expect("the built-ins load");
    let ids: Vec<&str> = catalog.exercises().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "plank",
            "push-up",
            "ostrich",
            "shoulder-blade-stretch",
            "childs-pose"
        ]
    );
    let routines: Vec<&str> = catalog.routines().map(|r| r.id.as_str()).collect();
    assert_eq!(routines, ["full", "desk-break", "core-shoulders"]);
    for routine in catalog.routines() {
        assert!(!routine.steps.is_empty(), "{} has no steps", routine.id);
        assert_eq!(catalog.routine_origin(&routine.id), Some(Origin::BuiltIn));
        // Whatever level the user has reached in each exercise, every step resolves.
        for current in 1..=5 {
            let resolved = catalog.resolve(routine, &|_| Some(current));
            assert_eq!(
                resolved.len(),
                routine.steps.len(),
                "{} at level {current}",
                routine.id
            );
            for (step, r) in routine.steps.iter().zip(&resolved) {
                assert_eq!(step.exercise, r.exercise_id);
                assert!(r.sets >= 1);
                if let Some(l) = step.dose.level {
                    assert_eq!(r.level, l, "{}: a fixed level is kept", routine.id);
                }
            }
        }
    }
}

#[test]
fn builtin_levels_are_complete() {
    let catalog = library::load_from(None, None).expect("the built-ins load");
    for e in catalog.exercises() {
        assert!(!e.levels.is_empty(), "{}", e.id);
        assert!(e.instructions.len() >= 3, "{} has too few steps", e.id);
        assert!(!e.caution.is_empty(), "{} has no caution", e.id);
        for l in &e.levels {
            assert!(!l.how.is_empty(), "{} / {} has no how", e.id, l.name);
        }
    }
    // The doses the design describes.
    let plank = catalog.exercise("plank").expect("plank");
    // Fixed holds that build up, each level with a target for the open set
    // every built-in plank ends with.
    assert!(
        plank
            .levels
            .iter()
            .all(|l| matches!(l.dose, Dose::Hold(_)) && l.target.is_some())
    );
    for id in ["full", "core-shoulders"] {
        let routine = catalog.routine(id).expect("routine");
        let planks: Vec<_> = routine
            .steps
            .iter()
            .filter(|s| s.exercise == "plank")
            .collect();
        assert!(
            planks.last().is_some_and(|s| s.dose.open == Some(true)),
            "{id} ends its plank with an open set"
        );
    }
    assert!(plank.levels.last().is_some_and(|l| l.per_side));
    let push_up = catalog.exercise("push-up").expect("push-up");
    assert!(
        push_up
            .levels
            .iter()
            .all(|l| matches!(&l.dose, Dose::Reps { tempo, .. } if tempo.len() == 3))
    );
    let ostrich = catalog.exercise("ostrich").expect("ostrich");
    assert!(matches!(
        ostrich.levels[0].dose,
        Dose::Reps { count: 10, .. }
    ));
    let stretch = catalog
        .exercise("shoulder-blade-stretch")
        .expect("shoulder-blade-stretch");
    assert_eq!(stretch.levels[0].dose, Dose::Hold(Duration::from_secs(30)));
    assert!(stretch.levels[0].per_side);
}

#[test]
fn builtin_routines_last_about_as_long_as_they_say() {
    let catalog = library::load_from(None, None).expect("the built-ins load");
    let settings = config::defaults();
    let minutes = |id: &str| {
        let routine = catalog.routine(id).expect(id);
        let steps = catalog.resolve(routine, &|_| None);
        estimate(&steps, &settings.timer).as_secs_f64() / 60.0
    };
    // DESIGN.md: the full routine takes about 10-15 minutes, the desk break about 3;
    // each description states its own range.
    let full = minutes("full");
    assert!((10.0..=13.5).contains(&full), "full: {full:.1} min");
    let desk = minutes("desk-break");
    assert!((2.5..=3.5).contains(&desk), "desk-break: {desk:.1} min");
    let core = minutes("core-shoulders");
    assert!(
        (8.0..=10.5).contains(&core),
        "core-shoulders: {core:.1} min"
    );
}

// ---------------------------------------------------------------------------
// User files over the built-ins

#[test]
fn user_files_replace_builtins_by_id_and_add_new_ones() {
    let exercises = format!(
        "{WALL_ANGEL}\n{}",
        r#"
[[exercise]]
id = "plank"
name = "My plank"
kind = "strength"
areas = ["core"]
position = "mat"
summary = "A plank my way."
instructions = ["Get down.", "Hold."]

[[exercise.level]]
name = "Only level"
hold = 40
"#
    );
    let routines = r#"
[[routine]]
id = "desk-break"
name = "My desk break"

[[routine.step]]
exercise = "wall-angel"
reps = 6

[[routine]]
id = "evening"
name = "Evening"

[[routine.step]]
exercise = "plank"
hold = "1m"

[[routine.step]]
exercise = "childs-pose"
"#;
    let catalog = library::load_from(
        Some((EX, exercises.as_bytes())),
        Some((RT, routines.as_bytes())),
    )
    .unwrap_or_else(|d| panic!("{}", render_all(&d)));

    // Exercises: plank replaced in place, wall-angel added at the end.
    let ids: Vec<&str> = catalog.exercises().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "plank",
            "push-up",
            "ostrich",
            "shoulder-blade-stretch",
            "childs-pose",
            "wall-angel"
        ]
    );
    assert_eq!(catalog.exercise_origin("plank"), Some(Origin::Customised));
    assert_eq!(catalog.exercise_origin("wall-angel"), Some(Origin::User));
    assert_eq!(catalog.exercise_origin("push-up"), Some(Origin::BuiltIn));
    let plank = catalog.exercise("plank").expect("plank");
    assert_eq!(plank.name, "My plank");
    assert_eq!(plank.levels.len(), 1);

    // Routines: desk-break replaced in its place, evening added.
    let ids: Vec<&str> = catalog.routines().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["full", "desk-break", "core-shoulders", "evening"]);
    assert_eq!(
        catalog.routine_origin("desk-break"),
        Some(Origin::Customised)
    );
    assert_eq!(catalog.routine_origin("evening"), Some(Origin::User));
    assert_eq!(catalog.routine_origin("full"), Some(Origin::BuiltIn));
    let desk = catalog.routine("desk-break").expect("desk-break");
    assert_eq!(desk.name, "My desk break");
    let steps = catalog.resolve(desk, &|_| None);
    assert_eq!(steps.len(), 1);
    assert!(matches!(steps[0].dose, Dose::Reps { count: 6, .. }));

    // The built-in routines now run the user's plank.
    let full = catalog.routine("full").expect("full");
    let steps = catalog.resolve(full, &|_| None);
    assert_eq!(steps[0].level_name, "Only level");
    assert_eq!(steps[0].dose, Dose::Hold(Duration::from_secs(40)));
    let evening = catalog.routine("evening").expect("evening");
    let steps = catalog.resolve(evening, &|_| None);
    assert_eq!(steps[0].dose, Dose::Hold(Duration::from_secs(60)));
}

#[test]
fn a_user_routine_can_replace_a_builtin_and_keep_its_place() {
    let routines = r#"
[[routine]]
id = "new-one"
name = "New"

[[routine.step]]
exercise = "ostrich"

[[routine]]
id = "full"
name = "Shorter full"

[[routine.step]]
exercise = "plank"
"#;
    let catalog = library::load_from(None, Some((RT, routines.as_bytes())))
        .unwrap_or_else(|d| panic!("{}", render_all(&d)));
    let ids: Vec<&str> = catalog.routines().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["full", "desk-break", "core-shoulders", "new-one"]);
    assert_eq!(catalog.routine("full").map(|r| r.steps.len()), Some(1));
}

#[test]
fn empty_user_files_change_nothing() {
    let catalog = library::load_from(Some((EX, b"")), Some((RT, b"# nothing yet\n")))
        .unwrap_or_else(|d| panic!("{}", render_all(&d)));
    assert_eq!(catalog.exercises().len(), 5);
    assert_eq!(catalog.routines().len(), 3);
}

#[test]
fn load_reads_the_user_files_from_the_config_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("exercises.toml"), WALL_ANGEL).expect("write");
    let catalog = library::load(Some(dir.path())).unwrap_or_else(|d| panic!("{}", render_all(&d)));
    assert_eq!(catalog.exercise_origin("wall-angel"), Some(Origin::User));

    std::fs::write(
        dir.path().join("routines.toml"),
        "[[routine]]\nid = \"x\"\nname = \"X\"\n\n[[routine.step]]\nexercise = \"wal-angel\"\n",
    )
    .expect("write");
    let diags = library::load(Some(dir.path())).expect_err("a bad step");
    let path = dir.path().join("routines.toml").display().to_string();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].path, path);
    assert_eq!((diags[0].line, diags[0].column), (6, 12));
    assert!(
        diags[0]
            .to_string()
            .contains("did you mean \"wall-angel\"?")
    );
}

// ---------------------------------------------------------------------------
// What the user is told about broken files, one kind of problem at a time

#[test]
fn syntax_error() {
    let text = WALL_ANGEL.replace("name = \"Wall angel\"", "name = \"Wall angel");
    insta::assert_snapshot!(exercises_report(&text));
}

#[test]
fn several_syntax_errors_in_one_file() {
    let text = r#"[[routine]
id = "neck"
name = = "Neck"

[[routine.step]]
exercise = plank
sets = 2 3
rest = "20s
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn unknown_keys() {
    let text = WALL_ANGEL
        .replace("cues = ", "cue = ")
        .replace(
            "position = \"standing\"",
            "position = \"standing\"\ncolour = \"red\"",
        )
        .replace("reps = 8", "reps = 8\nper-side = true")
        .replace("[[exercise]]", "[[exercises]]\nid = \"x\"\n\n[[exercise]]");
    insta::assert_snapshot!(exercises_report(&text));
}

#[test]
fn unknown_keys_in_routines() {
    let text = r#"[[routine]]
id = "neck"
name = "Neck"
decription = "For the neck."

[[routine.step]]
exercise = "ostrich"
set = 2
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn wrong_types() {
    let text = WALL_ANGEL
        .replace("name = \"Wall angel\"", "name = 5")
        .replace("kind = \"mobility\"", "kind = true")
        .replace(
            "areas = [\"upper back\", \"shoulders\"]",
            "areas = \"upper back\"",
        )
        .replace("reps = 8", "reps = \"8\"\nsets = 2.5\nper_side = \"yes\"")
        .replace(
            "cues = [\"Ribs down.\", \"Slow and smooth.\"]",
            "cues = [1, 2]",
        );
    insta::assert_snapshot!(exercises_report(&text));
}

#[test]
fn wrong_types_in_routines() {
    let text = r#"[[routine]]
id = 7
name = "Neck"
description = ["For the neck."]

[[routine.step]]
exercise = "ostrich"
level = "2"
rest = true

[[routine]]
id = "other"
name = "Other"
step = "plank"
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn step_naming_a_missing_exercise() {
    let text = r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "plnk"

[[routine.step]]
exercise = "ostrich"

[[routine.step]]
exercise = "squat"
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn duplicate_exercise_ids() {
    let text = format!("{WALL_ANGEL}\n{WALL_ANGEL}");
    insta::assert_snapshot!(exercises_report(&text));
}

#[test]
fn duplicate_routine_ids() {
    let text = r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "ostrich"

[[routine]]
id = "neck"
name = "Neck again"

[[routine.step]]
exercise = "plank"
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn zero_and_negative_durations() {
    let text = r#"[[exercise]]
id = "hang"
name = "Hang"
kind = "stretch"
areas = ["shoulders"]
position = "standing"
summary = "Hang from a bar."
instructions = ["Hold the bar.", "Hang."]

[[exercise.level]]
name = "Zero"
hold = 0
rest = -10

[[exercise.level]]
name = "Zero text"
hold = "0s"

[[exercise.level]]
name = "Negative"
hold = -5

[[exercise.level]]
name = "Zero tempo"
reps = 5
tempo = [{ cue = "Up", time = 0 }]
"#;
    insta::assert_snapshot!(exercises_report(text));
}

#[test]
fn zero_and_negative_durations_in_steps() {
    let text = r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "plank"
hold = 0

[[routine.step]]
exercise = "childs-pose"
hold = -30
rest = "-5s"
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn bad_duration_strings() {
    let text = r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "plank"
hold = "30 seconds"

[[routine.step]]
exercise = "plank"
hold = "1s1m"

[[routine.step]]
exercise = "plank"
hold = "1.5m"

[[routine.step]]
exercise = "plank"
hold = ""

[[routine.step]]
exercise = "plank"
rest = "m5"

[[routine.step]]
exercise = "plank"
rest = "5m5m"

[[routine.step]]
exercise = "plank"
rest = 1.5
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn level_out_of_range() {
    let text = r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "plank"
level = 9

[[routine.step]]
exercise = "ostrich"
level = 0

[[routine.step]]
exercise = "ostrich"
level = -1
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn empty_routines() {
    let text = r#"[[routine]]
id = "nothing"
name = "Nothing"
description = "No steps at all."

[[routine]]
id = "empty"
name = "Empty"
step = []
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn exercise_without_levels() {
    let text = WALL_ANGEL
        .split("[[exercise.level]]")
        .next()
        .unwrap_or_default()
        .to_string();
    let with_empty = format!(
        "{}\nlevel = []\n",
        text.replace("id = \"wall-angel\"", "id = \"wall-angel-2\"")
            .trim_end()
    );
    insta::assert_snapshot!(exercises_report(&format!("{text}\n{with_empty}")));
}

#[test]
fn absurd_values() {
    let text = WALL_ANGEL
        .replace("reps = 8", "reps = 10000\nsets = 100")
        .replace("time = \"3s\" }]", "time = \"5m\" }]")
        + r#"
[[exercise.level]]
name = "All day"
hold = "10h"
rest = "2h"
"#;
    insta::assert_snapshot!(exercises_report(&text));
}

#[test]
fn absurd_values_in_steps() {
    let text = r#"[[routine]]
id = "long"
name = "Long"

[[routine.step]]
exercise = "plank"
level = 1
hold = "10h"
sets = 1000

[[routine.step]]
exercise = "push-up"
reps = 10000
"#;
    insta::assert_snapshot!(routines_report(text));
}

#[test]
fn dose_that_does_not_fit_the_exercise() {
    let text = r#"[[routine]]
id = "mixed"
name = "Mixed"

[[routine.step]]
exercise = "push-up"
hold = "30s"

[[routine.step]]
exercise = "childs-pose"
reps = 10
"#;
    insta::assert_snapshot!(routines_report(text));
}

/// `open = true` only on an exercise dosed by time, and not as `false` with a
/// target on a step (issue 13).
#[test]
fn open_steps_of_exercises_counted_in_reps() {
    let text = r#"[[routine]]
id = "open"
name = "Open"

[[routine.step]]
exercise = "push-up"
open = true

[[routine.step]]
exercise = "plank"
open = "yes"
"#;
    insta::assert_snapshot!(routines_report(text));
}

/// An open plank step aims first at the step's hold, else the level's target,
/// else its hold; the fixed sets before it keep their dose.
#[test]
fn an_open_steps_first_target() {
    let text = r#"[[routine]]
id = "open"
name = "Open"

[[routine.step]]
exercise = "plank"

[[routine.step]]
exercise = "plank"
open = true
sets = 1

[[routine.step]]
exercise = "plank"
open = true
hold = "33s"

[[routine.step]]
exercise = "childs-pose"
open = true
"#;
    let catalog = library::load_from(None, Some((RT, text.as_bytes()))).expect("loads");
    let routine = catalog.routine("open").expect("the routine");
    let steps = catalog.resolve(routine, &|_| None);
    let doses: Vec<(&Dose, u32)> = steps.iter().map(|s| (&s.dose, s.sets)).collect();
    let s = Duration::from_secs;
    assert_eq!(
        doses,
        [
            (&Dose::Hold(s(20)), 2),
            (
                &Dose::OpenHold {
                    target: Some(s(40))
                },
                1
            ),
            (
                &Dose::OpenHold {
                    target: Some(s(33))
                },
                2
            ),
            // Child's pose has no target of its own: its hold is the first.
            (
                &Dose::OpenHold {
                    target: Some(s(60))
                },
                1
            ),
        ]
    );
}

#[test]
fn level_doses_that_conflict() {
    let text = WALL_ANGEL.replace("reps = 8", "reps = 8\nhold = \"30s\"")
        + r#"
[[exercise.level]]
name = "No dose"
sets = 2

[[exercise.level]]
name = "Stray keys"
hold = "20s"
tempo = [{ cue = "Up", time = "1s" }]
target = "30s"

[[exercise.level]]
name = "Closed"
open = false

[[exercise.level]]
name = "Reps with a target"
reps = 5
target = "30s"
"#;
    insta::assert_snapshot!(exercises_report(&text));
}

#[test]
fn non_utf8_bytes() {
    let mut bytes = WALL_ANGEL.as_bytes().to_vec();
    // "Wall angel" -> "Wall \xE9ngel" (Latin-1, not UTF-8) on line 3.
    let at = WALL_ANGEL.find("Wall angel").expect("Wall angel") + 5;
    bytes[at] = 0xE9;
    let diags = match library::load_from(Some((EX, &bytes)), None) {
        Ok(_) => panic!("non-UTF-8 should be rejected"),
        Err(d) => d,
    };
    assert_located(&diags);
    let shown = String::from_utf8_lossy(&bytes);
    insta::assert_snapshot!(report(&[(EX, &shown)], &diags));
}

#[test]
fn huge_file() {
    let mut text = String::from(WALL_ANGEL);
    while text.len() <= MAX_FILE {
        text.push_str("# padding padding padding padding padding padding padding\n");
    }
    let diags = load_err(Some(&text), None);
    assert_eq!(diags.len(), 1);
    // The size concerns the whole file: the path is named, with no line.
    assert_eq!(diags[0].path, EX);
    assert!(diags[0].expected.is_some());
    insta::assert_snapshot!(render_all(&diags).replace(&text.len().to_string(), "SIZE"));
}

#[test]
fn a_file_with_several_problems_reports_all_of_them() {
    let exercises = r#"[[exercise]]
id = "wall-angel"
name = "Wall angel"
kind = "mobilty"
areas = []
position = "standing"
summary = "Slide your arms up and down a wall."
instructions = ["Stand with your back against a wall."]

[[exercise.level]]
name = "Slow slides"
reps = 0
tempo = [{ cue = "Up", tme = "3s" }]

[[exercise]]
id = "Chin Tuck"
name = ""
kind = "mobility"
areas = ["neck"]
position = "desk"
summary = "Tuck the chin."
instructions = ["Sit tall.", "Tuck."]

[[exercise.level]]
name = "Tucks"
hold = "5 s"
"#;
    let routines = r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "ostrch"
sets = 0

[[routine.step]]
exercise = "plank"
level = 7
reps = 3

[[routine]]
name = "No id"

[[routine.step]]
exercise = "childs-pose"
"#;
    let diags = load_err(Some(exercises), Some(routines));
    assert_located(&diags);
    assert!(diags.len() >= 12, "only {} problems reported", diags.len());
    insta::assert_snapshot!(report(&[(EX, exercises), (RT, routines)], &diags));
}

#[test]
fn a_broken_user_exercise_is_not_also_reported_as_missing() {
    // The routine names an exercise whose own definition is broken: the user is told
    // about the definition, not also that the exercise does not exist.
    let exercises = WALL_ANGEL.replace("reps = 8", "reps = -8");
    let routines =
        "[[routine]]\nid = \"r\"\nname = \"R\"\n\n[[routine.step]]\nexercise = \"wall-angel\"\n";
    let diags = load_err(Some(&exercises), Some(routines));
    assert_eq!(diags.len(), 1, "{}", render_all(&diags));
    assert_eq!(diags[0].path, EX);
}

#[test]
fn config_problems_are_located() {
    let text = r#"[timer]
rest = "20 s"
lead_in = 900

[sound]
bel = true

[ui]
theme = "mon"

[session]
weekly_goal = 0

[colours]
"#;
    let mut settings = config::defaults();
    let diags = config::apply(
        &mut settings,
        &upright::store::diag::SourceText::new("config.toml", text),
    );
    assert!(!diags.is_empty());
    for d in &diags {
        assert!(d.line > 0 && d.column > 0 && d.expected.is_some(), "{d}");
    }
    insta::assert_snapshot!(report(&[("config.toml", text)], &diags));
}

// ---------------------------------------------------------------------------
// Property tests: no input makes the loader panic, and every problem is located.

mod properties {
    use super::*;
    use proptest::prelude::*;
    use upright::store::diag::SourceText;

    /// Enough cases to find crashes in the parser glue, few enough to stay fast.
    fn config() -> ProptestConfig {
        ProptestConfig {
            cases: 96,
            failure_persistence: None,
            ..ProptestConfig::default()
        }
    }

    /// Every diagnostic about UTF-8 text points inside the text and says what was
    /// expected.
    fn check_located(text: &str, path: &str, diags: &[Diagnostic]) {
        let lines: Vec<&str> = text.split('\n').collect();
        for d in diags.iter().filter(|d| d.path == path) {
            assert!(d.expected.is_some(), "no expectation: {d}");
            assert!(d.line >= 1, "not located: {d}");
            let line = lines
                .get(d.line - 1)
                .unwrap_or_else(|| panic!("line past the end: {d}"));
            assert!(
                d.column >= 1 && d.column <= line.chars().count() + 1,
                "column past the end of the line: {d}"
            );
        }
        // Rendering never fails either.
        let _ = render_all(diags);
    }

    /// Feeds one text to every reader: user exercises, user routines, config.
    fn feed_text(text: &str) {
        for (ex, rt) in [(Some(text), None), (None, Some(text))] {
            match library::load_from(
                ex.map(|t| (EX, t.as_bytes())),
                rt.map(|t| (RT, t.as_bytes())),
            ) {
                Ok(catalog) => check_usable(&catalog),
                Err(diags) => {
                    check_located(text, EX, &diags);
                    check_located(text, RT, &diags);
                }
            }
        }
        let mut settings = config::defaults();
        let diags = config::apply(&mut settings, &SourceText::new("config.toml", text));
        check_located(text, "config.toml", &diags);
    }

    /// A catalog that loads can be used: every step of every routine resolves at any
    /// level the user may have reached, and its length can be estimated.
    fn check_usable(catalog: &upright::model::catalog::Catalog) {
        let timer = config::defaults().timer;
        for routine in catalog.routines() {
            for current in [None, Some(1), Some(3), Some(99)] {
                let steps = catalog.resolve(routine, &|_| current);
                assert_eq!(steps.len(), routine.steps.len(), "{}", routine.id);
                let _ = estimate(&steps, &timer);
            }
        }
    }

    fn feed_bytes(bytes: &[u8]) {
        let _ = library::load_from(Some((EX, bytes)), None);
        let _ = library::load_from(None, Some((RT, bytes)));
        if let Ok(text) = upright::store::diag::decode("config.toml", bytes, 1 << 20) {
            let mut settings = config::defaults();
            let _ = config::apply(&mut settings, &SourceText::new("config.toml", text));
        }
    }

    /// Every key the files know, and a few near misses.
    fn any_key() -> impl Strategy<Value = &'static str> {
        let mut keys: Vec<&'static str> = Vec::new();
        for set in [
            library::EXERCISE_KEYS,
            library::LEVEL_KEYS,
            library::ROUTINE_KEYS,
            library::STEP_KEYS,
            config::SECTIONS,
            config::TIMER_KEYS,
            config::SOUND_KEYS,
            config::SESSION_KEYS,
            config::UI_KEYS,
            &["exercise", "routine", "cue", "time", "pause", "nmae", "set"],
        ] {
            for k in set {
                if !keys.contains(k) {
                    keys.push(k);
                }
            }
        }
        prop::sample::select(keys)
    }

    /// Values of every TOML type, many of them close to what a key expects.
    fn any_value() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "plank",
            "push-up",
            "ostrich",
            "childs-pose",
            "shoulder-blade-stretch",
            "wall-angel",
            "my-routine",
            "full",
            "strength",
            "stretch",
            "mobility",
            "floor",
            "chair",
            "mono",
            "30s",
            "1m30s",
            "0s",
            "10h",
            "45",
            "-5s",
            "1s1m",
            "",
            " ",
            "Plank",
            "Two words",
            "émoji 🧘",
        ]);
        let leaf = prop_oneof![
            words.clone().prop_map(|w| format!("{w:?}")),
            prop::sample::select(vec![
                0i64,
                1,
                2,
                3,
                10,
                30,
                -1,
                50,
                500,
                501,
                10_000,
                i64::MAX,
                i64::MIN
            ])
            .prop_map(|n| n.to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            prop::sample::select(vec!["1.5", "0.0", "-0.5", "inf", "nan"]).prop_map(String::from),
            Just("1979-05-27T07:32:00Z".to_string()),
            "[a-z0-9 \"]{0,8}".prop_map(|s| format!("{s:?}")),
        ];
        leaf.prop_recursive(3, 16, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|items| format!("[{}]", items.join(", "))),
                (words.clone(), prop::collection::vec(inner, 0..3)).prop_map(|(cue, times)| {
                    let phases: Vec<String> = times
                        .iter()
                        .map(|t| format!("{{ cue = {cue:?}, time = {t} }}"))
                        .collect();
                    format!("[{}]", phases.join(", "))
                }),
            ]
        })
    }

    /// A section: a table header (or none, for the top of the file) and distinct keys.
    fn any_section() -> impl Strategy<Value = String> {
        let header = prop::sample::select(vec![
            "",
            "[[exercise]]",
            "[[exercise.level]]",
            "[[routine]]",
            "[[routine.step]]",
            "[exercise]",
            "[routine.step]",
            "[[exercise.level.tempo]]",
            "[timer]",
            "[sound]",
            "[session]",
            "[ui]",
            "[keys]",
        ]);
        let entries = prop::collection::vec((any_key(), any_value()), 0..8);
        (header, entries).prop_map(|(header, entries)| {
            let mut out = format!("{header}\n");
            let mut seen = Vec::new();
            for (k, v) in entries {
                if !seen.contains(&k) {
                    seen.push(k);
                    out.push_str(&format!("{k} = {v}\n"));
                }
            }
            out
        })
    }

    fn any_document() -> impl Strategy<Value = String> {
        prop::collection::vec(any_section(), 0..8).prop_map(|s| s.concat())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_text_never_panics(text in any::<String>()) {
            feed_text(&text);
        }

        #[test]
        fn toml_like_text_never_panics(text in "[\\[\\]{}=\"'#., \n a-z0-9_-]{0,120}") {
            feed_text(&text);
        }

        #[test]
        fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
            feed_bytes(&bytes);
        }

        #[test]
        fn valid_looking_documents_never_panic(doc in any_document()) {
            feed_text(&doc);
        }

        #[test]
        fn valid_looking_exercises_and_routines_load_together(
            exercises in any_document(),
            routines in any_document(),
        ) {
            if let Ok(catalog) = library::load_from(
                Some((EX, exercises.as_bytes())),
                Some((RT, routines.as_bytes())),
            ) {
                check_usable(&catalog);
            }
        }

        /// A valid file with one line replaced by a random key and value loads or
        /// is rejected with located problems, never anything else.
        #[test]
        fn one_changed_line_in_a_valid_file(
            line in 0usize..14,
            key in any_key(),
            value in any_value(),
        ) {
            let mut lines: Vec<String> = WALL_ANGEL.lines().map(String::from).collect();
            let at = line % lines.len();
            lines[at] = format!("{key} = {value}");
            feed_text(&lines.join("\n"));
        }
    }

    /// The generators reach the interesting parts: most generated documents are
    /// valid TOML, so the checks after parsing run, and some load.
    #[test]
    fn the_generators_reach_past_the_parser() {
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let (mut parsed, mut loaded) = (0, 0);
        for _ in 0..200 {
            let doc = any_document()
                .new_tree(&mut runner)
                .expect("tree")
                .current();
            match library::load_from(None, Some((RT, doc.as_bytes()))) {
                Ok(_) => loaded += 1,
                Err(d) if d.iter().all(|d| !d.message.starts_with("TOML syntax")) => parsed += 1,
                Err(_) => {}
            }
        }
        let mut changed_loaded = 0;
        for _ in 0..200 {
            let line = (0usize..14).new_tree(&mut runner).expect("tree").current();
            let value = any_value().new_tree(&mut runner).expect("tree").current();
            // Keep the key of the line, change its value.
            let mut lines: Vec<String> = WALL_ANGEL.lines().map(String::from).collect();
            if let Some((key, _)) = lines[line].split_once(" = ") {
                lines[line] = format!("{key} = {value}");
            }
            if library::load_from(Some((EX, lines.join("\n").as_bytes())), None).is_ok() {
                changed_loaded += 1;
            }
        }
        eprintln!("parsed {parsed}, loaded {loaded}, changed_loaded {changed_loaded}");
        assert!(
            parsed > 50,
            "only {parsed} of 200 documents got past the parser"
        );
        assert!(loaded > 5, "only {loaded} of 200 documents loaded");
        assert!(
            changed_loaded > 20,
            "only {changed_loaded} of 200 changed files loaded"
        );
    }
}

// ---------------------------------------------------------------------------
// The README documents the formats: its examples must load and it must name every key.

/// The body of the first ```toml block of the README whose first line is `first`.
fn readme_block(first: &str) -> String {
    let readme = include_str!("../../README.md");
    readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.lines().next() == Some(first))
        .unwrap_or_else(|| panic!("no ```toml block starting with {first:?} in the README"))
        .to_string()
}

#[test]
fn the_readme_examples_load() {
    let exercises = readme_block("# exercises.toml");
    let routines = readme_block("# routines.toml");
    let catalog = library::load_from(
        Some((EX, exercises.as_bytes())),
        Some((RT, routines.as_bytes())),
    )
    .unwrap_or_else(|d| panic!("{}", render_all(&d)));
    assert_eq!(catalog.exercise_origin("wall-angel"), Some(Origin::User));
    let wall = catalog.exercise("wall-angel").expect("wall-angel");
    assert_eq!(wall.levels.len(), 3);
    assert!(wall.levels[2].per_side);
    let morning = catalog.routine("morning").expect("morning");
    assert_eq!(morning.steps.len(), 3);
    assert_eq!(catalog.routine_origin("morning"), Some(Origin::User));

    let settings_example = readme_block("[timer]");
    let mut settings = config::defaults();
    let diags = config::apply(
        &mut settings,
        &upright::store::diag::SourceText::new("README", &settings_example),
    );
    assert!(diags.is_empty(), "{}", render_all(&diags));
    assert_eq!(settings.timer.rest, Duration::from_secs(30));
}

#[test]
fn the_readme_names_every_key() {
    let readme = include_str!("../../README.md");
    for key in library::EXERCISE_KEYS
        .iter()
        .chain(library::LEVEL_KEYS)
        .chain(library::ROUTINE_KEYS)
        .chain(library::STEP_KEYS)
        .chain(config::TIMER_KEYS)
        .chain(config::SOUND_KEYS)
        .chain(config::SESSION_KEYS)
        .chain(config::UI_KEYS)
        .chain(config::PROGRESS_KEYS)
        .chain(reminders::REMIND_KEYS)
        .chain(reminders::REMINDER_KEYS)
    {
        // "level" and "step" are documented as their table headers.
        let documented = readme.contains(&format!("`{key}`"))
            || readme.contains(&format!("`{key} = "))
            || readme.contains(&format!("[[exercise.{key}]]"))
            || readme.contains(&format!("[[routine.{key}]]"));
        assert!(documented, "the README does not document `{key}`");
    }
    for section in config::SECTIONS {
        // `[[reminder]]` is an array of tables.
        let documented = readme.contains(&format!("`[{section}]`"))
            || readme.contains(&format!("`[[{section}]]`"));
        assert!(documented, "[{section}]");
    }
}
