//! The full-screen app given a named pipe where a file should be (issue 20): it
//! must not wait forever in `open()`, and must say which file and why.

use std::process::Command;

use crate::harness::*;

const COLS: u16 = 160;
const ROWS: u16 = 30;

fn mkfifo(path: &std::path::Path) -> bool {
    let made = Command::new("mkfifo").arg(path).status();
    let ok = made.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("mkfifo failed here: skipped");
    }
    ok
}

#[test]
fn a_log_that_is_a_named_pipe_is_reported_and_the_app_opens() {
    let sb = Sandbox::seen();
    if !mkfifo(&sb.data_dir().join("sessions.jsonl")) {
        return;
    }
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("End-to-end check", TIMEOUT);
    let s = t.wait_for("it is a named pipe (FIFO), not a regular file", TIMEOUT);
    assert!(squash(&s).contains("sessions.jsonl"), "{s}");
    t.quit();
}

#[test]
fn a_config_that_is_a_named_pipe_ends_the_app_with_a_message() {
    let sb = Sandbox::seen();
    let config = sb.config_dir().join("config.toml");
    std::fs::remove_file(&config).expect("rm");
    if !mkfifo(&config) {
        return;
    }
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    let status = t.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 78, "{}", t.screen());
    let s = squash(&t.screen());
    assert!(
        s.contains("config.toml: cannot read the configuration: it is a named pipe (FIFO)"),
        "{s}"
    );
}
