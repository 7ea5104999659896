//! Hardening (issue 20): nothing lost on quit, no timer held up by the disk, no
//! abort on a huge window.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::harness::*;
use upright::model::event::Event;
use upright::store::log;

const COLS: u16 = 160;
const ROWS: u16 = 30;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The log the app writes (this machine's, named by the host id the harness
/// gives it).
fn log_path(sb: &Sandbox) -> PathBuf {
    sb.log_path()
}

/// What the program wrote after it left the alternate screen, as text.
fn after_leaving(t: &Tui) -> String {
    let raw = t.raw();
    let left = rfind(&raw, b"\x1b[?1049l").expect("the alternate screen was left");
    squash(&String::from_utf8_lossy(&raw[left..]).replace("\r\n", " "))
}

/// The kinds of the events in a file of log lines.
fn kinds(path: &Path) -> Vec<String> {
    let loaded = log::read(path).expect("the events file reads as a log");
    assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
    loaded
        .events
        .iter()
        .map(|e| Event::kind(e).to_string())
        .collect()
}

/// A session whose log cannot be written (it is a directory), ended and saved
/// as partial, then `q` at the picker: the quit question shows.
fn unsaved_session_then_quit(sb: &Sandbox) -> Tui {
    std::fs::create_dir(log_path(sb)).unwrap();
    let mut t = Tui::spawn(sb, &["start", "e2e-long"], COLS, ROWS);
    t.wait_until("the first hold", TIMEOUT, |s| {
        headline(s) == "Hold · Set 1/2"
    });
    t.send("n");
    t.wait_for("2 events kept in memory", TIMEOUT);
    t.end_session("s");
    t.send("q");
    t.wait_for("1 Routines", TIMEOUT);
    t.send("q");
    let s = t.wait_for("not saved to the log", TIMEOUT);
    assert!(t.running(), "q quit with events unsaved:\n{s}");
    assert!(squash(&s).contains("3 events"), "{s}");
    t
}

#[test]
fn quitting_anyway_with_unsaved_events_keeps_them_in_the_cache_dir_and_fails() {
    let sb = Sandbox::seen();
    let mut t = unsaved_session_then_quit(&sb);
    t.send("x");
    let status = t.wait_exit(TIMEOUT);
    assert!(
        !status.success(),
        "a quit that leaves events out of the log succeeded"
    );
    let cache = sb.home().join(".cache/upright");
    let kept: Vec<PathBuf> = std::fs::read_dir(&cache)
        .expect("cache dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("unsaved"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kinds(&kept[0]), ["start", "step", "end"]);
    let said = after_leaving(&t);
    assert!(
        said.contains(&format!(
            "3 events could not be saved to {}",
            log_path(&sb).display()
        )) && said.contains(&kept[0].display().to_string()),
        "{said}"
    );
}

#[test]
fn unsaved_events_can_be_written_to_a_file_the_user_names() {
    let sb = Sandbox::seen();
    let mut t = unsaved_session_then_quit(&sb);
    t.send("w");
    t.wait_for("Write the events to", TIMEOUT);
    let target = sb.dir.path().join("kept.jsonl");
    t.send(&target.display().to_string());
    t.send(ENTER);
    let status = t.wait_exit(TIMEOUT);
    assert!(!status.success(), "the log is missing events: {status:?}");
    assert_eq!(kinds(&target), ["start", "step", "end"]);
    let said = after_leaving(&t);
    assert!(said.contains(&target.display().to_string()), "{said}");
}

#[test]
fn retrying_from_the_quit_question_saves_and_quits() {
    let sb = Sandbox::seen();
    let mut t = unsaved_session_then_quit(&sb);
    std::fs::remove_dir(log_path(&sb)).unwrap();
    t.send("r");
    let status = t.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    assert_eq!(kinds(&log_path(&sb)), ["start", "step", "end"]);
}

#[test]
fn a_reader_holding_the_log_does_not_hold_up_the_timer() {
    let sb = Sandbox::seen();
    std::fs::write(log_path(&sb), "").unwrap();
    // A reader's shared lock: the app can read the log, but not append to it.
    let reader = std::fs::File::open(log_path(&sb)).unwrap();
    fs4::FileExt::lock_shared(&reader).unwrap();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    let seen = std::cell::RefCell::new(Vec::new());
    t.wait_until("the hold to reach 0:25", TIMEOUT, |s| {
        if headline(s) == "Hold · Set 1/2"
            && let Some(time) = shown_time(s)
        {
            let secs = clock_secs(&time);
            let mut seen = seen.borrow_mut();
            if seen.last() != Some(&secs) {
                seen.push(secs);
            }
            return secs <= 25;
        }
        false
    });
    let seen = seen.into_inner();
    let expected: Vec<u64> = (25..=seen[0]).rev().collect();
    assert_eq!(seen, expected, "every second shown, in order");
    assert!(seen[0] >= 29, "{seen:?}");
    // Nothing could be written while the lock was held.
    assert_eq!(std::fs::read_to_string(log_path(&sb)).unwrap(), "");
    fs4::FileExt::unlock(&reader).unwrap();
    t.send("n");
    t.wait_until("the rest", TIMEOUT, |s| headline(s) == "Rest");
    t.discard_and_quit();
    assert_eq!(kinds(&log_path(&sb)), ["start", "step", "end"]);
}

#[test]
fn a_huge_window_is_clamped_and_the_app_runs_on() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("1 Routines", TIMEOUT);
    for (cols, rows) in [(65535, 65535), (10000, 5000)] {
        t.resize_pty_only(cols, rows);
        t.settle(ms(300));
        assert!(t.running(), "a {cols}x{rows} window ended the app");
    }
    t.resize(COLS, ROWS);
    t.send("2");
    t.wait_for("History", TIMEOUT);
    t.send("1");
    t.wait_for("End-to-end check", TIMEOUT);
    t.quit();
}
