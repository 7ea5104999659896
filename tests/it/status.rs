//! `upright status` run as the real binary against a seeded log, in Berlin time
//! with a fixed "now"; and the status cache against a full read of the log.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, TimeZone};
use chrono_tz::Europe::Berlin;
use upright::model::digest::Digest;
use upright::model::event::Event;
use upright::model::history::History;
use upright::store::log::synthetic;
use upright::store::status_cache::StatusCache;

/// Berlin's rules as a POSIX TZ string, so the binary needs no zone database.
const BERLIN: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
/// Tuesday 2 April 2024, ten past noon.
const NOON: &str = "2024-04-02T12:10:00+02:00";

const SCHEDULE: &str = r#"
[session]
weekly_goal = 3

[[reminder]]
routine = "desk-break"
every = "2h"
between = "09:00-17:30"

[[reminder]]
routine = "full"
at = ["18:30"]
"#;

/// A completed session's lines: start at `start`, one set done five minutes in,
/// the end ten minutes in.
fn session(id: &str, (routine, name): (&str, &str), start: &str) -> String {
    let at = DateTime::parse_from_rfc3339(start).expect("time");
    let set = (at + Duration::minutes(5)).to_rfc3339();
    let end = (at + Duration::minutes(10)).to_rfc3339();
    format!(
        "{{\"type\":\"start\",\"v\":1,\"session\":\"{id}\",\"at\":\"{}\",\"routine\":\"{routine}\",\"routine_name\":\"{name}\"}}\n\
         {{\"type\":\"step\",\"v\":1,\"session\":\"{id}\",\"at\":\"{set}\",\"index\":0,\"exercise\":\"plank\",\"exercise_name\":\"Plank\",\"level\":1,\"set\":1,\"sets\":1,\"dose\":\"hold\",\"planned_secs\":30,\"achieved_secs\":30,\"skipped\":false,\"hurt\":false}}\n\
         {{\"type\":\"end\",\"v\":1,\"session\":\"{id}\",\"at\":\"{end}\",\"status\":\"completed\",\"active_secs\":600}}\n",
        at.to_rfc3339(),
    )
}

const FULL: (&str, &str) = ("full", "Full upper-back routine");
const DESK: (&str, &str) = ("desk-break", "Desk break");

/// Sunday, Monday (a desk break at 09:30) and Tuesday morning.
fn three_days() -> String {
    [
        session("s1", FULL, "2024-03-31T08:00:00+02:00"),
        session("s2", DESK, "2024-04-01T09:25:00+02:00"),
        session("s3", FULL, "2024-04-02T08:00:00+02:00"),
    ]
    .concat()
}

struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl World {
    fn new(config: &str, log: Option<&str>) -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        for sub in ["data", "config", "home"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        std::fs::write(root.join("config/config.toml"), config).expect("config");
        if let Some(log) = log {
            std::fs::write(root.join("data/sessions.jsonl"), log).expect("log");
        }
        World { _dir: dir, root }
    }

    fn log(&self) -> PathBuf {
        self.root.join("data/sessions.jsonl")
    }

    fn cache(&self) -> PathBuf {
        self.root.join("data/status-cache.json")
    }

    fn run_at(&self, now: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_upright"))
            .args(args)
            .arg("--data-dir")
            .arg(self.root.join("data"))
            .arg("--config-dir")
            .arg(self.root.join("config"))
            .env_clear()
            .env("HOME", self.root.join("home"))
            .env("TZ", BERLIN)
            .env("UPRIGHT_NOW", now)
            .output()
            .expect("run upright")
    }

    /// `upright status ARGS` at `now`: its one line, after checking it succeeded
    /// quietly with exactly one line.
    fn status(&self, now: &str, args: &[&str]) -> String {
        let mut all = vec!["status"];
        all.extend_from_slice(args);
        let out = self.run_at(now, &all);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(text.matches('\n').count(), 1, "one line: {text:?}");
        text.trim_end().to_string()
    }
}

#[test]
fn status_in_text_tmux_and_json() {
    let w = World::new(SCHEDULE, Some(&three_days()));
    assert_eq!(
        w.status(NOON, &[]),
        "Desk break due 3h10m · streak 3 days · 2/3 this week"
    );
    assert_eq!(
        w.status(NOON, &["--format", "tmux"]),
        "#[fg=yellow,bold]Desk break due 3h10m#[default] · streak 3 days · 2/3 this week"
    );
    assert_eq!(
        w.status(NOON, &["--emoji"]),
        "\u{23f0} Desk break due 3h10m · \u{1f525} 3 days · 2/3 this week"
    );
    let json: serde_json::Value =
        serde_json::from_str(&w.status(NOON, &["--format", "json"])).expect("json");
    assert_eq!(
        json["text"],
        "Desk break due 3h10m · streak 3 days · 2/3 this week"
    );
    assert_eq!(json["class"], "due");
    assert_eq!(
        json["tooltip"],
        "Desk break is due: upright start desk-break"
    );
    let due = &json["due"][0];
    assert_eq!(due["routine"], "desk-break");
    assert_eq!(due["since"], "2024-04-02T09:00:00+02:00");
    assert_eq!(due["for_secs"], 3 * 3600 + 600);
    assert_eq!(due["last_done"], "2024-04-01T09:35:00+02:00");
    assert_eq!(json["due"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["next"]["at"], "2024-04-02T13:00:00+02:00");
    assert_eq!(json["streak"], 3);
    assert_eq!(json["week"]["sessions"], 2);
    assert_eq!(json["week"]["goal"], 3);
}

#[test]
fn status_follows_the_log_as_sessions_are_added() {
    let w = World::new(SCHEDULE, Some(&three_days()));
    assert!(w.status(NOON, &[]).starts_with("Desk break due"));
    assert!(w.cache().exists(), "the first call leaves the cache");
    // A desk break at 11:30 answers the 11:00 time: the next is at one.
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .open(w.log())
        .expect("log");
    std::io::Write::write_all(
        &mut log,
        session("s4", DESK, "2024-04-02T11:30:00+02:00").as_bytes(),
    )
    .expect("append");
    let cached = std::fs::read(w.cache()).expect("cache");
    assert_eq!(
        w.status(NOON, &[]),
        "next: Desk break 13:00 · streak 3 days · 3/3 this week"
    );
    // Two new lines are read again next time rather than the cache written.
    assert_eq!(std::fs::read(w.cache()).expect("cache"), cached);
    // In the evening both are due, the one due longest first.
    assert_eq!(
        w.status("2024-04-02T19:00:00+02:00", &[]),
        "Desk break due 6h (+1 more) · streak 3 days · 3/3 this week"
    );
    // The next morning: yesterday's are over; the streak holds until tonight.
    assert_eq!(
        w.status("2024-04-03T08:00:00+02:00", &[]),
        "next: Desk break 09:00 · streak 3 days · 3/3 this week"
    );
    // Yesterday morning's session has settled: now the cache is written.
    assert_ne!(std::fs::read(w.cache()).expect("cache"), cached);
    // Saturday night: the week still counts, the streak is broken, and the next
    // reminder is tomorrow.
    assert!(
        w.status("2024-04-06T23:00:00+02:00", &["--format", "json"])
            .contains("\"text\":\"Desk break due 14h (+1 more) · 3/3 this week\"")
    );
    assert_eq!(
        w.status("2024-04-06T23:50:00+02:00", &[]),
        "Desk break due 14h50m (+1 more) · 3/3 this week"
    );
}

#[test]
fn a_log_rewritten_under_the_cache_or_a_broken_cache_is_read_again() {
    let w = World::new(SCHEDULE, Some(&three_days()));
    assert!(
        w.status(NOON, &[])
            .ends_with("streak 3 days · 2/3 this week")
    );
    // The log replaced by a shorter one (e.g. restored from a backup).
    std::fs::write(w.log(), session("s1", FULL, "2024-03-31T08:00:00+02:00")).expect("rewrite");
    assert_eq!(w.status(NOON, &[]), "Desk break due 3h10m · 0/3 this week");
    std::fs::write(w.cache(), "{ not json").expect("garbage");
    assert_eq!(w.status(NOON, &[]), "Desk break due 3h10m · 0/3 this week");
    let again: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.cache()).expect("cache")).expect("rewritten");
    assert_eq!(again["v"], 1);
    // No log at all.
    std::fs::remove_file(w.log()).expect("remove");
    assert_eq!(w.status(NOON, &[]), "Desk break due 3h10m · 0/3 this week");
}

#[test]
fn without_reminders_only_the_streak_and_the_week() {
    let w = World::new("[session]\nweekly_goal = 3\n", Some(&three_days()));
    assert_eq!(w.status(NOON, &[]), "streak 3 days · 2/3 this week");
    let w = World::new("", None);
    assert_eq!(w.status(NOON, &[]), "0/5 this week");
    let json: serde_json::Value =
        serde_json::from_str(&w.status(NOON, &["--format", "json"])).expect("json");
    assert_eq!(json["class"], "idle");
    assert!(json["next"].is_null());
}

#[test]
fn a_broken_config_gives_one_line_and_exit_0_in_every_format() {
    for config in [
        "[[reminder]]\nroutine = \"full\"\n",
        "[[reminder]]\nroutine = \"desk-brake\"\nat = \"08:00\"\n",
        "[timer]\nrest = \"forever\"\n",
        "not toml [",
    ] {
        let w = World::new(config, Some(&three_days()));
        assert_eq!(
            w.status(NOON, &[]),
            "upright: run upright check",
            "{config}"
        );
        assert_eq!(
            w.status(NOON, &["--format", "tmux"]),
            "upright: run upright check"
        );
        let json: serde_json::Value =
            serde_json::from_str(&w.status(NOON, &["--format", "json"])).expect("json");
        assert_eq!(json["text"], "upright: run upright check");
        assert_eq!(json["class"], "error");
    }
}

#[test]
fn an_unknown_routine_in_a_reminder_is_a_located_configuration_error() {
    let w = World::new(
        "[[reminder]]\nroutine = \"desk-brake\"\nat = \"08:00\"\n",
        None,
    );
    let out = w.run_at(NOON, &["check"]);
    assert_eq!(out.status.code(), Some(78));
    let err = String::from_utf8_lossy(&out.stderr);
    let config = w.root.join("config/config.toml");
    assert!(
        err.starts_with(&format!(
            "error: {}:2:11: no routine has the id \"desk-brake\" (did you mean \"desk-break\"?)\n  expected: a routine id, one of: full, desk-break, core-shoulders",
            config.display()
        )),
        "{err}"
    );
    // Every command refuses it the same way (the message lists the routines).
    let out = w.run_at(NOON, &["routines"]);
    assert_eq!(out.status.code(), Some(78));
    assert!(String::from_utf8_lossy(&out.stderr).contains("desk-brake"));
    let good = World::new(SCHEDULE, None);
    let out = good.run_at(NOON, &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("default rest 20s, 2 reminders;"),
        "{out:?}"
    );
}

/// Writes `lines` to `log`, replacing what it held.
fn write_lines(log: &Path, lines: &[String]) {
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(log, text).expect("write log");
}

#[test]
fn the_cache_read_as_the_log_grows_agrees_with_a_full_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("sessions.jsonl");
    let cache_path = dir.path().join("status-cache.json");
    let events = synthetic::events(200, 2, 11);
    let lines: Vec<String> = events.iter().map(Event::to_line).collect();
    let mut cache = StatusCache::open(&cache_path);
    // Grow the log in uneven steps, asking after each (a new cache from the file
    // every other time, as separate processes would).
    let mut upto = 0;
    let mut step = 1;
    while upto < lines.len() {
        upto = (upto + step).min(lines.len());
        step = step % 97 + 13;
        write_lines(&log, &lines[..upto]);
        let last = events[..upto].iter().map(Event::at).max().expect("events");
        let now = last.with_timezone(&Berlin) + Duration::minutes(upto as i64 % 900);
        if upto % 2 == 0 {
            cache.save().expect("save");
            cache = StatusCache::open(&cache_path);
        }
        let got = cache
            .digest(std::slice::from_ref(&log), &now)
            .expect("digest");
        let history = History::from_events(events[..upto].iter().cloned());
        let want = Digest::of(history.sessions(), &Berlin);
        let today = now.date_naive();
        assert_eq!(got.streak(today), want.streak(today), "at {upto}");
        assert_eq!(
            got.week_sessions(today),
            want.week_sessions(today),
            "at {upto}"
        );
        assert_eq!(got.last_done, want.last_done, "at {upto}");
        assert_eq!(got.names, want.names, "at {upto}");
        let stats = history.stats(&now, 5);
        assert_eq!(got.streak(today), stats.current_streak, "at {upto}");
        assert_eq!(got.week_sessions(today), stats.week_sessions, "at {upto}");
    }
}

#[test]
fn the_digest_agrees_with_the_stats_however_the_sessions_are_added() {
    for seed in 1..6 {
        let history = History::from_events(synthetic::events(120, 1, seed));
        let sessions = history.sessions();
        let whole = Digest::of(sessions, &Berlin);
        let (a, rest) = sessions.split_at(sessions.len() / 3);
        let (b, c) = rest.split_at(rest.len() / 2);
        let mut parts = Digest::of(a, &Berlin);
        parts.add(b, &Berlin).expect("in order");
        parts.add(c, &Berlin).expect("in order");
        let last = sessions.last().expect("sessions").started;
        for back in [0i64, 1, 2, 3, 6, 9, 20] {
            let now = Berlin.from_utc_datetime(&last.naive_utc()) + Duration::days(back);
            let stats = history.stats(&now, 5);
            let today = now.date_naive();
            for d in [&whole, &parts] {
                assert_eq!(d.streak(today), stats.current_streak, "seed {seed} +{back}");
                assert_eq!(
                    d.week_sessions(today),
                    stats.week_sessions,
                    "seed {seed} +{back}"
                );
            }
        }
        assert_eq!(whole.last_done, parts.last_done);
        assert_eq!(whole.names, parts.names);
    }
}

#[test]
fn the_app_writes_every_change_and_status_only_long_tails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("sessions.jsonl");
    let cache_path = dir.path().join("status-cache.json");
    std::fs::write(&log, three_days()).expect("log");
    let now = Berlin
        .with_ymd_and_hms(2024, 4, 2, 12, 10, 0)
        .single()
        .expect("time");
    let logs = [log.clone()];
    let first = {
        let mut c = StatusCache::open(&cache_path);
        c.digest(&logs, &now).expect("digest");
        c.save().expect("save");
        std::fs::read(&cache_path).expect("written")
    };
    let append = |text: &str| {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .expect("log");
        std::io::Write::write_all(&mut f, text.as_bytes()).expect("append");
    };
    append(&session("s4", DESK, "2024-04-02T11:30:00+02:00"));
    let mut c = StatusCache::open(&cache_path);
    let d = c.digest(&logs, &now).expect("digest");
    c.save().expect("save");
    assert!(
        d.last_done["desk-break"]
            .to_rfc3339()
            .starts_with("2024-04-02T11:40")
    );
    assert_eq!(
        std::fs::read(&cache_path).expect("cache"),
        first,
        "not written"
    );
    // What the app does when a session ends: the change is written.
    let mut c = StatusCache::open(&cache_path).write_through();
    c.digest(&logs, &now).expect("digest");
    c.save().expect("save");
    let second = std::fs::read(&cache_path).expect("cache");
    assert_ne!(second, first);
    // A long tail (over PENDING_LIMIT) is written too.
    let many: String = (0..400)
        .map(|i| session(&format!("m{i}"), DESK, "2024-04-02T11:50:00+02:00"))
        .collect();
    assert!(many.len() as u64 > upright::store::status_cache::PENDING_LIMIT);
    append(&many);
    let mut c = StatusCache::open(&cache_path);
    c.digest(&logs, &now).expect("digest");
    c.save().expect("save");
    assert_ne!(std::fs::read(&cache_path).expect("cache"), second);
}
