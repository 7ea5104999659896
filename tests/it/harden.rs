//! Hardening (issue 20): control characters in names, escaped output, cut
//! messages, refused keys and routines, levels that no longer exist, honest
//! warnings and temporary files cleaned up.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ratatui::crossterm::event::KeyCode;
use upright::app::keymap::{Key, Keymap};
use upright::app::{App, Tab};
use upright::model::diagnostic::Diagnostic;
use upright::model::event::{Unsaved, parse_line};
use upright::model::history::History;
use upright::store::diag::render_all;
use upright::store::library;
use upright::store::log;

use crate::fixtures::{monday_morning, screen};

const RT: &str = "routines.toml";
const EX: &str = "exercises.toml";

fn routines_err(text: &str) -> Vec<Diagnostic> {
    match library::load_from(None, Some((RT, text.as_bytes()))) {
        Ok(_) => panic!("the routines should have been refused:\n{text}"),
        Err(diags) => diags,
    }
}

fn routine(id: &str, name: &str, step: &str) -> String {
    format!("[[routine]]\nid = \"{id}\"\nname = \"{name}\"\n\n[[routine.step]]\n{step}\n")
}

#[test]
fn control_characters_in_names_are_refused_where_they_stand() {
    for (written, shown) in [
        ("\\u001b[2J", "\\u{1b}"),
        ("\\u0007", "\\u{7}"),
        ("\\u0000", "\\u{0}"),
        ("\\t", "\\t"),
        ("\\n", "\\n"),
    ] {
        let text = routine("odd", &format!("Odd{written}name"), "exercise = \"plank\"");
        let diags = routines_err(&text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!((d.path.as_str(), d.line, d.column), (RT, 3, 8), "{d}");
        let said = render_all(&diags);
        assert!(
            said.contains(&format!("\"name\" holds a control character ({shown})")),
            "{said}"
        );
        assert!(
            !said.contains('\u{1b}') && !said.contains('\u{7}'),
            "{said}"
        );
    }
}

#[test]
fn control_characters_in_exercise_texts_are_refused() {
    let text = r#"[[exercise]]
id = "wall-angel"
name = "Wall angel"
kind = "mobility"
areas = ["upper back"]
position = "standing"
summary = "Slide your arms up and down a wall."
instructions = ["Stand with your back against a wall.", "Slide\u001b]0;owned\u0007 up"]
cues = ["Ribs down."]

[[exercise.level]]
name = "Slow slides"
reps = 8
"#;
    let diags = match library::load_from(Some((EX, text.as_bytes())), None) {
        Ok(_) => panic!("refused"),
        Err(d) => d,
    };
    let said = render_all(&diags);
    assert!(
        said.contains("exercises.toml:8:57")
            && said.contains("entry 2 of \"instructions\" holds a control character (\\u{1b})"),
        "{said}"
    );
}

#[test]
fn a_huge_invalid_id_is_cut_in_the_message() {
    let id = "X".repeat(1_000_000);
    let diags = routines_err(&routine(&id, "Huge", "exercise = \"plank\""));
    let said = render_all(&diags);
    assert!(said.len() < 1000, "{} bytes said", said.len());
    assert!(
        said.contains(&format!(
            "\"{}... (1000000 characters)\" is not a valid id",
            "X".repeat(40)
        )),
        "{said}"
    );
}

#[test]
fn a_routine_over_a_day_is_refused_where_it_is_named() {
    // 20 sets of 30 minutes a side and 30 minutes of rest: 30 hours.
    let step = "exercise = \"shoulder-blade-stretch\"\nsets = 20\nhold = \"30m\"\nrest = \"30m\"\nper_side = true";
    let diags = routines_err(&routine("forever", "Forever", step));
    assert_eq!(diags.len(), 1, "{diags:?}");
    let said = render_all(&diags);
    assert!(
        said.contains("routines.toml:2:6: routine \"forever\" would take about 29 hours")
            && said.contains("a routine of at most 24 hours"),
        "{said}"
    );
    // Under a day is fine.
    let step = "exercise = \"plank\"\nlevel = 1\nsets = 20\nhold = \"30m\"\nrest = \"30m\"";
    library::load_from(None, Some((RT, routine("long", "Long", step).as_bytes())))
        .expect("20 hours is accepted");
}

#[test]
fn a_modifier_named_twice_is_refused() {
    assert_eq!(
        Key::parse("ctrl-ctrl-a"),
        Err("\"ctrl-ctrl-a\" names ctrl twice".to_string())
    );
    assert!(Key::parse("alt-ALT-x").is_err());
    assert!(Key::parse("shift-shift-up").is_err());
    assert!(Key::parse("ctrl-alt-a").is_ok());
}

#[test]
fn an_absurd_hold_in_the_log_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessions.jsonl");
    std::fs::write(&path, format!("{START}\n{}\n", step_line("1e300"))).unwrap();
    let loaded = log::read(&path).unwrap();
    assert_eq!(loaded.events.len(), 1);
    assert_eq!(loaded.set_aside.len(), 1);
    assert!(loaded.set_aside[0].reason.contains("achieved_secs"));
}

const START: &str = r#"{"type":"start","v":2,"session":"s1","at":"2026-11-20T07:30:00+01:00","routine":"full","routine_name":"Full\u001b[31m\u0007 routine"}"#;

fn step_line(secs: &str) -> String {
    format!(
        r#"{{"type":"step","v":2,"session":"s1","at":"2026-11-20T07:31:00+01:00","index":0,"exercise":"plank","exercise_name":"Plank","level":4,"set":1,"sets":1,"dose":"hold","planned_secs":30,"achieved_secs":{secs},"skipped":false,"hurt":false}}"#
    )
}

const END: &str = r#"{"type":"end","v":2,"session":"s1","at":"2026-11-20T07:42:05+01:00","status":"completed","active_secs":30}"#;
const NOTE: &str = r#"{"type":"after","v":2,"session":"s1","at":"2026-11-20T07:42:10+01:00","pain_after":3,"note":"tab\there\u001b]0;title\u0007 new\nline"}"#;
const LEVEL: &str = r#"{"type":"level","v":2,"session":"s1","at":"2026-11-20T07:42:20+01:00","exercise":"plank","level":4,"reason":"progress"}"#;

/// The binary with its dirs in `root`, a fixed "now" and zone.
fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .arg("--data-dir")
        .arg(root.join("data"))
        .arg("--config-dir")
        .arg(root.join("config"))
        .env_clear()
        .env("HOME", root.join("home"))
        .env("TZ", "UTC")
        .env("UPRIGHT_NOW", "2026-11-23T09:00:00+00:00")
        .output()
        .expect("run upright")
}

fn world(log_text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    for d in ["data", "config", "home"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(root.join("data/sessions.jsonl"), log_text).unwrap();
    (dir, root)
}

#[test]
fn log_text_and_markdown_escape_control_characters() {
    let text = format!("{START}\n{}\n{END}\n{NOTE}\n", step_line("30"));
    let (_dir, root) = world(&text);
    for format in ["text", "markdown"] {
        let out = run(&root, &["log", "--format", format]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{format}: {out:?}");
        assert!(
            !stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: a control character reached the output:\n{stdout:?}"
        );
        assert!(
            stdout.contains("Full\\u{1b}[31m\\u{7} routine"),
            "{format}:\n{stdout}"
        );
    }
    let md =
        String::from_utf8_lossy(&run(&root, &["log", "--format", "markdown"]).stdout).into_owned();
    assert!(
        md.contains("tab\\there\\u{1b}]0;title\\u{7} new line"),
        "{md}"
    );
    // A session row is one line.
    let text_out = String::from_utf8_lossy(&run(&root, &["log"]).stdout).into_owned();
    assert_eq!(text_out.lines().count(), 2, "{text_out}");
}

#[test]
fn stats_say_when_a_logged_level_no_longer_exists() {
    let text = format!("{START}\n{}\n{END}\n{LEVEL}\n", step_line("30"));
    let (_dir, root) = world(&text);
    // The user's plank has a single level now.
    std::fs::write(root.join("config/exercises.toml"), one_level_plank()).unwrap();
    let out = run(&root, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&root, &["stats"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Plank: level 1 (level 4 no longer exists; progress, 2026-11-20)"),
        "{stdout}"
    );
}

/// The built-in plank cut to its first level, as a user's exercises.toml.
fn one_level_plank() -> String {
    let all = library::BUILTIN_EXERCISES;
    let id = all.find("id = \"plank\"").expect("plank");
    let start = all[..id].rfind("[[exercise]]").expect("its table");
    let first = all[id..].find("[[exercise.level]]").expect("a level") + id;
    let end = all[first + 1..]
        .find("[[exercise")
        .map_or(all.len(), |i| i + first + 1);
    all[start..end].to_string()
}

fn app_with(catalog: upright::model::catalog::Catalog) -> App {
    let mut settings = upright::store::config::defaults();
    settings.session.ask_pain = false;
    App::new(catalog, settings, Keymap::default(), monday_morning())
}

#[test]
fn the_stats_view_shows_the_highest_level_that_exists() {
    let plank = one_level_plank();
    let catalog = library::load_from(Some((EX, plank.as_bytes())), None).expect("catalog");
    let mut app = app_with(catalog);
    let mut history = History::default();
    history.extend([START, step_line("30").as_str(), END, LEVEL].map(|l| parse_line(l).unwrap()));
    app.history_loaded(history, None);
    app.tab = Tab::Stats;
    let s = screen(&app, 120, 40);
    assert!(s.contains("Plank: level 1/1"), "{s}");
    assert!(s.contains("Knees and forearms (level 4 no longer"), "{s}");
}

#[test]
fn the_quit_question_shows_what_is_not_saved_and_quits_anyway_on_x() {
    let mut app = app_with(library::load(None).unwrap());
    let now = monday_morning();
    app.log_saved(Err(Unsaved {
        kept: 3,
        reason:
            "cannot append to the session log /data/sessions.jsonl: Is a directory (os error 21)"
                .into(),
    }));
    app.key(Key::ch('q'), now);
    assert!(app.quit, "q at the picker asks to quit");
    assert!(app.hold_quit(), "the runner is held back");
    assert!(!app.quit);
    insta::assert_snapshot!("quit_unsaved_80x24", screen(&app, 80, 24));
    app.key(Key::plain(KeyCode::Esc), now);
    assert!(app.overlay.is_none() && !app.quit, "Esc stays");
    app.key(Key::ch('q'), now);
    assert!(app.hold_quit());
    app.key(Key::ch('x'), now);
    assert!(
        app.quit && app.quit_anyway,
        "x in the question quits anyway"
    );
    assert!(!app.hold_quit());
}

#[test]
fn a_failed_copy_is_not_called_a_kept_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessions.jsonl");
    std::fs::write(&path, "oops\n").unwrap();
    std::fs::create_dir(log::corrupt_path(&path)).unwrap();
    let warnings = log::load(&path).unwrap().warnings();
    assert!(
        warnings.iter().any(|w| w.contains("could not be copied")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("a copy is kept")),
        "{warnings:?}"
    );
}

#[test]
fn a_temporary_file_left_by_a_killed_save_is_removed_at_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    // No process has this id (Linux ids stop below 2^22).
    let stale = dir.path().join(".routines.toml.4194304-0.tmp");
    std::fs::write(&stale, "half a file").unwrap();
    let other = dir.path().join(".config.toml.4194304-0.tmp");
    std::fs::write(&other, "not ours").unwrap();
    let catalog = library::load(None).unwrap();
    let routine = catalog.routines().next().unwrap().clone();
    upright::store::routines_file::save_routine(dir.path(), &routine).unwrap();
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(other.exists(), "another file's temporary file was removed");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}
