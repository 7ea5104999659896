//! One history across machines (issue 18): data dirs written by two hosts, then
//! synced into one, read by the real binary; conflict copies, `upright log
//! import`, `upright check`, and two hosts appending to one data dir at once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use upright::model::event::Event;
use upright::model::history::History;
use upright::store::log::{self, synthetic};

use crate::fixtures::read_while_appending;

const NOW: &str = "2015-04-01T20:00:00+02:00";
const SYNCTHING: &str = "sessions.laptop.sync-conflict-20150301-101500-ABCDEFG.jsonl";
const DROPBOX: &str = "sessions.desktop (Jo's conflicted copy 2015-03-01).jsonl";

/// A temporary place with any number of data dirs.
struct Machines {
    dir: tempfile::TempDir,
}

impl Machines {
    fn new() -> Machines {
        Machines {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs upright on data dir `data` as host `host`.
    fn run(&self, data: &str, host: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_upright"))
            .args(args)
            .arg("--data-dir")
            .arg(self.path(data))
            .arg("--config-dir")
            .arg(self.path("config"))
            .env_clear()
            .env("HOME", self.path("home"))
            .env("TZ", "UTC0")
            .env("UPRIGHT_NOW", NOW)
            .env("UPRIGHT_HOST", host)
            .output()
            .expect("run upright")
    }

    /// Runs, expects exit 0, returns stdout and stderr with the temp dir as [ROOT].
    fn ok(&self, data: &str, host: &str, args: &[&str]) -> (String, String) {
        let out = self.run(data, host, args);
        let clean = |b: &[u8]| {
            String::from_utf8_lossy(b).replace(&self.dir.path().display().to_string(), "[ROOT]")
        };
        let (stdout, stderr) = (clean(&out.stdout), clean(&out.stderr));
        assert_eq!(out.status.code(), Some(0), "{args:?}\n{stdout}\n{stderr}");
        (stdout, stderr)
    }

    fn write(&self, name: &str, events: &[Event]) -> PathBuf {
        let path = self.path(name);
        let text: String = events.iter().map(|e| e.to_line() + "\n").collect();
        std::fs::write(&path, text).expect("write");
        path
    }

    /// Copies `from` into data dir `data` as `name`, as a sync tool would.
    fn sync(&self, from: &Path, data: &str, name: &str) {
        std::fs::create_dir_all(self.path(data)).expect("mkdir");
        std::fs::copy(from, self.path(data).join(name)).expect("copy");
    }
}

/// Ten weeks of sessions, split by session between two machines.
fn two_machines() -> (Vec<Event>, Vec<Event>, Vec<Event>) {
    let all = synthetic::events(70, 1, 18);
    let mut ids: Vec<&str> = all.iter().map(Event::session).collect();
    ids.dedup();
    let laptop_ids: Vec<String> = ids.iter().step_by(2).map(|s| s.to_string()).collect();
    let (laptop, desktop) = all
        .iter()
        .cloned()
        .partition(|e| laptop_ids.iter().any(|id| id == e.session()));
    (all, laptop, desktop)
}

/// How many sessions `upright log` shows of `events` (discarded ones are left out).
fn shown(events: &[Event]) -> usize {
    History::from_events(events.to_vec())
        .without_discarded()
        .sessions()
        .len()
}

fn sessions(json: &str) -> Vec<String> {
    json.lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"));
            v["session"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

/// Two data dirs, each written by the real binary as its own host, synced into a
/// third: the log and the stats show every session once, exactly as one log
/// holding all of them would; conflict copies change nothing shown.
#[test]
fn two_hosts_synced_into_one_data_dir_show_every_session_once() {
    let m = Machines::new();
    let (all, laptop, desktop) = two_machines();
    let a = m.write("laptop-part.jsonl", &laptop);
    let b = m.write("desktop-part.jsonl", &desktop);
    m.ok(
        "laptop-data",
        "laptop",
        &["log", "import", a.to_str().expect("utf-8")],
    );
    m.ok(
        "desktop-data",
        "desktop",
        &["log", "import", b.to_str().expect("utf-8")],
    );
    let laptop_log = m.path("laptop-data/sessions.laptop.jsonl");
    let desktop_log = m.path("desktop-data/sessions.desktop.jsonl");
    assert!(laptop_log.exists() && desktop_log.exists());
    // What one log with every session shows.
    let one = m.write("one.jsonl", &all);
    m.sync(&one, "reference", "sessions.jsonl");
    let (expected, _) = m.ok("reference", "x", &["log", "--format", "json"]);
    let (expected_stats, _) = m.ok("reference", "x", &["stats", "--format", "json"]);
    let count = History::from_events(all.clone()).sessions().len();
    assert_eq!(sessions(&expected).len(), shown(&all));

    m.sync(&laptop_log, "synced", "sessions.laptop.jsonl");
    m.sync(&desktop_log, "synced", "sessions.desktop.jsonl");
    for host in ["laptop", "desktop"] {
        let (json, stderr) = m.ok("synced", host, &["log", "--format", "json"]);
        assert_eq!(json, expected, "as {host}");
        assert_eq!(stderr, "");
        let (stats, _) = m.ok("synced", host, &["stats", "--format", "json"]);
        assert_eq!(stats, expected_stats);
    }
    // A sync tool's conflict copies of either file change nothing shown.
    m.sync(&laptop_log, "synced", SYNCTHING);
    m.sync(&desktop_log, "synced", DROPBOX);
    let (json, stderr) = m.ok("synced", "laptop", &["log", "--format", "json"]);
    assert_eq!(json, expected);
    assert_eq!(stderr, "");
    let (text, _) = m.ok("synced", "laptop", &["log"]);
    let (reference_text, _) = m.ok("reference", "x", &["log"]);
    assert_eq!(text, reference_text);
    // upright check says which lines are in two files, and that the copy of
    // this machine's log means two machines share the host id.
    let (check, _) = m.ok("synced", "laptop", &["check"]);
    assert!(
        check.contains(&format!(
            "session logs in [ROOT]/synced: {count} sessions in 4 files"
        )),
        "{check}"
    );
    assert!(
        check.contains(&format!(
            "note: [ROOT]/synced/{SYNCTHING}: {} events (lines 1-{}) are also in [ROOT]/synced/sessions.laptop.jsonl and shown once; the copy holds nothing else and can be deleted",
            laptop.len(),
            laptop.len()
        )),
        "{check}"
    );
    assert!(check.contains("share the host id \"laptop\""), "{check}");
    // Nothing was written into any log by reading.
    assert_eq!(
        std::fs::read(m.path("synced/sessions.laptop.jsonl")).expect("read"),
        std::fs::read(&laptop_log).expect("read")
    );
    assert!(!m.path("synced/sessions.synced.jsonl").exists());
}

/// A conflict copy with a torn last line and a file that is no log: the rest is
/// read, what cannot be read is set aside per file, and no log is rewritten.
#[test]
fn a_torn_copy_and_a_stray_file_are_set_aside_per_file() {
    let m = Machines::new();
    let (all, _, _) = two_machines();
    let own = m.write("own.jsonl", &all);
    m.sync(&own, "data", "sessions.laptop.jsonl");
    let text = std::fs::read_to_string(&own).expect("read");
    let torn = m.path("torn.jsonl");
    std::fs::write(&torn, &text[..text.len() / 2]).expect("write");
    m.sync(&torn, "data", SYNCTHING);
    let stray = m.path("stray");
    std::fs::write(&stray, "name,value\nx,1\n").expect("write");
    m.sync(&stray, "data", "sessions-export.jsonl");
    let (json, stderr) = m.ok("data", "laptop", &["log", "--format", "json"]);
    assert_eq!(sessions(&json).len(), shown(&all));
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 3, "{stderr}");
    assert!(
        warnings[0].starts_with("warning: [ROOT]/data/sessions-export.jsonl:1: line set aside"),
        "{stderr}"
    );
    assert!(
        warnings[2].contains(&format!("[ROOT]/data/{SYNCTHING}:")),
        "{stderr}"
    );
    assert!(warnings[2].contains("cut short"), "{stderr}");
    assert!(m.path(&format!("data/{SYNCTHING}.corrupt")).exists());
    assert!(m.path("data/sessions-export.jsonl.corrupt").exists());
    assert!(!m.path("data/sessions.laptop.jsonl.corrupt").exists());
    assert_eq!(
        std::fs::read_to_string(m.path(&format!("data/{SYNCTHING}"))).expect("read"),
        &text[..text.len() / 2]
    );
    // check names each bad line by file and line, and fails.
    let out = m.run("data", "laptop", &["check"]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sessions-export.jsonl:1:1: line set aside"),
        "{stderr}"
    );
}

/// `upright log import` of a log that overlaps the history adds only what is
/// new, to this machine's log only, and says what it added and skipped.
#[test]
fn importing_an_overlapping_log_adds_only_what_is_new() {
    let m = Machines::new();
    let (all, laptop, desktop) = two_machines();
    let desktop_file = m.write("desktop.jsonl", &desktop);
    m.sync(&desktop_file, "data", "sessions.desktop.jsonl");
    let desktop_before = std::fs::read(m.path("data/sessions.desktop.jsonl")).expect("read");
    // A backup holding everything: the desktop's sessions are there already.
    let backup = m.write("backup.jsonl", &all);
    let (said, stderr) = m.ok(
        "data",
        "laptop",
        &["log", "import", backup.to_str().expect("utf-8")],
    );
    assert_eq!(stderr, "");
    let count = |events: &[Event]| History::from_events(events.to_vec()).sessions().len();
    assert_eq!(
        said,
        format!(
            "Imported [ROOT]/backup.jsonl into [ROOT]/data/sessions.laptop.jsonl\n  added    {} sessions, {} events\n  skipped  {} sessions, {} events (already in the history)\n",
            count(&laptop),
            laptop.len(),
            count(&desktop),
            desktop.len()
        )
    );
    let own = std::fs::read_to_string(m.path("data/sessions.laptop.jsonl")).expect("read");
    assert_eq!(own.lines().count(), laptop.len());
    assert_eq!(
        std::fs::read(m.path("data/sessions.desktop.jsonl")).expect("read"),
        desktop_before
    );
    // Again: nothing added, nothing written.
    let (again, _) = m.ok(
        "data",
        "laptop",
        &["log", "import", backup.to_str().expect("utf-8")],
    );
    assert!(again.contains("added    0 sessions, 0 events"), "{again}");
    assert_eq!(
        std::fs::read_to_string(m.path("data/sessions.laptop.jsonl")).expect("read"),
        own
    );
    let (json, _) = m.ok("data", "laptop", &["log", "--format", "json"]);
    assert_eq!(sessions(&json).len(), shown(&all));
    // A file that is not there is a data error naming it.
    let out = m.run(
        "data",
        "laptop",
        &["log", "import", "/nonexistent/old.jsonl"],
    );
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/old.jsonl"));
}

/// A bad host id in the environment or the config is refused, named.
#[test]
fn a_bad_host_id_is_a_configuration_error_naming_where_it_was_set() {
    let m = Machines::new();
    let out = m.run("data", "My Laptop", &["log", "import", "x.jsonl"]);
    assert_eq!(out.status.code(), Some(78));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("$UPRIGHT_HOST"), "{stderr}");
    assert!(
        stderr.contains("a host id of 1 to 63 characters"),
        "{stderr}"
    );
    std::fs::create_dir_all(m.path("config")).expect("mkdir");
    std::fs::write(m.path("config/config.toml"), "[data]\nhost = \"my_pc\"\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_upright"))
        .args(["check", "--config-dir"])
        .arg(m.path("config"))
        .arg("--data-dir")
        .arg(m.path("data"))
        .env_clear()
        .env("HOME", m.path("home"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(78));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.toml:2:8"), "{stderr}");
    assert!(stderr.contains("has the character '_'"), "{stderr}");
}

const CHILD_DIR: &str = "UPRIGHT_TEST_SYNC_DIR";
const CHILD_HOST: &str = "UPRIGHT_TEST_SYNC_HOST";

/// Each appender's share: the sessions of every other day, by host.
fn share(host: &str) -> Vec<Event> {
    let (_, laptop, desktop) = two_machines();
    if host == "laptop" { laptop } else { desktop }
}

#[test]
fn child_host_appender() {
    let (Some(dir), Ok(host)) = (std::env::var_os(CHILD_DIR), std::env::var(CHILD_HOST)) else {
        return; // Not launched as a child: nothing to do.
    };
    let own = Path::new(&dir).join(format!("sessions.{host}.jsonl"));
    for e in share(&host) {
        log::append(&own, &e).expect("append");
    }
}

/// Two processes with different hosts append to one data dir at once while it
/// is read again and again: no reader sees a broken line, and at the end every
/// event is there once.
#[test]
fn two_hosts_appending_at_once_lose_and_duplicate_nothing() {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("tempdir");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = ["laptop", "desktop"]
        .into_iter()
        .map(|host| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "sync::child_host_appender",
                    "--test-threads",
                    "1",
                ])
                .env(CHILD_DIR, dir.path())
                .env(CHILD_HOST, host)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn appender")
        })
        .collect();
    read_while_appending(children, || {
        let (_, set) = log::set::load_all(dir.path());
        assert_eq!(set.set_aside(), 0, "{:?}", set.warnings());
        assert!(set.failed.is_empty(), "{:?}", set.failed);
    });
    let (all, _, _) = two_machines();
    let (history, set) = log::set::load_all(dir.path());
    assert_eq!(set.duplicates, 0);
    assert_eq!(set.logs.len(), 2);
    assert_eq!(history, History::from_events(all));
    for host in ["laptop", "desktop"] {
        let events = log::read(&dir.path().join(format!("sessions.{host}.jsonl")))
            .expect("read")
            .events;
        assert_eq!(events, share(host), "{host}");
    }
}
