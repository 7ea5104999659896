//! The record is right (issue 12): what the user did is what is logged and
//! counted, whatever moment the terminal closes.

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// A sandbox whose configuration asks the pain questions.
fn asking() -> Sandbox {
    let sb = Sandbox::seen();
    let config = CONFIG.replace("ask_pain = false", "ask_pain = true");
    std::fs::write(sb.config_dir().join("config.toml"), config).expect("write config");
    sb
}

/// `upright start ROUTINE` asks the pain question over the routine about to
/// start, not over the first routine of the list.
#[test]
fn start_asks_the_pain_question_over_the_routine_it_starts() {
    let sb = asking();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    let s = t.wait_for("How is your upper back right now?", TIMEOUT);
    assert!(s.contains("End-to-end long holds: before you start"), "{s}");
    assert!(s.contains("▶ End-to-end long holds"), "{s}");
    assert!(!s.contains("▶ Full upper-back routine"), "{s}");
    t.send(ESC);
    wait_headline(&t, "Get ready", |h| h == "Get ready");
    t.discard_and_quit();
}

pub fn wait_headline(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) -> String {
    t.wait_until(&format!("headline {what}"), TIMEOUT, |s| pred(&headline(s)))
}

/// "This hurt" in the real binary: confirmed on screen, a breather, and taken
/// back with the same key while the message shows; the log never hears of it.
#[test]
fn this_hurt_is_confirmed_and_can_be_taken_back() {
    let sb = Sandbox::seen();
    let routines = format!(
        "{ROUTINES}\n[[routine]]\nid = \"hurt-check\"\nname = \"Hurt check\"\n\n\
         [[routine.step]]\nexercise = \"plank\"\nsets = 2\nhold = \"30s\"\nrest = \"20s\"\n\n\
         [[routine.step]]\nexercise = \"ostrich\"\n"
    );
    std::fs::write(sb.config_dir().join("routines.toml"), routines).expect("write");
    let mut t = Tui::spawn(&sb, &["start", "hurt-check"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    t.send("h");
    let s = t.wait_for("Noted: this hurt. Skipping the rest of Plank.", TIMEOUT);
    assert_eq!(headline(&s), "Rest", "{s}");
    t.send("h");
    let s = t.wait_for("Taken back: Plank goes on.", TIMEOUT);
    assert_eq!(headline(&s), "Hold · Set 1/2 PAUSED", "{s}");
    t.end_session("s");
    t.send("q");
    t.wait_for("1 Routines", TIMEOUT);
    t.quit();
    let log = std::fs::read_to_string(sb.log_path()).expect("log");
    assert!(!log.contains("\"hurt\":true"), "{log}");
    assert!(log.contains("\"type\":\"end\""), "{log}");
}

/// The terminal closes at the question after the session: the session was
/// logged as completed the moment it ended, and is not offered for resuming
/// (issue 12, defect 1).
#[test]
fn closing_the_terminal_at_the_pain_question_keeps_the_session_complete() {
    let sb = asking();
    let mut t = Tui::spawn(&sb, &["start", "e2e"], COLS, ROWS);
    t.wait_for("How is your upper back right now?", TIMEOUT);
    t.send(ESC);
    // (A key right behind Esc would read as Alt and that key.)
    wait_headline(&t, "Get ready", |h| h == "Get ready");
    // Skip to the end: every phase with n.
    let complete =
        |s: &str| s.contains("Session complete") && !s.contains("Next: Session complete");
    for _ in 0..30 {
        if complete(&t.screen()) {
            break;
        }
        t.send("n");
        t.settle(std::time::Duration::from_millis(150));
    }
    t.wait_until("Session complete", TIMEOUT, complete);
    t.wait_for("How is your upper back right now?", TIMEOUT);
    // The terminal goes away without a word: nothing runs after this.
    t.signal("KILL");
    t.wait_exit(TIMEOUT);
    let log = std::fs::read_to_string(sb.log_path()).expect("log");
    assert!(log.contains("\"status\":\"completed\""), "{log}");
    let out = upright(&sb, &["log"]);
    assert!(out.contains("completed"), "{out}");
    assert!(!out.contains("interrupted"), "{out}");
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("1 Routines", TIMEOUT);
    t.settle(std::time::Duration::from_millis(500));
    assert!(!t.screen().contains("Resume session"), "{}", t.screen());
    t.quit();
}

/// "Not now" to the resume offer is asked once: the session stays interrupted
/// in History and is not offered again (issue 12, defect 9).
#[test]
fn the_resume_offer_is_asked_once() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e"], COLS, ROWS);
    t.wait_until("the second exercise", TIMEOUT, |s| {
        s.contains("Stretch between the shoulder blades · Level")
    });
    t.signal("KILL");
    t.wait_exit(TIMEOUT);
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    let s = t.wait_for("not now", TIMEOUT);
    assert!(s.contains("y resume") && s.contains("n not now"), "{s}");
    t.send("n");
    t.wait_gone("Resume session", TIMEOUT);
    t.send("2");
    t.wait_for("interrupted", TIMEOUT);
    t.quit();
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("1 Routines", TIMEOUT);
    t.settle(std::time::Duration::from_millis(500));
    assert!(!t.screen().contains("Resume session"), "{}", t.screen());
    t.send("2");
    t.wait_for("interrupted", TIMEOUT);
    t.quit();
}

/// Runs the binary as a plain command in the sandbox and returns its output.
fn upright(sb: &Sandbox, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(args)
        .arg("--config-dir")
        .arg(sb.config_dir())
        .arg("--data-dir")
        .arg(sb.data_dir())
        .output()
        .expect("run upright");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
