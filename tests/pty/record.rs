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
    let log = std::fs::read_to_string(sb.data_dir().join("sessions.jsonl")).expect("log");
    assert!(!log.contains("\"hurt\":true"), "{log}");
    assert!(log.contains("\"type\":\"end\""), "{log}");
}
