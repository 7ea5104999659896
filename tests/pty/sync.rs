//! One history across machines (issue 18), in the real app: two sandboxes run
//! sessions as different hosts, their logs are synced into one data dir, and
//! History shows each session once, conflict copy or not; a machine offers to
//! resume only its own interrupted sessions.

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;
const SYNCTHING: &str = "sessions.pty.sync-conflict-20240501-101500-ABCDEFG.jsonl";

/// Runs `routine` as `host` and ends it early, saved.
fn session_as(sb: &Sandbox, host: &str, routine: &str) {
    let mut t = Tui::spawn_env(
        sb,
        &["start", routine],
        COLS,
        ROWS,
        &[("UPRIGHT_HOST", host)],
    );
    t.wait_for("Get ready", TIMEOUT);
    t.end_session("s");
    t.send("q");
    t.wait_for("1 Routines", TIMEOUT);
    t.quit();
}

/// The History view once the log is read: its title and the rows of its list
/// (the left pane) naming one of the test routines.
fn history(sb: &Sandbox) -> (String, Vec<String>) {
    let mut t = Tui::spawn(sb, &[], COLS, ROWS);
    t.wait_for("1 Routines", TIMEOUT);
    t.send("2");
    let s = t.wait_until("History with its sessions", TIMEOUT, |s| {
        s.contains("History · ") && s.contains("session")
    });
    t.quit();
    let left = |l: &str| l.split("││").next().unwrap_or_default().to_string();
    let title = s
        .lines()
        .find(|l| l.contains("History · "))
        .map(left)
        .unwrap_or_default();
    let rows = s
        .lines()
        .map(left)
        .filter(|l| l.contains("End-to-end"))
        .collect();
    (title, rows)
}

#[test]
fn history_shows_both_machines_sessions_once_conflict_copy_or_not() {
    let here = Sandbox::seen();
    let there = Sandbox::seen();
    session_as(&here, HOST, "e2e");
    session_as(&there, "desktop", "e2e-long");
    let theirs = there.data_dir().join("sessions.desktop.jsonl");
    assert!(theirs.exists() && !there.log_path().exists());
    // The sync tool brings the desktop's log over.
    std::fs::copy(&theirs, here.data_dir().join("sessions.desktop.jsonl")).expect("sync");
    let (title, rows) = history(&here);
    assert!(title.contains("History · 2 sessions"), "{title}");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows.iter().filter(|r| r.contains("End-to-end ch")).count(),
        1
    );
    assert_eq!(
        rows.iter().filter(|r| r.contains("End-to-end lo")).count(),
        1
    );
    // A conflict copy of this machine's log changes nothing shown.
    std::fs::copy(here.log_path(), here.data_dir().join(SYNCTHING)).expect("copy");
    assert_eq!(history(&here), (title, rows));
    // The desktop's log was only read.
    assert_eq!(
        std::fs::read(here.data_dir().join("sessions.desktop.jsonl")).expect("read"),
        std::fs::read(&theirs).expect("read")
    );
}

#[test]
fn only_this_machines_interrupted_session_is_offered_for_resuming() {
    let there = Sandbox::seen();
    // The desktop's session is cut off mid-way (the terminal closes).
    let mut t = Tui::spawn_env(
        &there,
        &["start", "e2e"],
        COLS,
        ROWS,
        &[("UPRIGHT_HOST", "desktop")],
    );
    t.wait_until("the first hold", TIMEOUT, |s| {
        headline(s).starts_with("Hold")
    });
    t.signal("KILL");
    t.wait_exit(TIMEOUT);
    let theirs = there.data_dir().join("sessions.desktop.jsonl");
    let here = Sandbox::seen();
    std::fs::create_dir_all(here.data_dir()).expect("mkdir");
    std::fs::copy(&theirs, here.data_dir().join("sessions.desktop.jsonl")).expect("sync");
    // This machine does not offer it; History shows it as interrupted.
    let mut t = Tui::spawn(&here, &[], COLS, ROWS);
    t.wait_for("1 Routines", TIMEOUT);
    t.send("2");
    t.wait_for("History · 1 session", TIMEOUT);
    let s = t.wait_for("interrupted", TIMEOUT);
    // The offer would come with the log; give it time to show if it were to.
    t.settle(std::time::Duration::from_millis(300));
    assert!(!t.screen().contains("Resume session"), "{s}");
    t.quit();
    // The desktop still does.
    let mut t = Tui::spawn_env(&there, &[], COLS, ROWS, &[("UPRIGHT_HOST", "desktop")]);
    t.wait_for("Resume session", TIMEOUT);
    t.send("n");
    t.wait_gone("Resume session", TIMEOUT);
    t.quit();
}
