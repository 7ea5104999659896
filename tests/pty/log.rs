//! End to end: a session killed with SIGKILL mid-way is in History as partial with
//! what was done, and the next start offers to resume it.

use crate::harness::{ENTER, Sandbox, TIMEOUT, Tui};

#[test]
fn a_killed_session_is_offered_for_resuming_and_picked_up() {
    let sandbox = Sandbox::seen();
    let mut tui = Tui::spawn(&sandbox, &["start", "e2e"], 100, 30);
    // The first exercise (plank, 4 s) runs to its end; the second begins.
    tui.wait_for("Plank", TIMEOUT);
    tui.wait_for("Stretch between the shoulder blades", TIMEOUT);
    tui.wait_until("the second exercise's hold", TIMEOUT, |s| {
        s.contains("Stretch between the shoulder blades · Level") && s.contains("Left side")
    });
    tui.signal("KILL");
    tui.wait_exit(TIMEOUT);

    // The log holds the start and the plank, and no end.
    let log = std::fs::read_to_string(sandbox.log_path()).expect("log written");
    assert!(log.contains("\"type\":\"start\""), "{log}");
    assert!(log.contains("\"exercise\":\"plank\""), "{log}");
    assert!(!log.contains("\"type\":\"end\""), "{log}");

    // Start again: the offer to resume says what was done; Enter does not answer
    // it (a key meant for the picker must not start a session by surprise); y
    // picks the session up at the stretch, under the same session id.
    let mut tui = Tui::spawn(&sandbox, &[], 100, 30);
    tui.wait_for("Resume session", TIMEOUT);
    let s = tui.wait_for("End-to-end check", TIMEOUT);
    assert!(s.contains("1 of 5 sets done. Pick it up"), "{s}");
    tui.send(ENTER);
    tui.settle(std::time::Duration::from_millis(300));
    assert!(tui.screen().contains("Resume session"), "{}", tui.screen());
    tui.send("y");
    let s = tui.wait_for("Step 2/2", TIMEOUT);
    assert!(s.contains("Stretch between the shoulder blades"), "{s}");
    assert!(!s.contains("Step 1/2"), "{s}");
    tui.wait_until("the summary", std::time::Duration::from_secs(20), |s| {
        s.contains("Session complete") && !s.contains("Next: Session complete")
    });
    tui.send(ENTER);
    tui.send("q");
    tui.wait_exit(TIMEOUT);
    let log = std::fs::read_to_string(sandbox.log_path()).expect("log");
    let starts = log.matches("\"type\":\"start\"").count();
    let ends = log.matches("\"status\":\"completed\"").count();
    assert_eq!((starts, ends), (2, 1), "{log}");
    let ids: std::collections::BTreeSet<&str> = log
        .lines()
        .filter_map(|l| l.split("\"session\":\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(ids.len(), 1, "one session across the crash: {ids:?}");
}
