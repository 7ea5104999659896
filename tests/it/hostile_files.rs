//! Files that are not what they should be (issue 20): named pipes and devices in
//! place of the config, library and log files, endless or huge reads, a `.corrupt`
//! file linked back to the log, a disk that fills in the middle of a line, and
//! lines far longer than any event. Each must end in a clear message naming the
//! file, never a hang, an abort or a log that grows by itself.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use upright::model::event::Event;
use upright::store::journal::Journal;
use upright::store::log;

const BIN: &str = env!("CARGO_BIN_EXE_upright");

/// How long a command may run before it is taken to hang (each needs well under
/// a second; the bound only turns a hang into a failure instead of a stuck run).
const HANG: Duration = Duration::from_secs(60);

/// A temporary home with config and data dirs.
struct World {
    _root: tempfile::TempDir,
    root: PathBuf,
}

/// How a command ended.
struct Ran {
    code: Option<i32>,
    stderr: String,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        for d in ["home", "config", "data"] {
            std::fs::create_dir_all(root.join(d)).expect("mkdir");
        }
        World { _root: dir, root }
    }

    fn config(&self, name: &str) -> PathBuf {
        self.root.join("config").join(name)
    }

    fn data(&self, name: &str) -> PathBuf {
        self.root.join("data").join(name)
    }

    /// Runs the binary with this world's dirs, failing the test if it has not
    /// ended after [`HANG`] (it is killed then).
    fn run(&self, args: &[&str]) -> Ran {
        let mut child = Command::new(BIN)
            .env_clear()
            .env("HOME", self.root.join("home"))
            .env("NO_COLOR", "1")
            .arg("--config-dir")
            .arg(self.root.join("config"))
            .arg("--data-dir")
            .arg(self.root.join("data"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run upright");
        let mut pipe = child.stderr.take().expect("stderr");
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        });
        let code = wait_or_kill(&mut child, args);
        Ran {
            code,
            stderr: reader.join().expect("stderr reader"),
        }
    }
}

fn wait_or_kill(child: &mut Child, args: &[&str]) -> Option<i32> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("upright {args:?} hung: killed after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Makes a named pipe at `path`; false (with a message) where mkfifo fails.
fn mkfifo(path: &Path) -> bool {
    let made = Command::new("mkfifo").arg(path).status();
    let ok = made.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("mkfifo failed here: skipped");
    }
    ok
}

#[test]
fn a_named_pipe_in_place_of_any_file_is_refused_without_waiting() {
    let files = [
        ("config.toml", true),
        ("exercises.toml", true),
        ("routines.toml", true),
        ("sessions.jsonl", false),
    ];
    for (name, in_config) in files {
        for command in ["check", "routines", "log", "stats"] {
            let w = World::new();
            let path = if in_config {
                w.config(name)
            } else {
                w.data(name)
            };
            if !mkfifo(&path) {
                return;
            }
            let ran = w.run(&[command]);
            let said = format!("{}: cannot read", path.display());
            let refused = ran.stderr.contains(&said)
                && ran
                    .stderr
                    .contains("it is a named pipe (FIFO), not a regular file");
            // A command that reads the file refuses it by name; `check` reads all.
            assert!(
                ran.code == Some(0) || refused,
                "{command} with {name} a FIFO: {:?}\n{}",
                ran.code,
                ran.stderr
            );
            if command == "check" {
                assert!(refused && ran.code != Some(0), "{}", ran.stderr);
            }
        }
    }
}

#[test]
fn devices_in_place_of_toml_files_are_refused_not_read_to_their_end() {
    if !Path::new("/dev/zero").exists() {
        eprintln!("no /dev/zero here: skipped");
        return;
    }
    let w = World::new();
    std::os::unix::fs::symlink("/dev/zero", w.config("config.toml")).expect("link");
    let ran = w.run(&["check"]);
    assert_eq!(ran.code, Some(78), "{}", ran.stderr);
    let want = format!(
        "{}: cannot read the configuration: it is a character device, not a regular file",
        w.config("config.toml").display()
    );
    assert!(ran.stderr.contains(&want), "{}", ran.stderr);

    let ran = w.run(&["--config", "/dev/zero", "stats"]);
    assert_eq!(ran.code, Some(78), "{}", ran.stderr);
    assert!(
        ran.stderr
            .contains("/dev/zero: cannot read the configuration: it is a character device"),
        "{}",
        ran.stderr
    );

    let w = World::new();
    std::os::unix::fs::symlink("/dev/zero", w.config("exercises.toml")).expect("link");
    let ran = w.run(&["routines"]);
    assert_ne!(ran.code, Some(0), "{}", ran.stderr);
    let want = format!(
        "{}: cannot read the file: it is a character device, not a regular file",
        w.config("exercises.toml").display()
    );
    assert!(ran.stderr.contains(&want), "{}", ran.stderr);
}

#[test]
fn a_toml_file_over_the_cap_is_refused_saying_the_cap() {
    let w = World::new();
    let mut text = String::new();
    while text.len() <= 4 * 1024 * 1024 {
        text.push_str("# padding padding padding padding padding padding padding\n");
    }
    std::fs::write(w.config("routines.toml"), &text).expect("write");
    std::fs::write(w.config("config.toml"), &text[..(1024 * 1024 + 1)]).expect("write");
    let ran = w.run(&["check"]);
    assert_eq!(ran.code, Some(78), "{}", ran.stderr);
    for (name, cap) in [("config.toml", "1 MiB"), ("routines.toml", "4 MiB")] {
        let want = format!(
            "{}: the file is too large (more than {cap})",
            w.config(name).display()
        );
        assert!(ran.stderr.contains(&want), "{want}\n{}", ran.stderr);
    }
}

#[test]
fn a_corrupt_file_linked_to_a_device_is_not_read() {
    if !Path::new("/dev/full").exists() {
        eprintln!("no /dev/full here: skipped");
        return;
    }
    let w = World::new();
    std::fs::write(w.data("sessions.jsonl"), "not an event\n").expect("write");
    std::os::unix::fs::symlink("/dev/full", w.data("sessions.jsonl.corrupt")).expect("link");
    let ran = w.run(&["log"]);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("could not be copied") && ran.stderr.contains("symbolic link"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_corrupt_file_linked_back_to_the_log_never_feeds_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    let text = "not an event\nnor this\n";
    std::fs::write(&path, text).expect("write");
    let corrupt = log::corrupt_path(&path);
    std::os::unix::fs::symlink(&path, &corrupt).expect("symlink");
    for _ in 0..3 {
        let loaded = log::load(&path).expect("load");
        assert_eq!(loaded.set_aside.len(), 2);
        let err = loaded.quarantine_error.expect("refused");
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    }
    // A hard link is the log itself under another name.
    std::fs::remove_file(&corrupt).expect("rm");
    std::fs::hard_link(&path, &corrupt).expect("hard link");
    let loaded = log::load(&path).expect("load");
    let err = loaded.quarantine_error.expect("refused");
    assert!(err.contains("is the session log"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn many_lines_are_set_aside_once_and_never_copied_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!("bad line {i}\n"));
    }
    std::fs::write(&path, &text).expect("write");
    assert_eq!(log::load(&path).expect("load").newly_quarantined, 20_000);
    let corrupt = std::fs::read(log::corrupt_path(&path)).expect("corrupt");
    for _ in 0..2 {
        assert_eq!(log::load(&path).expect("load").newly_quarantined, 0);
        assert_eq!(
            std::fs::read(log::corrupt_path(&path)).expect("corrupt"),
            corrupt
        );
    }
}

#[test]
fn a_line_longer_than_the_limit_is_set_aside_without_being_held() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    let start = r#"{"type":"start","v":1,"session":"s1","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"Full"}"#;
    let long_len = 3 * log::MAX_LINE;
    let mut bytes = format!("{start}\n").into_bytes();
    bytes.extend(std::iter::repeat_n(b'x', long_len));
    bytes.extend_from_slice(format!("\n{start}\n").as_bytes());
    std::fs::write(&path, &bytes).expect("write");
    let loaded = log::load(&path).expect("load");
    assert_eq!(loaded.events.len(), 2);
    assert_eq!(loaded.set_aside.len(), 1);
    let s = &loaded.set_aside[0];
    assert_eq!(s.line, 2);
    assert_eq!(s.bytes.len(), 4096, "only the head of the line is held");
    assert_eq!(s.cut.map(|c| c.len), Some(long_len as u64));
    assert!(
        s.reason.contains(&format!("{long_len} bytes long")),
        "{}",
        s.reason
    );
    let corrupt = std::fs::read_to_string(log::corrupt_path(&path)).expect("corrupt");
    assert!(
        corrupt.contains(&format!("[its first 4096 of {long_len} bytes follow]\n")),
        "{}",
        &corrupt[..200]
    );
    assert_eq!(log::load(&path).expect("load").newly_quarantined, 0);
}

/// A tmpfs of 64 KiB mounted on a temporary dir, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// `None` (with a message) unless running as root where mount works.
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().expect("tempdir");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("cannot mount a small tmpfs here (not root?): skipped");
            return None;
        }
        Some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk with a file until a write fails; returns that file.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut f = std::fs::File::create(&filler).expect("filler");
        let block = [b'#'; 512];
        while f.write_all(&block).is_ok() {}
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn start_event(session: &str, name_len: usize) -> Event {
    let line = format!(
        r#"{{"type":"start","v":1,"session":"{session}","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"{}"}}"#,
        "n".repeat(name_len)
    );
    upright::model::event::parse_line(&line).expect("a start event")
}

#[test]
fn a_write_cut_short_by_a_full_disk_leaves_no_torn_line() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let path = disk.path().join("sessions.jsonl");
    let first = start_event("s1", 10);
    log::append(&path, &first).expect("append");
    // Leave about a page free, then write an event longer than that: the kernel
    // takes part of it and refuses the rest.
    let filler = disk.fill();
    let mut journal = Journal::new(path.clone());
    let big = start_event("s2", 20_000);
    let err = journal.append(big.clone()).expect_err("disk full");
    assert!(err.reason.contains("No space left"), "{}", err.reason);
    let after_failure = std::fs::read(&path).expect("read");
    let before = format!("{}\n", first.to_line()).into_bytes();
    assert!(
        after_failure == before,
        "the log holds {} bytes after the failed write, {} before it",
        after_failure.len(),
        before.len()
    );
    // Space is freed; the retry writes the kept event whole.
    std::fs::remove_file(&filler).expect("free");
    assert_eq!(journal.flush(), Ok(()));
    let loaded = log::read(&path).expect("read");
    assert!(
        loaded.set_aside.is_empty(),
        "{:?}",
        loaded.set_aside.first().map(|s| &s.reason)
    );
    assert_eq!(loaded.events, vec![first, big]);
}
