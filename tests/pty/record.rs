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
