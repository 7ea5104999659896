//! Saving routines into the user's routines.toml: only the edited routine's lines
//! change, a file that does not parse is never written over, every write is
//! atomic, and what is written always loads.

use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;
use upright::model::edit::Editor;
use upright::model::limits::EDIT_LIMITS;
use upright::model::routine::{Routine, Step, StepDose};
use upright::store::library;
use upright::store::routines_file::{self, Change, apply};

/// A hand-written file: comments everywhere, odd spacing, integer and text durations.
const FILE: &str = r#"# My routines.
#   hand-written, with   odd spacing.

[[routine]]
id   =   "neck"      # the id
name = "Neck"
description="Glides."

[[routine.step]]
exercise = "ostrich"
sets=2

# the stretch
[[routine.step]]
exercise   = "shoulder-blade-stretch"
hold = 45


# ----- strength -----
[[routine]]
id = "core"
name = "Core"

[[routine.step]]    # first
exercise = "plank"
hold = "40s"

[[routine.step]]
exercise = "push-up"
reps = 6

# cool-down comment
[[routine.step]]
  exercise = "childs-pose"

[[routine]]
id="desk-break"
name = "Desk break, my way"

[[routine.step]]
exercise = "ostrich"

# trailing comment
"#;

fn write(dir: &Path, text: &str) {
    std::fs::write(dir.join("routines.toml"), text).unwrap();
}

fn read(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("routines.toml")).unwrap()
}

/// The routine as the app loads it from `text`.
fn loaded(text: &str, id: &str) -> Routine {
    let catalog = library::load_from(None, Some(("routines.toml", text.as_bytes())))
        .unwrap_or_else(|d| panic!("{}", upright::store::diag::render_all(&d)));
    catalog.routine(id).expect("routine").clone()
}

/// Files in `dir` other than routines.toml (stray temporary files).
fn others(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "routines.toml")
        .collect()
}

/// The lines that differ between two texts: (first changed line, lines removed,
/// lines added), found by trimming the common start and end.
fn changed_lines<'a>(old: &'a str, new: &'a str) -> (usize, Vec<&'a str>, Vec<&'a str>) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end = a[start..]
        .iter()
        .rev()
        .zip(b[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        start,
        a[start..a.len() - end].to_vec(),
        b[start..b.len() - end].to_vec(),
    )
}

/// 0-based line range of the routine with `id` in `text`: from its header to the
/// line before the next `[[routine]]`.
fn routine_lines(text: &str, id: &str) -> std::ops::Range<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim() == "[[routine]]")
        .collect();
    let k = headers
        .iter()
        .position(|&h| {
            lines[h + 1..]
                .iter()
                .take_while(|l| !l.starts_with('['))
                .any(|l| l.replace(' ', "").starts_with(&format!("id=\"{id}\"")))
        })
        .expect("routine in text");
    // The last routine ends where the file's closing comment starts.
    let last = lines
        .iter()
        .position(|l| *l == "# trailing comment")
        .unwrap_or(lines.len());
    let end = headers.get(k + 1).copied().unwrap_or(last);
    headers[k]..end
}

#[test]
fn moving_a_step_changes_only_that_routines_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), FILE);
    let mut editor = Editor::open(loaded(FILE, "core"), EDIT_LIMITS);
    // The last step (child's pose) to the top.
    editor.move_up(2).unwrap();
    editor.move_up(1).unwrap();
    routines_file::save_routine(dir.path(), editor.routine()).expect("saved");
    let new = read(dir.path());

    let (start, removed, added) = changed_lines(FILE, &new);
    let core = routine_lines(FILE, "core");
    assert!(
        core.contains(&start) && core.contains(&(start + removed.len() - 1)),
        "lines {start}..{} changed, outside the core routine {core:?}:\n{new}",
        start + removed.len()
    );
    // A move only reorders: the same lines, in another order.
    let (mut r, mut a) = (removed.clone(), added.clone());
    r.sort_unstable();
    a.sort_unstable();
    assert_eq!(r, a, "{new}");
    // Every other line, comment and space is byte-identical.
    assert_eq!(
        &new[..FILE.find("# ----- strength").unwrap()],
        &FILE[..FILE.find("# ----- strength").unwrap()]
    );
    assert!(new.ends_with("[[routine]]\nid=\"desk-break\"\nname = \"Desk break, my way\"\n\n[[routine.step]]\nexercise = \"ostrich\"\n\n# trailing comment\n"), "{new}");
    let expected = FILE.replace(
        "[[routine.step]]    # first\nexercise = \"plank\"\nhold = \"40s\"\n\n[[routine.step]]\nexercise = \"push-up\"\nreps = 6\n\n# cool-down comment\n[[routine.step]]\n  exercise = \"childs-pose\"\n",
        "# cool-down comment\n[[routine.step]]\n  exercise = \"childs-pose\"\n\n[[routine.step]]    # first\nexercise = \"plank\"\nhold = \"40s\"\n\n[[routine.step]]\nexercise = \"push-up\"\nreps = 6\n",
    );
    assert_ne!(expected, FILE);
    assert_eq!(new, expected);
    // And the app reads the new order.
    let order: Vec<String> = loaded(&new, "core")
        .steps
        .into_iter()
        .map(|s| s.exercise)
        .collect();
    assert_eq!(order, ["childs-pose", "plank", "push-up"]);
    assert!(others(dir.path()).is_empty(), "{:?}", others(dir.path()));
}

#[test]
fn re_dosing_and_renaming_touch_only_their_values() {
    let mut editor = Editor::open(loaded(FILE, "neck"), EDIT_LIMITS);
    let ostrich = library::load_from(None, None)
        .unwrap()
        .exercise("ostrich")
        .unwrap()
        .clone();
    let mut dose = editor.routine().steps[0].dose;
    dose.sets = Some(3);
    dose.rest = Some(Duration::from_secs(90));
    editor.set_dose(0, dose, &ostrich).unwrap();
    editor.rename("Neck, gently").unwrap();
    let new = apply(Some(FILE), "routines.toml", Change::Put(editor.routine())).unwrap();
    let (start, removed, added) = changed_lines(FILE, &new);
    assert_eq!(start, 5);
    assert_eq!(
        removed,
        [
            "name = \"Neck\"",
            "description=\"Glides.\"",
            "",
            "[[routine.step]]",
            "exercise = \"ostrich\"",
            "sets=2",
        ]
    );
    // The value's own spacing is kept; a new key is added after the others.
    assert_eq!(
        added,
        [
            "name = \"Neck, gently\"",
            "description=\"Glides.\"",
            "",
            "[[routine.step]]",
            "exercise = \"ostrich\"",
            "sets=3",
            "rest = \"1m30s\"",
        ]
    );
    assert_eq!(loaded(&new, "neck"), *editor.routine());
}

#[test]
fn a_new_routine_is_added_at_the_end_and_a_new_file_is_created() {
    let routine = Routine {
        id: "evening".into(),
        name: "Evening \"wind-down\"".into(),
        description: String::new(),
        steps: vec![
            Step {
                exercise: "shoulder-blade-stretch".into(),
                dose: StepDose {
                    hold: Some(Duration::from_secs(75)),
                    per_side: Some(true),
                    ..StepDose::default()
                },
            },
            Step {
                exercise: "push-up".into(),
                dose: StepDose {
                    level: Some(3),
                    sets: Some(2),
                    reps: Some(12),
                    ..StepDose::default()
                },
            },
        ],
    };
    let new = apply(Some(FILE), "routines.toml", Change::Put(&routine)).unwrap();
    assert!(
        new.starts_with(FILE.trim_end_matches("\n# trailing comment\n")),
        "{new}"
    );
    assert_eq!(loaded(&new, "evening"), routine);
    assert_eq!(loaded(&new, "core"), loaded(FILE, "core"));

    // No file yet: the config dir and the file are created, with a header.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("not-yet");
    let path = routines_file::save_routine(&config, &routine).expect("saved");
    assert_eq!(path, config.join("routines.toml"));
    let text = read(&config);
    assert!(text.starts_with("# Your routines for upright."), "{text}");
    assert!(text.contains("[[routine]]\nid = \"evening\"\nname = 'Evening \"wind-down\"'\n\n[[routine.step]]\nexercise = \"shoulder-blade-stretch\"\nhold = \"1m15s\"\nper_side = true\n"), "{text}");
    assert_eq!(loaded(&text, "evening"), routine);
}

#[test]
fn removing_a_routine_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), FILE);
    routines_file::remove_routine(dir.path(), "neck").expect("removed");
    let new = read(dir.path());
    // The file's opening comment stays; the routine and its steps go.
    assert!(new.starts_with("# My routines.\n#   hand-written, with   odd spacing.\n\n# ----- strength -----\n[[routine]]\nid = \"core\""), "{new}");
    assert!(!new.contains("ostrich\"\nsets=2"), "{new}");
    assert!(
        new.ends_with(&FILE[FILE.find("[[routine]]\nid = \"core\"").unwrap()..]),
        "{new}"
    );
    // Removing what is not there changes nothing.
    routines_file::remove_routine(dir.path(), "neck").expect("nothing to do");
    assert_eq!(read(dir.path()), new);
    // Removing every routine leaves a file that still loads.
    routines_file::remove_routine(dir.path(), "core").unwrap();
    routines_file::remove_routine(dir.path(), "desk-break").unwrap();
    let left = read(dir.path());
    assert!(!left.contains("[[routine"), "{left}");
    assert!(left.contains("# trailing comment"), "{left}");
    library::load_from(None, Some(("r", left.as_bytes()))).expect("still loads");
}

#[test]
fn a_file_that_does_not_parse_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let broken =
        "[[routine]]\nid = \"core\"\nname = \"Core\n\n[[routine.step]]\nexercise = \"plank\"\n";
    write(dir.path(), broken);
    let routine = loaded(FILE, "core");
    let err = routines_file::save_routine(dir.path(), &routine).unwrap_err();
    // Located where `upright check` locates it: the string never ends on line 3.
    assert_eq!((err.line, err.column), (3, 13), "{err}");
    assert!(
        err.to_string()
            .contains("routines.toml:3:13: TOML syntax error: invalid basic string"),
        "{err}"
    );
    assert_eq!(read(dir.path()), broken);
    assert!(others(dir.path()).is_empty());
    let err = routines_file::remove_routine(dir.path(), "core").unwrap_err();
    assert_eq!((err.line, err.column), (3, 13));
    assert_eq!(read(dir.path()), broken);

    // Not UTF-8: refused with the place of the bad byte.
    std::fs::write(dir.path().join("routines.toml"), b"# caf\xe9\n").unwrap();
    let err = routines_file::save_routine(dir.path(), &routine).unwrap_err();
    assert_eq!((err.line, err.column), (1, 6), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("routines.toml")).unwrap(),
        b"# caf\xe9\n"
    );
}

#[test]
fn a_save_that_would_not_load_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Valid TOML, but another routine names an exercise that does not exist.
    let text = FILE.replace(
        "exercise = \"ostrich\"\nsets=2",
        "exercise = \"ostrch\"\nsets=2",
    );
    write(dir.path(), &text);
    let mut core = loaded(FILE, "core");
    core.steps.reverse();
    let err = routines_file::save_routine(dir.path(), &core).unwrap_err();
    assert!(
        err.message
            .starts_with("not saved, the file would not load: unknown exercise \"ostrch\""),
        "{err}"
    );
    assert_eq!((err.line, err.column), (10, 12), "{err}");
    assert_eq!(read(dir.path()), text);
    assert!(others(dir.path()).is_empty());
}

#[test]
fn a_failure_before_the_rename_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), FILE);
    let mut core = loaded(FILE, "core");
    core.steps.reverse();
    let mut seen_tmp = None;
    let err = routines_file::update(dir.path(), Change::Put(&core), &mut |tmp| {
        // At this point the new text is complete in the temporary file, next to
        // the old one, and the old file is still as it was.
        let written = std::fs::read_to_string(tmp)?;
        assert_eq!(tmp.parent(), Some(dir.path()));
        assert_eq!(loaded(&written, "core"), core);
        assert_eq!(read(dir.path()), FILE);
        seen_tmp = Some(tmp.to_path_buf());
        Err(std::io::Error::other("disk unplugged"))
    })
    .unwrap_err();
    assert!(err.message.contains("disk unplugged"), "{err}");
    assert_eq!(read(dir.path()), FILE, "the old file is intact");
    assert!(
        !seen_tmp.expect("hook ran").exists(),
        "the temporary file is removed"
    );
    assert!(others(dir.path()).is_empty());

    // A crash at that moment (the process dies: nothing cleans up) leaves the
    // old file intact and only a stray temporary file beside it.
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = routines_file::update(dir.path(), Change::Put(&core), &mut |_| panic!("power cut"));
    }));
    assert!(crashed.is_err());
    assert_eq!(read(dir.path()), FILE);
    let stray = others(dir.path());
    assert_eq!(stray.len(), 1, "{stray:?}");
    assert!(
        stray[0].starts_with(".routines.toml.") && stray[0].ends_with(".tmp"),
        "{stray:?}"
    );
    // The app loads the intact file; the next save succeeds.
    routines_file::save_routine(dir.path(), &core).unwrap();
    assert_eq!(loaded(&read(dir.path()), "core"), core);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_updated_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("dotfiles");
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("routines.toml"), FILE).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    std::os::unix::fs::symlink(real.join("routines.toml"), config.join("routines.toml")).unwrap();
    let mut core = loaded(FILE, "core");
    core.steps.reverse();
    routines_file::save_routine(&config, &core).unwrap();
    assert!(
        std::fs::symlink_metadata(config.join("routines.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(loaded(&read(&real), "core"), core);
}

fn arb_step() -> impl Strategy<Value = Step> {
    let secs = |lo: u64, hi: u64| (lo..=hi).prop_map(Duration::from_secs);
    prop_oneof![
        (
            proptest::option::of(1usize..=4),
            proptest::option::of(1u32..=20),
            proptest::option::of(secs(1, 1800)),
            proptest::option::of(secs(0, 1800)),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|(level, sets, hold, rest, per_side, open)| Step {
                exercise: "plank".into(),
                dose: StepDose {
                    level,
                    sets,
                    hold,
                    rest,
                    per_side,
                    reps: None,
                    open,
                },
            }),
        (
            proptest::option::of(1usize..=3),
            proptest::option::of(1u32..=20),
            proptest::option::of(1u32..=500),
            proptest::option::of(secs(0, 1800)),
        )
            .prop_map(|(level, sets, reps, rest)| Step {
                exercise: "push-up".into(),
                dose: StepDose {
                    level,
                    sets,
                    reps,
                    rest,
                    ..StepDose::default()
                },
            }),
        Just(Step::for_exercise("childs-pose")),
    ]
}

proptest! {
    /// Whatever a routine becomes, saving it writes a file that loads it back
    /// exactly, and leaves the other routines as they were.
    #[test]
    fn any_saved_routine_reads_back(
        steps in proptest::collection::vec(arb_step(), 1..8),
        id in prop_oneof![Just("core"), Just("neck"), Just("fresh")],
        name in "[A-Za-z][A-Za-z0-9 ,'\"-]{0,30}",
    ) {
        let routine = Routine { id: id.into(), name, description: String::new(), steps };
        // A routine over a day is refused by the loader (its own test is in harden.rs).
        let builtins = library::load(None).unwrap();
        prop_assume!(upright::model::limits::too_long(&builtins.resolve(&routine, &|_| None)).is_none());
        let new = apply(Some(FILE), "routines.toml", Change::Put(&routine)).unwrap();
        prop_assert_eq!(loaded(&new, id), routine);
        for other in ["core", "neck", "desk-break"].into_iter().filter(|o| *o != id) {
            prop_assert_eq!(loaded(&new, other), loaded(FILE, other));
            let lines = routine_lines(FILE, other);
            let old_text: Vec<&str> = FILE.lines().collect();
            let block = old_text[lines].join("\n");
            prop_assert!(new.contains(block.trim_end()), "{other} changed:\n{new}");
        }
    }
}
