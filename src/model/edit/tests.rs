//! Unit tests of the routine editor.

use super::*;
use crate::model::exercise::{Kind, Level, Position};
use std::time::Duration;

pub(crate) fn limits() -> Limits {
    Limits {
        max_steps: 5,
        max_sets: 20,
        max_reps: 500,
        max_level: 50,
        hold_min: Duration::from_secs(1),
        hold_max: Duration::from_secs(1800),
        rest_min: Duration::ZERO,
        rest_max: Duration::from_secs(1800),
        max_name: 80,
    }
}

fn exercise(id: &str, doses: Vec<Dose>) -> Exercise {
    Exercise {
        id: id.into(),
        name: id.to_uppercase(),
        kind: Kind::Strength,
        areas: vec!["core".into()],
        position: Position::Floor,
        summary: String::new(),
        instructions: vec!["Do it.".into()],
        cues: Vec::new(),
        caution: String::new(),
        figure: None,
        levels: doses
            .into_iter()
            .map(|dose| Level {
                name: "L".into(),
                how: String::new(),
                dose,
                per_side: false,
                sets: 1,
                rest: None,
                figure: None,
                target: None,
            })
            .collect(),
    }
}

fn hold_ex() -> Exercise {
    exercise(
        "plank",
        vec![
            Dose::Hold(Duration::from_secs(20)),
            Dose::OpenHold { target: None },
        ],
    )
}

fn reps_ex() -> Exercise {
    exercise(
        "push-up",
        vec![Dose::Reps {
            count: 8,
            tempo: Vec::new(),
        }],
    )
}

fn routine(steps: &[&str]) -> Routine {
    Routine {
        id: "r".into(),
        name: "R".into(),
        description: String::new(),
        steps: steps.iter().map(|s| Step::for_exercise(s)).collect(),
    }
}

fn order(e: &Editor) -> Vec<&str> {
    e.routine()
        .steps
        .iter()
        .map(|s| s.exercise.as_str())
        .collect()
}

#[test]
fn moves_steps_and_the_selection_follows() {
    let mut e = Editor::open(routine(&["a", "b", "c"]), limits());
    assert!(!e.is_dirty());
    e.move_up(2).unwrap();
    assert_eq!(order(&e), ["a", "c", "b"]);
    assert_eq!(e.selected(), 1);
    e.move_up(1).unwrap();
    assert_eq!(order(&e), ["c", "a", "b"]);
    assert_eq!(e.selected(), 0);
    assert_eq!(e.move_up(0).unwrap_err().0, "the step is already first");
    assert_eq!(e.move_down(2).unwrap_err().0, "the step is already last");
    e.move_down(0).unwrap();
    assert_eq!(order(&e), ["a", "c", "b"]);
    assert!(e.is_dirty());
    assert_eq!(e.move_up(7).unwrap_err().0, "there is no step 8");
}

#[test]
fn adds_deletes_and_duplicates() {
    let mut e = Editor::open(routine(&["a"]), limits());
    e.add(0, &hold_ex()).unwrap();
    assert_eq!(order(&e), ["plank", "a"]);
    assert_eq!(e.selected(), 0);
    e.add(2, &reps_ex()).unwrap();
    assert_eq!(order(&e), ["plank", "a", "push-up"]);
    assert_eq!(e.selected(), 2);
    assert!(e.add(4, &reps_ex()).is_err());
    e.duplicate(1).unwrap();
    assert_eq!(order(&e), ["plank", "a", "a", "push-up"]);
    assert_eq!(e.selected(), 2);
    e.duplicate(0).unwrap();
    assert_eq!(e.routine().steps.len(), 5);
    // The limit of 5 steps in these tests.
    assert_eq!(
        e.duplicate(0).unwrap_err().0,
        "a routine has at most 5 steps"
    );
    assert!(e.add(0, &hold_ex()).is_err());
    let removed = e.delete(4).unwrap();
    assert_eq!(removed.exercise, "push-up");
    assert_eq!(e.selected(), 3, "the selection stays on the last step");
    for _ in 0..4 {
        e.delete(0).unwrap();
    }
    assert!(e.routine().steps.is_empty());
    assert_eq!(e.delete(0).unwrap_err().0, "the routine has no steps yet");
    assert!(e.check_saveable().is_err());
}

fn valid_dose() -> StepDose {
    StepDose {
        level: Some(2),
        sets: Some(3),
        hold: Some(Duration::from_secs(45)),
        reps: None,
        rest: Some(Duration::from_secs(15)),
        per_side: Some(true),
        open: None,
    }
}

fn wrong_in_every_field() -> StepDose {
    StepDose {
        level: Some(3),
        sets: Some(0),
        hold: Some(Duration::from_secs(3600)),
        reps: None,
        rest: Some(Duration::from_secs(3600)),
        per_side: None,
        open: None,
    }
}

#[test]
fn doses_are_checked_against_the_exercise_and_limits() {
    let plank = hold_ex();
    let push = reps_ex();
    let secs = Duration::from_secs;
    let ok = valid_dose();
    let bad = |d: StepDose, ex: &Exercise| check_dose(&d, ex, &limits());
    assert_eq!(
        bad(
            StepDose {
                reps: Some(5),
                ..ok
            },
            &plank
        ),
        [(
            DoseField::Reps,
            "PLANK is held for a time, not counted in reps".to_string()
        )]
    );
    assert_eq!(
        bad(
            StepDose {
                hold: Some(secs(30)),
                ..StepDose::default()
            },
            &push
        ),
        [(
            DoseField::Hold,
            "PUSH-UP is counted in reps, not held".to_string()
        )]
    );
    let all_wrong = wrong_in_every_field();
    let fields: Vec<DoseField> = bad(all_wrong, &plank).into_iter().map(|p| p.0).collect();
    assert_eq!(
        fields,
        [
            DoseField::Level,
            DoseField::Sets,
            DoseField::Hold,
            DoseField::Rest
        ]
    );
    assert_eq!(
        bad(all_wrong, &plank)[0].1,
        "level 3 does not exist: PLANK has levels 1 to 2"
    );
    assert_eq!(
        bad(
            StepDose {
                hold: Some(secs(0)),
                ..ok
            },
            &plank
        )[0]
        .1,
        "hold must be from 1s to 30m"
    );
    assert_eq!(
        bad(
            StepDose {
                reps: Some(501),
                ..StepDose::default()
            },
            &push
        )[0]
        .1,
        "reps must be from 1 to 500"
    );
}

#[test]
fn a_dose_is_set_only_when_it_is_valid_and_changes_something() {
    let mut r = routine(&["plank", "push-up"]);
    r.steps[0].dose.sets = Some(2);
    let mut e = Editor::open(r, limits());
    let plank = hold_ex();
    let secs = Duration::from_secs;
    let ok = valid_dose();
    let all_wrong = wrong_in_every_field();
    e.set_dose(0, ok, &plank).unwrap();
    let s = &e.routine().steps[0].dose;
    assert_eq!(
        (s.level, s.sets, s.hold, s.rest, s.per_side),
        (Some(2), Some(3), Some(secs(45)), Some(secs(15)), Some(true))
    );
    // A refused dose changes nothing and leaves nothing to undo.
    let before = e.routine().clone();
    let undo_before = e.undo.len();
    let err = e.set_dose(0, all_wrong, &plank).unwrap_err();
    assert_eq!(err.0, "level 3 does not exist: PLANK has levels 1 to 2");
    assert_eq!(e.routine(), &before);
    assert_eq!(e.undo.len(), undo_before);
    // The exercise must be the step's own.
    assert!(e.set_dose(1, ok, &plank).is_err());
    // An unchanged dose is not a change.
    e.set_dose(0, ok, &plank).unwrap();
    assert_eq!(e.undo.len(), undo_before);
}

#[test]
fn renames_within_limits() {
    let mut e = Editor::open(routine(&["a"]), limits());
    e.rename("  Morning  ").unwrap();
    assert_eq!(e.routine().name, "Morning");
    assert_eq!(e.rename("   ").unwrap_err().0, "the name is empty");
    assert!(
        e.rename(&"x".repeat(81))
            .unwrap_err()
            .0
            .contains("too long")
    );
    assert_eq!(e.routine().id, "r");
    e.undo();
    assert_eq!(e.routine().name, "R");
    assert!(!e.is_dirty());
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut e = Editor::open(routine(&["a", "b", "c"]), limits());
    assert!(!e.undo());
    e.move_up(2).unwrap();
    e.delete(0).unwrap();
    e.add(0, &hold_ex()).unwrap();
    assert_eq!(order(&e), ["plank", "c", "b"]);
    assert!(e.undo());
    assert_eq!(order(&e), ["c", "b"]);
    assert!(e.undo());
    assert_eq!(order(&e), ["a", "c", "b"]);
    assert!(e.redo());
    assert_eq!(order(&e), ["c", "b"]);
    assert!(e.undo() && e.undo());
    assert_eq!(order(&e), ["a", "b", "c"]);
    assert_eq!(e.selected(), 0);
    assert!(!e.is_dirty());
    assert!(!e.undo());
    assert!(e.redo() && e.redo() && e.redo());
    assert_eq!(order(&e), ["plank", "c", "b"]);
    assert!(!e.redo());
    // A new change forgets what could be redone.
    e.undo();
    e.duplicate(0).unwrap();
    assert!(!e.can_redo());
    assert_eq!(order(&e), ["c", "c", "b"]);
}

#[test]
fn dirty_follows_the_saved_version() {
    let mut e = Editor::open(routine(&["a", "b"]), limits());
    e.move_down(0).unwrap();
    assert!(e.is_dirty());
    let now = e.routine().clone();
    e.mark_saved(&now);
    assert!(!e.is_dirty());
    e.undo();
    assert!(e.is_dirty(), "undoing past a save makes it differ again");
    e.redo();
    assert!(!e.is_dirty());
    let new = Editor::new_routine("x", "X", limits()).unwrap();
    assert!(new.is_new() && new.is_dirty());
    assert!(Editor::new_routine("x", " ", limits()).is_err());
}

#[test]
fn replace_is_one_undoable_change() {
    let mut e = Editor::open(routine(&["a", "b"]), limits());
    e.delete(0).unwrap();
    let original = routine(&["a", "b"]);
    e.replace(original.clone()).unwrap();
    assert_eq!(e.routine(), &original);
    e.undo();
    assert_eq!(order(&e), ["b"]);
    let mut other = original;
    other.id = "other".into();
    assert!(e.replace(other).is_err());
}

#[test]
fn ids_come_from_names_and_are_unique() {
    let taken = |id: &str| ["full", "neck-break", "neck-break-2"].contains(&id);
    assert_eq!(id_from_name("Neck break!", &taken), "neck-break-3");
    assert_eq!(
        id_from_name("  Évening   stretch ", &taken),
        "evening-stretch"
    );
    assert_eq!(id_from_name("Full", &taken), "full-2");
    assert_eq!(id_from_name("!!!", &taken), "routine");
    assert_eq!(id_from_name("Morning 2", &taken), "morning-2");
    let long = id_from_name(&"a".repeat(100), &taken);
    assert_eq!(long.len(), 56);
}
