//! The routine editor in the app: keys, dialogs, effects and the runner's reports,
//! and snapshots of its views at 80x24 and 120x40.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::Widget;
use upright::app::editor::Modal;
use upright::app::keymap::{Key, Keymap};
use upright::app::{App, Effect, Overlay, Screen};
use upright::model::catalog::Origin;
use upright::model::diagnostic::Diagnostic;
use upright::model::routine::Routine;
use upright::store::{config, library};

use crate::fixtures::{monday_morning as now, screen};

/// A user routine, and the built-in desk break customised (ostrich hold longer).
const USER_ROUTINES: &[u8] = br#"
[[routine]]
id = "mixed"
name = "Mixed test routine"
description = "Open hold and per-side work."

[[routine.step]]
exercise = "plank"
level = 2

[[routine.step]]
exercise = "shoulder-blade-stretch"
hold = "5s"

[[routine]]
id = "desk-break"
name = "Desk break"

[[routine.step]]
exercise = "shoulder-blade-stretch"

[[routine.step]]
exercise = "ostrich"
sets = 3
"#;

const CONFIG_DIR_FILE: &str = "/home/me/.config/upright/routines.toml";

fn new_app() -> App {
    let catalog =
        library::load_from(None, Some(("routines.toml", USER_ROUTINES))).expect("catalog");
    let mut settings = config::defaults();
    // The pain question before a session is tested elsewhere.
    settings.session.ask_pain = false;
    App::new(catalog, settings, Keymap::default(), now())
}

macro_rules! snap {
    ($name:expr, $app:expr) => {
        insta::assert_snapshot!(format!("{}_80x24", $name), screen(&$app, 80, 24));
        insta::assert_snapshot!(format!("{}_120x40", $name), screen(&$app, 120, 40));
    };
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.key(Key::ch(c), now());
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.key(Key::plain(code), now());
}

/// Opens the editor on the routine with this id, from the picker.
fn edit(app: &mut App, id: &str) {
    let i = app.catalog.routines().position(|r| r.id == id).unwrap();
    app.selected = i;
    press(app, "e");
    assert_eq!(app.editor().unwrap().edit.routine().id, id);
}

fn order(app: &App) -> Vec<String> {
    app.editor()
        .unwrap()
        .edit
        .routine()
        .steps
        .iter()
        .map(|s| s.exercise.clone())
        .collect()
}

fn modal(app: &App) -> Option<&Modal> {
    app.editor().and_then(|e| e.modal.as_ref())
}

fn saved_routine(app: &mut App) -> Routine {
    let effects = app.take_effects();
    match effects.as_slice() {
        [Effect::SaveRoutine { routine }] => routine.clone(),
        other => panic!("expected one save, got {other:?}"),
    }
}

#[test]
fn the_list_moves_steps_and_the_estimate_follows() {
    let mut app = new_app();
    edit(&mut app, "full");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Editing: Full upper-back routine"), "{s}");
    assert!(s.contains("about 11 min"), "{s}");
    assert!(!s.contains("(modified)"), "{s}");
    snap!("editor_list", app);

    // The last step to the top: select it, then move it up five times.
    press(&mut app, "jjjjj");
    assert_eq!(app.editor().unwrap().edit.selected(), 5);
    press(&mut app, "KKKK");
    app.key(Key::shift(KeyCode::Up), now());
    assert_eq!(
        order(&app),
        [
            "childs-pose",
            "plank",
            "plank",
            "push-up",
            "ostrich",
            "shoulder-blade-stretch"
        ]
    );
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Editing: Full upper-back routine (modified)"),
        "{s}"
    );
    assert!(s.contains("Moved up."), "{s}");
    // At the top already: the refusal is said, nothing changes.
    press(&mut app, "K");
    assert!(screen(&app, 80, 24).contains("The step is already first."));
    press(&mut app, "J");
    assert_eq!(order(&app)[..2], ["plank", "childs-pose"]);
    // Undo and redo through the keymap (u, Ctrl-R).
    press(&mut app, "u");
    assert_eq!(order(&app)[0], "childs-pose");
    app.key(Key::ctrl('r'), now());
    assert_eq!(order(&app)[0], "plank");

    // Deleting the first step shortens the estimate at once.
    press(&mut app, "k");
    press(&mut app, "d");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Removed Plank (u to undo)."), "{s}");
    assert!(s.contains("5 steps · about 10 min"), "{s}");
    press(&mut app, "y");
    assert_eq!(order(&app)[..2], ["childs-pose", "childs-pose"]);
}

#[test]
fn the_selected_step_is_reverse_video_in_mono() {
    let mut app = new_app();
    app.no_color = true;
    edit(&mut app, "full");
    press(&mut app, "j");
    press(&mut app, "j");
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    (&app).render(buf.area, &mut buf);
    let row = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("3. Push-up")
        })
        .expect("the push-up row");
    for x in 3..40 {
        assert!(
            buf[(x, row)].modifier.contains(Modifier::REVERSED),
            "cell {x},{row} is not reversed"
        );
    }
    let other = row + 2;
    assert!(!buf[(5, other)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_dose_form_checks_as_you_type() {
    let mut app = new_app();
    edit(&mut app, "full");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(modal(&app), Some(Modal::Dose(_))));
    snap!("editor_dose_form", app);

    // Level: 7 does not exist for the plank.
    press(&mut app, "7");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("level 7 does not exist: Plank has levels 1 to 4"),
        "{s}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(matches!(modal(&app), Some(Modal::Dose(_))), "refused");
    key(&mut app, KeyCode::Backspace);
    press(&mut app, "3");
    // Sets: 3. Hold: 45s. The rest stays the level's own.
    key(&mut app, KeyCode::Tab);
    press(&mut app, "3");
    key(&mut app, KeyCode::Tab);
    press(&mut app, "45x");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("\"45x\" is not a duration such as 45s or 1m30s"),
        "{s}"
    );
    key(&mut app, KeyCode::Backspace);
    press(&mut app, "s");
    snap!("editor_dose_form_filled", app);
    key(&mut app, KeyCode::Enter);
    assert_eq!(modal(&app), None);
    let step = &app.editor().unwrap().edit.routine().steps[0].dose;
    assert_eq!(step.level, Some(3));
    assert_eq!(step.sets, Some(3));
    assert_eq!(step.hold, Some(std::time::Duration::from_secs(45)));
    let s = screen(&app, 80, 24);
    assert!(s.contains("Level 3: On hands"), "{s}");
    assert!(s.contains("3 sets × hold 0:45"), "{s}");
    assert!(s.contains("Changed the dose of Plank."), "{s}");

    // Esc cancels without a change; a push-up's form asks for reps, not a hold.
    press(&mut app, "jj");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Reps") && !s.contains("Hold"), "{s}");
    press(&mut app, "9");
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.editor().unwrap().edit.routine().steps[2].dose.level,
        None
    );
}

#[test]
fn adding_filters_the_exercise_library() {
    let mut app = new_app();
    edit(&mut app, "desk-break");
    press(&mut app, "a");
    snap!("editor_add_list", app);
    press(&mut app, "pla");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Filter: pla"), "{s}");
    assert!(
        s.contains("Plank") && !s.contains("Push-up · strength"),
        "{s}"
    );
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    // Typing j and k filters: they do not move the selection here.
    press(&mut app, "neck");
    snap!("editor_add_list_filtered", app);
    press(&mut app, "zz");
    assert!(screen(&app, 80, 24).contains("No exercise matches \"neckzz\"."));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(modal(&app), Some(Modal::Add(_))), "nothing to add");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    // Added after the selected (first) step, and selected.
    assert_eq!(
        order(&app),
        ["shoulder-blade-stretch", "ostrich", "ostrich"]
    );
    assert_eq!(app.editor().unwrap().edit.selected(), 1);
    assert!(screen(&app, 80, 24).contains("Added Ostrich (neck glide)."));
}

#[test]
fn saving_a_built_in_makes_it_customised() {
    let mut app = new_app();
    edit(&mut app, "full");
    assert!(screen(&app, 120, 40).contains("Built-in routine: s saves your own copy"));
    press(&mut app, "s");
    assert!(screen(&app, 80, 24).contains("No changes to save."));
    assert!(app.take_effects().is_empty());
    press(&mut app, "jjjjjKKKKK");
    press(&mut app, "s");
    let routine = saved_routine(&mut app);
    assert_eq!(routine.steps[0].exercise, "childs-pose");
    app.routine_saved(&routine, Ok(CONFIG_DIR_FILE.into()));
    assert_eq!(app.catalog.routine("full"), Some(&routine));
    assert_eq!(app.catalog.routine_origin("full"), Some(Origin::Customised));
    let s = screen(&app, 120, 40);
    assert!(s.contains(&format!("Saved to {CONFIG_DIR_FILE}.")), "{s}");
    assert!(!s.contains("(modified)"), "{s}");
    // Back in the picker: marked customised, and the new order shows.
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Main));
    let s = screen(&app, 80, 24);
    assert!(s.contains("(customised)"), "{s}");
    assert!(s.contains("1. Child's pose"), "{s}");
    insta::assert_snapshot!("picker_customised_80x24", s);
    // And a session starts with the moved step.
    assert!(app.start_session("full"));
    assert_eq!(
        app.running().unwrap().session.plan().steps[0].exercise_id,
        "childs-pose"
    );
}

#[test]
fn a_failed_save_keeps_the_edit_and_says_why() {
    let mut app = new_app();
    edit(&mut app, "full");
    press(&mut app, "d");
    press(&mut app, "s");
    let routine = saved_routine(&mut app);
    let diag = Diagnostic {
        path: CONFIG_DIR_FILE.into(),
        line: 3,
        column: 8,
        message: "TOML syntax error: invalid basic string".into(),
        expected: Some("`\"`".into()),
    };
    app.routine_saved(&routine, Err(diag));
    let e = app.editor().unwrap();
    assert!(e.edit.is_dirty(), "the edit stays in memory");
    assert_eq!(e.edit.routine().steps.len(), 5);
    assert_eq!(app.catalog.routine("full").unwrap().steps.len(), 6);
    assert_eq!(app.catalog.routine_origin("full"), Some(Origin::BuiltIn));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Not saved: /home/me/.config/upright/routines.toml:3:8: TOML syntax"),
        "{s}"
    );
    snap!("editor_save_error", app);
    // Esc asks, since the changes are not saved.
    key(&mut app, KeyCode::Esc);
    assert_eq!(modal(&app), Some(&Modal::ConfirmLeave { quit: false }));
}

#[test]
fn leaving_with_unsaved_changes_asks() {
    let mut app = new_app();
    edit(&mut app, "full");
    press(&mut app, "y");
    key(&mut app, KeyCode::Esc);
    assert_eq!(modal(&app), Some(&Modal::ConfirmLeave { quit: false }));
    snap!("editor_confirm_leave", app);
    // k keeps editing.
    press(&mut app, "k");
    assert_eq!(modal(&app), None);
    assert_eq!(order(&app).len(), 7);
    // d discards.
    press(&mut app, "q");
    press(&mut app, "d");
    assert!(matches!(app.screen, Screen::Main));
    assert_eq!(app.catalog.routine("full").unwrap().steps.len(), 6);
    assert!(app.take_effects().is_empty());

    // s saves, then leaves once the save is reported.
    edit(&mut app, "full");
    press(&mut app, "y");
    key(&mut app, KeyCode::Esc);
    press(&mut app, "s");
    let routine = saved_routine(&mut app);
    assert!(app.editor().is_some(), "still there until the save is done");
    app.routine_saved(&routine, Ok(CONFIG_DIR_FILE.into()));
    assert!(matches!(app.screen, Screen::Main));
    assert!(screen(&app, 80, 24).contains("Saved \"Full upper-back routine\""));

    // Ctrl-C with unsaved changes asks too; a second Ctrl-C quits.
    edit(&mut app, "full");
    press(&mut app, "d");
    app.key(Key::ctrl('c'), now());
    assert_eq!(modal(&app), Some(&Modal::ConfirmLeave { quit: true }));
    assert!(!app.quit);
    app.key(Key::ctrl('c'), now());
    assert!(app.quit);

    // From a dialog too; with nothing changed it quits at once.
    let mut app = new_app();
    edit(&mut app, "full");
    press(&mut app, "a");
    app.key(Key::ctrl('c'), now());
    assert!(app.quit);
    let mut app = new_app();
    edit(&mut app, "full");
    press(&mut app, "d");
    key(&mut app, KeyCode::Enter);
    app.key(Key::ctrl('c'), now());
    assert_eq!(modal(&app), Some(&Modal::ConfirmLeave { quit: true }));
    let mut app = new_app();
    press(&mut app, "n");
    app.key(Key::ctrl('c'), now());
    assert!(app.quit);
}

#[test]
fn deleting_a_user_routine_asks_and_undo_brings_it_back() {
    let mut app = new_app();
    edit(&mut app, "mixed");
    press(&mut app, "D");
    assert_eq!(modal(&app), Some(&Modal::ConfirmDelete));
    snap!("editor_confirm_delete", app);
    press(&mut app, "n");
    assert_eq!(modal(&app), None);
    assert!(app.take_effects().is_empty());
    press(&mut app, "D");
    press(&mut app, "y");
    let effects = app.take_effects();
    assert_eq!(effects, [Effect::DeleteRoutine { id: "mixed".into() }]);
    app.routine_removed("mixed", Ok(CONFIG_DIR_FILE.into()));
    assert!(app.catalog.routine("mixed").is_none());
    let s = screen(&app, 80, 24);
    assert!(s.contains("u brings it back; Esc leaves."), "{s}");
    // Edits are refused while deleted; u restores the saved version.
    press(&mut app, "d");
    assert!(screen(&app, 80, 24).contains("This routine was deleted"));
    press(&mut app, "u");
    let routine = saved_routine(&mut app);
    assert_eq!(routine.id, "mixed");
    assert_eq!(routine.steps.len(), 2);
    app.routine_saved(&routine, Ok(CONFIG_DIR_FILE.into()));
    assert_eq!(app.catalog.routine("mixed"), Some(&routine));
    assert_eq!(app.catalog.routine_origin("mixed"), Some(Origin::User));
    assert!(screen(&app, 80, 24).contains("Brought back into"));

    // Built-ins cannot be deleted.
    key(&mut app, KeyCode::Esc);
    edit(&mut app, "full");
    press(&mut app, "D");
    assert_eq!(modal(&app), None);
    assert!(screen(&app, 80, 24).contains("A built-in routine cannot be deleted."));
}

#[test]
fn resetting_a_customised_built_in() {
    let mut app = new_app();
    assert_eq!(
        app.catalog.routine_origin("desk-break"),
        Some(Origin::Customised)
    );
    edit(&mut app, "desk-break");
    let mine = app.editor().unwrap().edit.routine().clone();
    press(&mut app, "R");
    assert_eq!(modal(&app), Some(&Modal::ConfirmReset));
    snap!("editor_confirm_reset", app);
    press(&mut app, "y");
    assert_eq!(
        app.take_effects(),
        [Effect::DeleteRoutine {
            id: "desk-break".into()
        }]
    );
    app.routine_removed("desk-break", Ok(CONFIG_DIR_FILE.into()));
    let builtin = library::load(None)
        .unwrap()
        .routine("desk-break")
        .cloned()
        .unwrap();
    assert_eq!(app.catalog.routine("desk-break"), Some(&builtin));
    assert_eq!(
        app.catalog.routine_origin("desk-break"),
        Some(Origin::BuiltIn)
    );
    let e = app.editor().unwrap();
    assert_eq!(e.edit.routine(), &builtin);
    assert!(!e.edit.is_dirty());
    // u brings the customised steps back, unsaved.
    press(&mut app, "u");
    let e = app.editor().unwrap();
    assert_eq!(e.edit.routine(), &mine);
    assert!(e.edit.is_dirty());
    // A routine of the user's own has nothing to reset to.
    key(&mut app, KeyCode::Esc);
    press(&mut app, "d");
    edit(&mut app, "mixed");
    press(&mut app, "R");
    assert_eq!(modal(&app), None);
    assert!(screen(&app, 80, 24).contains("Only a built-in routine can be reset"));
}

#[test]
fn a_new_routine_gets_a_name_an_id_and_steps() {
    let mut app = new_app();
    press(&mut app, "n");
    assert!(matches!(modal(&app), Some(Modal::Name(p)) if p.new));
    press(&mut app, "Full");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Its id will be \"full-2\""), "{s}");
    snap!("editor_new_name", app);
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("The name is empty."));
    press(&mut app, "Lunch break");
    key(&mut app, KeyCode::Enter);
    assert_eq!(modal(&app), None);
    let e = app.editor().unwrap();
    assert_eq!(e.edit.routine().id, "lunch-break");
    assert!(e.edit.is_new());
    assert!(screen(&app, 80, 24).contains("No steps yet. Press a to add one."));
    // Nothing to save without a step.
    press(&mut app, "s");
    assert!(app.take_effects().is_empty());
    assert!(screen(&app, 80, 24).contains("Add at least one step before saving"));
    press(&mut app, "a");
    key(&mut app, KeyCode::Enter);
    press(&mut app, "a");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(order(&app), ["plank", "push-up"]);
    press(&mut app, "s");
    let routine = saved_routine(&mut app);
    assert_eq!(routine.name, "Lunch break");
    app.routine_saved(&routine, Ok(CONFIG_DIR_FILE.into()));
    assert_eq!(
        app.catalog.routine_origin("lunch-break"),
        Some(Origin::User)
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.catalog.routines().nth(app.selected).unwrap().id,
        "lunch-break"
    );
    // Esc at the name of a new routine goes back to the picker.
    press(&mut app, "n");
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Main));
}

#[test]
fn renaming_keeps_the_id() {
    let mut app = new_app();
    edit(&mut app, "mixed");
    press(&mut app, "r");
    let Some(Modal::Name(p)) = modal(&app) else {
        panic!("no prompt")
    };
    assert_eq!(p.text, "Mixed test routine");
    for _ in 0.."routine".len() {
        key(&mut app, KeyCode::Backspace);
    }
    press(&mut app, "bag");
    snap!("editor_rename", app);
    key(&mut app, KeyCode::Enter);
    let e = app.editor().unwrap();
    assert_eq!(e.edit.routine().name, "Mixed test bag");
    assert_eq!(e.edit.routine().id, "mixed");
    assert!(screen(&app, 80, 24).contains("Editing: Mixed test bag (modified)"));
}

#[test]
fn help_lists_the_editor_keys() {
    let mut app = new_app();
    edit(&mut app, "full");
    press(&mut app, "?");
    assert_eq!(app.overlay, Some(Overlay::Help));
    let s = screen(&app, 120, 40);
    for label in [
        "move step up",
        "add step",
        "edit dose",
        "reset to built-in",
        "delete routine",
    ] {
        assert!(s.contains(label), "{label}: {s}");
    }
    assert!(s.contains("D "), "{s}");
}

/// The editor and each of its dialogs.
pub(crate) fn every_editor_view() -> Vec<App> {
    let mut apps = Vec::new();
    let open = || {
        let mut a = new_app();
        edit(&mut a, "core-shoulders");
        a
    };
    apps.push(open());
    for keys in ["a", "aneck", "\r", "D", "R", "r", "d\x1b", "?"] {
        let mut a = open();
        for c in keys.chars() {
            match c {
                '\r' => key(&mut a, KeyCode::Enter),
                '\x1b' => key(&mut a, KeyCode::Esc),
                c => press(&mut a, &c.to_string()),
            }
        }
        apps.push(a);
    }
    let mut a = new_app();
    press(&mut a, "n");
    apps.push(a);
    apps
}

/// After the user took plank level 2, the editor shows the routine as a session
/// will run it: level 2, and the picker's estimate (issue 12, defect 6).
#[test]
fn the_editor_shows_and_estimates_the_current_level() {
    use upright::model::event::{Event, LevelReason};
    use upright::model::history::History;
    let mut app = new_app();
    let taken = Event::level("s", "plank", 2, LevelReason::Progress, now().wall);
    app.set_history(History::from_events([taken]), None, None);
    let i = app.catalog.routines().position(|r| r.id == "full").unwrap();
    app.selected = i;
    let picker = screen(&app, 120, 40);
    let estimate = |text: &str| {
        text.split("about ")
            .nth(1)
            .and_then(|rest| rest.split(" min").next())
            .map(str::to_string)
    };
    assert!(
        picker.contains("Plank · level 2: Toes and forearms"),
        "{picker}"
    );
    edit(&mut app, "full");
    let editor = screen(&app, 120, 40);
    assert!(
        editor.contains("Plank · Level 2: Toes and forearms"),
        "{editor}"
    );
    let header = |text: &str| {
        text.lines()
            .find(|l| l.contains("about "))
            .map(str::to_string)
    };
    assert_eq!(
        estimate(&header(&editor).unwrap_or_default()),
        estimate(&header(&picker).unwrap_or_default()),
        "{picker}\n{editor}"
    );
}
