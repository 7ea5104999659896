//! A reminder due when the app opens: the picker says so at the top and has the
//! routine selected, so Enter starts it.

use crate::harness::*;

#[test]
fn a_due_reminder_is_shown_and_enter_starts_its_routine() {
    let sb = Sandbox::seen();
    // Due since midnight (the sandbox has no TZ: UTC) and never done.
    let config = format!("{CONFIG}\n[[reminder]]\nroutine = \"e2e-long\"\nat = \"00:00\"\n");
    std::fs::write(sb.config_dir().join("config.toml"), config).expect("config");
    let mut t = Tui::spawn(&sb, &[], 100, 30);
    t.wait_for("Due now: End-to-end long holds, not done yet", TIMEOUT);
    t.wait_for("▶ End-to-end long holds", TIMEOUT);
    t.send(ENTER);
    t.wait_for("Get ready", TIMEOUT);
    t.wait_for("End-to-end long holds", TIMEOUT);
    t.discard_and_quit();
}
