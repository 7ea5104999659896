//! End-to-end: the routine editor in the real binary, in a pseudo-terminal. A
//! built-in routine is reordered and saved; the saved file keeps the user's other
//! routines as they were, `upright routines` shows it customised, and a new
//! session starts with the moved exercise.

use std::process::Command;

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

fn routines_list(sb: &Sandbox) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_upright"))
        .env_clear()
        .env("HOME", sb.home())
        .env("UPRIGHT_CONFIG_DIR", sb.config_dir())
        .env("UPRIGHT_DATA_DIR", sb.data_dir())
        .arg("routines")
        .output()
        .expect("run upright routines");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn a_moved_step_is_saved_listed_as_customised_and_used_by_the_next_session() {
    let sb = Sandbox::seen();
    assert!(!routines_list(&sb).contains("(customised)"));

    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Full upper-back routine · about", TIMEOUT);
    t.send("e");
    t.wait_for("Editing: Full upper-back routine", TIMEOUT);
    t.wait_for("▶  1. Plank", TIMEOUT);
    // Select the last step (child's pose) and move it to the top.
    t.send("jjjjj");
    t.wait_for("▶  6. Child's pose", TIMEOUT);
    t.send("KKKKK");
    t.wait_for("▶  1. Child's pose", TIMEOUT);
    t.wait_for("(modified)", TIMEOUT);
    t.send("s");
    let s = t.wait_for("Saved to", TIMEOUT);
    assert!(s.contains("routines.toml"), "{s}");
    t.wait_gone("(modified)", TIMEOUT);
    t.send(ESC);
    let s = t.wait_for("(customised)", TIMEOUT);
    assert!(s.contains("1. Child's pose"), "{s}");
    t.quit();

    // The user's own routines are still there, byte for byte, with the copy after.
    let text = std::fs::read_to_string(sb.config_dir().join("routines.toml")).unwrap();
    assert!(text.starts_with(ROUTINES), "{text}");
    assert!(text.contains("id = \"full\""), "{text}");

    let list = routines_list(&sb);
    let line = list
        .lines()
        .find(|l| l.starts_with("full "))
        .unwrap_or_else(|| panic!("no full routine in:\n{list}"));
    assert!(
        line.contains("Full upper-back routine (customised)"),
        "{list}"
    );

    // A new session of it starts with the moved exercise.
    let mut t = Tui::spawn(&sb, &["start", "full"], COLS, ROWS);
    let s = t.wait_until("the session to start", TIMEOUT, |s| {
        s.contains("First: Child's pose") || s.contains("Child's pose · Level 1")
    });
    assert!(!s.contains("First: Plank"), "{s}");
    wait_child_pose_hold(&t);
    t.discard_and_quit();
}

fn wait_child_pose_hold(t: &Tui) {
    let s = t.wait_until("the child's pose hold", TIMEOUT, |s| {
        headline(s) == "Hold · Set 1/1"
    });
    assert!(s.contains("Child's pose · Level 1: Arms forward"), "{s}");
}

#[test]
fn a_broken_routines_file_is_not_saved_over() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Full upper-back routine · about", TIMEOUT);
    t.send("e");
    t.wait_for("Editing: Full upper-back routine", TIMEOUT);
    t.send("d");
    t.wait_for("(modified)", TIMEOUT);
    // Someone breaks the file while the editor is open.
    let path = sb.config_dir().join("routines.toml");
    let broken = format!("{ROUTINES}\n[[routine]\n");
    std::fs::write(&path, &broken).unwrap();
    t.send("s");
    let s = t.wait_for("Not saved:", TIMEOUT);
    // Located on the broken line: the last one.
    let line = broken.lines().count();
    assert!(
        squash(&s).contains(&format!("routines.toml:{line}:")),
        "line {line}: {s}"
    );
    assert!(s.contains("syntax error: unclosed array table"), "{s}");
    assert!(s.contains("(modified)"), "the edit is kept: {s}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    // Fixed again, the same edit saves.
    std::fs::write(&path, ROUTINES).unwrap();
    t.send("s");
    t.wait_for("Saved to", TIMEOUT);
    t.send(ESC);
    t.wait_for("(customised)", TIMEOUT);
    t.send("q");
    t.wait_exit(TIMEOUT);
}
