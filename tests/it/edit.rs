//! The routine editor's model under random sequences of edits.

use std::time::Duration;

use proptest::prelude::*;
use upright::model::catalog::Catalog;
use upright::model::edit::Editor;
use upright::model::limits::EDIT_LIMITS;
use upright::model::routine::StepDose;
use upright::store::library;

/// One edit, with indices that may well be out of range (those are refused).
#[derive(Debug, Clone)]
enum Edit {
    Up(usize),
    Down(usize),
    Add(usize, usize),
    Delete(usize),
    Duplicate(usize),
    Dose(usize, StepDose),
    Rename(String),
    Select(usize),
    Undo,
    Redo,
}

fn arb_dose() -> impl Strategy<Value = StepDose> {
    (
        proptest::option::of(0usize..6),
        proptest::option::of(0u32..25),
        proptest::option::of((0u64..2000).prop_map(Duration::from_secs)),
        proptest::option::of(0u32..600),
        proptest::option::of((0u64..2000).prop_map(Duration::from_secs)),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(level, sets, hold, reps, rest, per_side, open)| StepDose {
            level,
            sets,
            hold,
            reps,
            rest,
            per_side,
            open,
        })
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..8).prop_map(Edit::Up),
        (0usize..8).prop_map(Edit::Down),
        (0usize..8, 0usize..5).prop_map(|(at, ex)| Edit::Add(at, ex)),
        (0usize..8).prop_map(Edit::Delete),
        (0usize..8).prop_map(Edit::Duplicate),
        (0usize..8, arb_dose()).prop_map(|(i, d)| Edit::Dose(i, d)),
        "[ a-zA-Z]{0,12}".prop_map(Edit::Rename),
        (0usize..8).prop_map(Edit::Select),
    ]
}

fn catalog() -> Catalog {
    library::load_from(None, None).expect("built-ins load")
}

/// Applies an edit; returns whether it changed the history (an edit accepted).
fn apply(editor: &mut Editor, catalog: &Catalog, edit: &Edit) -> bool {
    match edit {
        Edit::Up(i) => editor.move_up(*i).is_ok(),
        Edit::Down(i) => editor.move_down(*i).is_ok(),
        Edit::Add(at, ex) => {
            let exercise = catalog.exercises().nth(*ex).expect("five exercises");
            editor.add(*at, exercise).is_ok()
        }
        Edit::Delete(i) => editor.delete(*i).is_ok(),
        Edit::Duplicate(i) => editor.duplicate(*i).is_ok(),
        Edit::Dose(i, dose) => {
            let Some(step) = editor.routine().steps.get(*i) else {
                return editor
                    .set_dose(*i, *dose, catalog.exercises().next().unwrap())
                    .is_ok();
            };
            let exercise = catalog.exercise(&step.exercise).expect("exists").clone();
            let before = editor.routine().clone();
            editor.set_dose(*i, *dose, &exercise).is_ok() && *editor.routine() != before
        }
        Edit::Rename(name) => {
            let before = editor.routine().name.clone();
            editor.rename(name).is_ok() && editor.routine().name != before
        }
        Edit::Select(i) => {
            editor.select(*i);
            false
        }
        Edit::Undo => editor.undo(),
        Edit::Redo => editor.redo(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any sequence of edits followed by as many undos gives back the original
    /// routine (and it is no longer dirty); as many redos then give back the
    /// edited one.
    #[test]
    fn undoing_every_edit_restores_the_original(
        routine in 0usize..3,
        edits in proptest::collection::vec(arb_edit(), 0..40),
    ) {
        let catalog = catalog();
        let original = catalog.routines().nth(routine).unwrap().clone();
        let mut editor = Editor::open(original.clone(), EDIT_LIMITS);
        for e in &edits {
            apply(&mut editor, &catalog, e);
        }
        let edited = editor.routine().clone();
        for _ in 0..edits.len() {
            editor.undo();
        }
        prop_assert_eq!(editor.routine(), &original);
        prop_assert!(!editor.is_dirty());
        prop_assert!(!editor.can_undo());
        for _ in 0..edits.len() {
            editor.redo();
        }
        prop_assert_eq!(editor.routine(), &edited);
    }

    /// Every accepted edit (undos and redos among them) leaves a routine the
    /// loader accepts, once it has a step; the selection always points at a step.
    #[test]
    fn edits_keep_the_routine_loadable(
        edits in proptest::collection::vec(
            prop_oneof![4 => arb_edit(), 1 => Just(Edit::Undo), 1 => Just(Edit::Redo)],
            0..30,
        ),
    ) {
        let catalog = catalog();
        let original = catalog.routine("core-shoulders").unwrap().clone();
        let mut editor = Editor::open(original, EDIT_LIMITS);
        for e in &edits {
            apply(&mut editor, &catalog, e);
            let n = editor.routine().steps.len();
            prop_assert!(editor.selected() < n.max(1));
        }
        if editor.check_saveable().is_ok() {
            let text = upright::store::routines_file::apply(
                None,
                "routines.toml",
                upright::store::routines_file::Change::Put(editor.routine()),
            )
            .unwrap();
            let loaded = library::load_from(None, Some(("routines.toml", text.as_bytes())));
            let loaded = match loaded {
                Ok(c) => c,
                Err(d) => return Err(TestCaseError::fail(format!("{d:?}\n{text}"))),
            };
            prop_assert_eq!(loaded.routine("core-shoulders"), Some(editor.routine()));
        }
    }
}

#[test]
fn each_edit_is_one_undo_step() {
    let catalog = catalog();
    let original = catalog.routine("full").unwrap().clone();
    let mut editor = Editor::open(original.clone(), EDIT_LIMITS);
    let plank = catalog.exercise("plank").unwrap();
    editor.add(5, plank).unwrap();
    editor.move_up(5).unwrap();
    editor.duplicate(4).unwrap();
    editor.delete(0).unwrap();
    editor.rename("Mine").unwrap();
    let mut seen = vec![editor.routine().clone()];
    while editor.undo() {
        seen.push(editor.routine().clone());
    }
    assert_eq!(seen.len(), 6, "five edits, five undos");
    assert_eq!(seen.last(), Some(&original));
    // Every state differs from the one before it.
    assert!(seen.windows(2).all(|w| w[0] != w[1]));
}
