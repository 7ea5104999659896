//! Many unreadable lines (issue 20, defect 11): every one is copied to the
//! `.corrupt` file as it is found, once, while only the first few are named in
//! warnings and in `upright check`; the rest are counted. And `check` compares
//! several logs as it streams them (tests of its words are in `sync.rs` and in
//! `store::check`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use upright::store::log;

const BIN: &str = env!("CARGO_BIN_EXE_upright");

/// A data dir and a config dir under a temporary root.
struct Dirs {
    _root: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
}

impl Dirs {
    fn new() -> Dirs {
        let root = tempfile::tempdir().expect("tempdir");
        let data = root.path().join("data");
        let config = root.path().join("config");
        std::fs::create_dir_all(&data).expect("mkdir");
        std::fs::create_dir_all(&config).expect("mkdir");
        Dirs {
            _root: root,
            data,
            config,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--config-dir")
            .arg(&self.config)
            .env("UPRIGHT_HOST", "it")
            .output()
            .expect("run upright")
    }
}

const START: &str = r#"{"type":"start","v":2,"session":"s1","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"Full"}"#;

/// A start line, then `n` unreadable lines (numbered 2 to n + 1).
fn log_with_bad_lines(n: usize) -> String {
    let mut text = format!("{START}\n");
    for i in 0..n {
        text.push_str(&format!("not an event, line {}\n", i + 2));
    }
    text
}

/// The bad lines the .corrupt file holds, each once, in order.
fn copied_lines(corrupt: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(corrupt).expect(".corrupt");
    text.lines()
        .filter(|l| !l.starts_with("# upright set aside line "))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_line_is_copied_but_only_the_first_are_named() {
    let dirs = Dirs::new();
    let path = dirs.data.join("sessions.it.jsonl");
    std::fs::write(&path, log_with_bad_lines(1000)).expect("write");
    let corrupt = log::corrupt_path(&path);

    let loaded = log::load(&path).expect("load");
    assert_eq!(loaded.set_aside.len(), log::SHOWN);
    assert_eq!(loaded.set_aside_total, 1000);
    assert_eq!(loaded.newly_quarantined, 1000);
    let warnings = loaded.warnings();
    assert_eq!(warnings.len(), log::SHOWN + 1, "{warnings:#?}");
    assert!(warnings[19].starts_with(&format!("{}:21: line set aside (", path.display())));
    assert_eq!(
        warnings[20],
        format!(
            "{}: and 980 more lines set aside after line 21; a copy of each is kept in {}",
            path.display(),
            corrupt.display()
        )
    );
    let want: Vec<String> = (0..1000)
        .map(|i| format!("not an event, line {}", i + 2))
        .collect();
    assert_eq!(copied_lines(&corrupt), want);

    // A second load copies nothing; the command says the same as the load.
    let before = std::fs::read(&corrupt).expect(".corrupt");
    let out = dirs.run(&["stats"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), log::SHOWN + 1, "{stderr}");
    assert_eq!(lines[20], format!("warning: {}", warnings[20]));
    assert_eq!(std::fs::read(&corrupt).expect(".corrupt"), before);
}

#[test]
fn check_names_the_first_lines_and_counts_the_rest() {
    let dirs = Dirs::new();
    let path = dirs.data.join("sessions.it.jsonl");
    std::fs::write(&path, log_with_bad_lines(25)).expect("write");
    let out = dirs.run(&["check"]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let located = stderr.matches(": line set aside: ").count();
    assert_eq!(located, log::SHOWN, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: {}: and 5 more lines set aside after line 21\n  expected: one JSON event",
            path.display()
        )),
        "{stderr}"
    );
    assert!(!log::corrupt_path(&path).exists(), "check only reads");
}

#[test]
fn a_single_extra_line_is_said_in_the_singular() {
    let dirs = Dirs::new();
    let path = dirs.data.join("sessions.it.jsonl");
    std::fs::write(&path, log_with_bad_lines(log::SHOWN + 1)).expect("write");
    let loaded = log::load(&path).expect("load");
    let last = loaded.warnings().pop().expect("a warning");
    assert!(
        last.ends_with(&format!(
            ": and 1 more line set aside after line 21; a copy is kept in {}",
            log::corrupt_path(&path).display()
        )),
        "{last}"
    );
}

/// A copy of a log whose events come in another order than in the log: the
/// note names the copy's lines as ranges, whatever order they were found in.
#[test]
fn a_reordered_copy_is_noted_with_its_lines_as_ranges() {
    let dirs = Dirs::new();
    let lines = log::synthetic::lines(3, 1, 4);
    let own = dirs.data.join("sessions.it.jsonl");
    std::fs::write(&own, lines.join("\n") + "\n").expect("write");
    let mut shuffled = lines.clone();
    shuffled.reverse();
    // A copy holding the log's events backwards, and one line of its own.
    let copy = dirs
        .data
        .join("sessions.it.sync-conflict-20240330-080000-ABCDEFG.jsonl");
    let own_line = START.replace("s1", "20240329T073000+0100-other-1");
    std::fs::write(&copy, format!("{own_line}\n{}\n", shuffled.join("\n"))).expect("write");
    let out = dirs.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let n = lines.len();
    assert!(
        stdout.contains(&format!(
            "note: {}: {n} events (lines 2-{}) are also in {} and shown once\n",
            copy.display(),
            n + 1,
            own.display()
        )),
        "{stdout}"
    );
}

/// The disk fills while set-aside lines are being copied: the .corrupt file is
/// cut back to what it held (no entry left torn), the warnings say the lines
/// stay in the log, and once there is room the next load copies each of them
/// once. A 64 KiB tmpfs, as root; skipped with a message otherwise.
#[test]
fn a_copy_cut_short_by_a_full_disk_leaves_no_torn_entry() {
    use super::hostile_files::SmallDisk;
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let path = disk.path().join("sessions.jsonl");
    let mut text = format!("{START}\n");
    for i in 0..20 {
        text.push_str(&format!("bad line {i} {}\n", "x".repeat(1000)));
    }
    std::fs::write(&path, &text).expect("write");
    // Fill the disk, then free one page: the copy (about 22 KB) gets part way.
    let filler = disk.fill();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .expect("filler");
    let len = file.metadata().expect("metadata").len();
    file.set_len(len.saturating_sub(4096)).expect("free a page");
    drop(file);

    let loaded = log::load(&path).expect("the log still loads");
    assert_eq!(loaded.events.len(), 1);
    assert_eq!(loaded.set_aside_total, 20);
    assert_eq!(loaded.newly_quarantined, 0);
    let err = loaded.quarantine_error.clone().expect("the copy failed");
    assert!(err.contains("No space left"), "{err}");
    let corrupt = log::corrupt_path(&path);
    assert_eq!(
        std::fs::metadata(&corrupt).expect(".corrupt").len(),
        0,
        "a failed copy leaves nothing behind"
    );
    assert!(
        loaded
            .warnings()
            .iter()
            .all(|w| !w.contains("a copy is kept")),
        "{:?}",
        loaded.warnings()
    );
    assert_eq!(std::fs::read_to_string(&path).expect("log"), text);

    std::fs::remove_file(&filler).expect("free");
    assert_eq!(log::load(&path).expect("load").newly_quarantined, 20);
    assert_eq!(copied_lines(&corrupt).len(), 20);
    assert_eq!(log::load(&path).expect("load").newly_quarantined, 0);
}
