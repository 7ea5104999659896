//! `upright remind` as the real binary, on the real clock (in UTC): a reminder due
//! now is sent at once; one due in 2 s is sent when it comes, and the process does
//! not wake in between (its context switches do not move); the notification
//! program and --terminal; a repeat after the snooze; no schedule at all.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Timelike, Utc};

struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl World {
    fn new(config: &str) -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        for sub in ["data", "config", "home"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        std::fs::write(root.join("config/config.toml"), config).expect("config");
        World { _dir: dir, root }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_upright"));
        c.arg("remind")
            .args(args)
            .arg("--data-dir")
            .arg(self.root.join("data"))
            .arg("--config-dir")
            .arg(self.root.join("config"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.join("home"))
            .env("TZ", "UTC0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    fn spawn(&self, args: &[&str]) -> Child {
        self.command(args).spawn().expect("spawn upright remind")
    }
}

/// Waits for `child` to exit, killing it after `limit`.
fn finish(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("upright remind did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// Now, away from midnight (UTC), so "today" holds for the whole test.
fn now_midday() -> DateTime<Utc> {
    loop {
        let now = Utc::now();
        let secs = now.num_seconds_from_midnight();
        if (120..86_400 - 120).contains(&secs) {
            return now;
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn reminder_at(t: DateTime<Utc>, extra: &str) -> String {
    format!(
        "[[reminder]]\nroutine = \"desk-break\"\nat = \"{}\"\n{extra}",
        t.format("%H:%M:%S")
    )
}

const LINE: &str = "Desk break is due. Not done yet. Start it with: upright start desk-break";

#[test]
fn a_reminder_due_now_is_printed_at_once() {
    let now = now_midday();
    let w = World::new(&reminder_at(now - chrono::Duration::seconds(90), ""));
    let out = finish(w.spawn(&["--once", "--dry-run"]), Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{LINE}\n"));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Context switches of every thread of `pid`, voluntary and not.
fn switches(pid: u32) -> u64 {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("tasks");
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .flat_map(|s| {
            s.lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().last()?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// Waits until `pid` is asleep: in state S, in a nanosleep where the kernel says
/// where it waits (so not waiting for its helper process), with no context
/// switch for 300 ms.
fn asleep(pid: u32) -> u64 {
    let start = Instant::now();
    let mut last = (switches(pid), Instant::now());
    loop {
        std::thread::sleep(Duration::from_millis(20));
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let wchan = std::fs::read_to_string(format!("/proc/{pid}/wchan")).unwrap_or_default();
        let in_sleep = wchan.contains("nanosleep") || matches!(wchan.trim(), "" | "0");
        let sleeping = in_sleep
            && stat
                .rsplit(')')
                .next()
                .is_some_and(|r| r.trim_start().starts_with('S'));
        let now = switches(pid);
        if now != last.0 || !sleeping {
            last = (now, Instant::now());
        } else if last.1.elapsed() >= Duration::from_millis(300) {
            return now;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never fell asleep"
        );
    }
}

#[test]
fn a_reminder_due_in_two_seconds_comes_then_without_a_wake_up_before() {
    let now = now_midday();
    let due = (now + chrono::Duration::seconds(3))
        .with_nanosecond(0)
        .expect("whole second");
    let w = World::new(&reminder_at(due, ""));
    let mut child = w.spawn(&["--once", "--dry-run"]);
    let pid = child.id();
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send((line, Utc::now()));
        }
    });
    let before = asleep(pid);
    let settled = Utc::now();
    // Look again just before the time: nothing may have woken it.
    let check = due - chrono::Duration::milliseconds(150);
    let window = (check - settled).to_std().expect("asleep before the time");
    assert!(
        window >= Duration::from_millis(300),
        "fell asleep only {window:?} before the time: too late to watch"
    );
    std::thread::sleep(window);
    assert_eq!(switches(pid), before, "woke up while waiting");
    let (line, at) = rx.recv_timeout(Duration::from_secs(15)).expect("a line");
    assert_eq!(line, LINE);
    assert!(at >= due, "sent early: {at} before {due}");
    assert!(
        at - due < chrono::Duration::seconds(5),
        "sent late: {at} for {due}"
    );
    let out = finish(child, Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

fn script(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("notify.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn the_notification_program_gets_the_title_and_the_text() {
    let now = now_midday();
    let w = World::new("");
    let record = w.root.join("args.txt");
    let program = script(
        &w.root,
        &format!("printf '%s\\n' \"$@\" > '{}'", record.display()),
    );
    let config = reminder_at(
        now - chrono::Duration::seconds(60),
        &format!(
            "\n[remind]\ncommand = [\"{}\", \"--urgency=low\"]\n",
            program.display()
        ),
    );
    std::fs::write(w.root.join("config/config.toml"), config).expect("config");
    let out = finish(w.spawn(&["--once", "--terminal"]), Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let args = std::fs::read_to_string(&record).expect("the program ran");
    assert_eq!(
        args,
        "--urgency=low\nDesk break is due\nNot done yet. Start it with: upright start desk-break\n"
    );
    // --terminal: the bell and OSC 9 to its own terminal, and the text.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, format!("\x07\x1b]9;{LINE}\x07{LINE}\n"));
    // A program that fails is reported with the message, which is not lost.
    let failing = script(&w.root, "exit 3");
    let config = reminder_at(
        now - chrono::Duration::seconds(60),
        &format!("\n[remind]\ncommand = \"{}\"\n", failing.display()),
    );
    std::fs::write(w.root.join("config/config.toml"), config).expect("config");
    let out = finish(w.spawn(&["--once"]), Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("failed") && err.contains(LINE), "{err}");
}

#[test]
fn without_a_desktop_to_notify_the_message_is_reported_not_lost() {
    let now = now_midday();
    let w = World::new(&reminder_at(now - chrono::Duration::seconds(60), ""));
    let out = finish(
        w.command(&["--once"])
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/nonexistent/upright-test-bus",
            )
            .spawn()
            .expect("spawn"),
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    // The helper process says why; the waiting one keeps the message.
    assert!(err.contains("cannot send a desktop notification"), "{err}");
    assert!(
        err.contains(&format!(
            "the desktop notification was not sent (see above): {LINE}"
        )),
        "{err}"
    );
    // The helper is no command a user sees.
    let help = Command::new(env!("CARGO_BIN_EXE_upright"))
        .arg("--help")
        .output()
        .expect("help");
    assert!(!String::from_utf8_lossy(&help.stdout).contains("send-notification"));
}

#[test]
fn an_unanswered_reminder_is_repeated_after_the_snooze() {
    let now = now_midday();
    let w = World::new(&reminder_at(
        now - chrono::Duration::seconds(60),
        "\n[remind]\nsnooze = 1\nmax_snoozes = 1\n",
    ));
    let mut child = w.spawn(&["--dry-run"]);
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("text");
    assert_eq!(first, LINE);
    let second = lines.next().expect("a repeat").expect("text");
    assert_eq!(
        second,
        "Desk break is still due. Not done yet. Start it with: upright start desk-break"
    );
    // One repeat only: it now waits for tomorrow's time.
    let pid = child.id();
    let before = asleep(pid);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(switches(pid), before, "woke up while waiting");
    assert!(child.try_wait().expect("wait").is_none(), "still running");
    child.kill().expect("kill");
    let _ = child.wait();
}

#[test]
fn with_no_schedule_it_says_so_and_exits() {
    let w = World::new("[session]\nweekly_goal = 3\n");
    let out = finish(w.spawn(&["--once"]), Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no reminders are scheduled"),
        "{out:?}"
    );
    let broken = World::new("[[reminder]]\nroutine = \"nope\"\nat = \"08:00\"\n");
    let out = finish(broken.spawn(&["--once"]), Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(78), "{out:?}");
}
