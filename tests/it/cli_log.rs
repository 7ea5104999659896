//! `upright log`, `upright stats` and the log part of `upright check`, run as the
//! real binary on a log the test writes, in Berlin time with a fixed "now".

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Berlin's rules as a POSIX TZ string, so the test needs no time zone database.
const BERLIN: &str = "CET-1CEST,M3.5.0,M10.5.0/3";
/// Tuesday 2 April 2024, the evening.
const NOW: &str = "2024-04-02T20:00:00+02:00";

/// Four sessions around the spring-forward change of 31 March 2024, a level change,
/// a garbage line in the middle and a torn last line.
const LOG: &str = r#"{"type":"start","v":1,"session":"s1","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"Full upper-back routine","pain_before":6,"planned_steps":5}
{"type":"step","v":1,"session":"s1","at":"2024-03-29T07:31:00+01:00","index":0,"exercise":"plank","exercise_name":"Plank","level":2,"set":1,"sets":2,"dose":"open","planned_secs":45,"achieved_secs":40.5,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s1","at":"2024-03-29T07:32:30+01:00","index":1,"exercise":"plank","exercise_name":"Plank","level":2,"set":2,"sets":2,"dose":"open","planned_secs":45,"achieved_secs":52.25,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s1","at":"2024-03-29T07:34:00+01:00","index":2,"exercise":"push-up","exercise_name":"Push-up","level":1,"set":1,"sets":1,"dose":"reps","planned_reps":10,"achieved_reps":11,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s1","at":"2024-03-29T07:36:00+01:00","index":3,"exercise":"shoulder-blade-stretch","exercise_name":"Stretch between the shoulder blades","level":1,"set":1,"sets":1,"side":"left","dose":"hold","planned_secs":30,"achieved_secs":30,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s1","at":"2024-03-29T07:37:00+01:00","index":4,"exercise":"shoulder-blade-stretch","exercise_name":"Stretch between the shoulder blades","level":1,"set":1,"sets":1,"side":"right","dose":"hold","planned_secs":30,"achieved_secs":30,"skipped":false,"hurt":false}
{"type":"end","v":1,"session":"s1","at":"2024-03-29T07:42:05+01:00","status":"completed","pain_after":4,"note":"tight, left side | better after","active_secs":611.5}
{"type":"start","v":1,"session":"s2","at":"2024-03-30T23:50:00+01:00","routine":"desk-break","routine_name":"Desk break","pain_before":5,"planned_steps":2,"device":"laptop"}
this line is not an event
{"type":"step","v":1,"session":"s2","at":"2024-03-30T23:52:00+01:00","index":0,"exercise":"ostrich","exercise_name":"Ostrich (neck glide)","level":1,"set":1,"sets":2,"dose":"reps","planned_reps":10,"achieved_reps":10,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s2","at":"2024-03-30T23:55:00+01:00","index":1,"exercise":"ostrich","exercise_name":"Ostrich (neck glide)","level":1,"set":2,"sets":2,"dose":"reps","planned_reps":10,"skipped":true,"hurt":false}
{"type":"end","v":1,"session":"s2","at":"2024-03-31T00:05:00+01:00","status":"completed","pain_after":5,"active_secs":400}
{"type":"start","v":1,"session":"s3","at":"2024-03-31T18:00:00+02:00","routine":"core-shoulders","routine_name":"Core and shoulders","pain_before":4}
{"type":"step","v":1,"session":"s3","at":"2024-03-31T18:01:00+02:00","index":0,"exercise":"plank","exercise_name":"Plank","level":2,"set":1,"sets":2,"dose":"open","planned_secs":45,"achieved_secs":61,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s3","at":"2024-03-31T18:03:00+02:00","index":1,"exercise":"push-up","exercise_name":"Push-up","level":1,"set":1,"sets":2,"dose":"reps","planned_reps":10,"achieved_reps":4,"skipped":false,"hurt":true}
{"type":"end","v":1,"session":"s3","at":"2024-03-31T18:10:00+02:00","status":"partial","pain_after":3,"note":"wrist hurt","active_secs":300}
{"type":"level","v":1,"session":"s3","at":"2024-03-31T18:10:01+02:00","exercise":"plank","level":3,"reason":"progress"}
{"type":"mood","v":1,"session":"s3","at":"2024-03-31T18:11:00+02:00","mood":"good"}
{"type":"start","v":3,"session":"s9","at":"2024-04-01T08:00:00+02:00","routine":"full","routine_name":"Full upper-back routine","extras":{"a":1}}
{"type":"start","v":1,"session":"s4","at":"2024-04-02T08:00:00+02:00","routine":"full","routine_name":"Full upper-back routine","pain_before":3}
{"type":"step","v":1,"session":"s4","at":"2024-04-02T08:01:00+02:00","index":0,"exercise":"plank","exercise_name":"Plank","level":3,"set":1,"sets":2,"dose":"hold","planned_secs":30,"achieved_secs":30,"skipped":false,"hurt":false}
{"type":"step","v":1,"session":"s4","at":"2024-04-02T08:02"#;

struct Env {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Env {
    /// A data dir holding `log` (if any) and a config dir with weekly_goal = 3.
    fn new(log: Option<&str>) -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        for sub in ["data", "config", "home", "xdg-data", "xdg-config"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        std::fs::write(
            root.join("config/config.toml"),
            "[session]\nweekly_goal = 3\n",
        )
        .expect("config");
        if let Some(log) = log {
            std::fs::write(root.join("data/sessions.jsonl"), log).expect("log");
        }
        Env { _dir: dir, root }
    }

    fn log_path(&self) -> PathBuf {
        self.root.join("data/sessions.jsonl")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_upright"))
            .args(args)
            .arg("--data-dir")
            .arg(self.root.join("data"))
            .arg("--config-dir")
            .arg(self.root.join("config"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.join("home"))
            .env("XDG_DATA_HOME", self.root.join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.root.join("xdg-config"))
            .env("TZ", BERLIN)
            .env("UPRIGHT_NOW", NOW)
            .env("UPRIGHT_HOST", "it")
            .output()
            .expect("run upright")
    }

    /// Runs, expects exit 0, returns stdout with the temp dir replaced by [ROOT].
    fn ok(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        let stdout = self.scrub(&out.stdout);
        let stderr = self.scrub(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}\n{stdout}\n{stderr}");
        (stdout, stderr)
    }

    fn scrub(&self, bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).replace(&self.root.display().to_string(), "[ROOT]")
    }
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn log_text_lists_sessions_newest_first_and_warns_about_bad_lines() {
    let env = Env::new(Some(LOG));
    let (stdout, stderr) = env.ok(&["log"]);
    insta::assert_snapshot!("log_text", stdout);
    // Each set-aside line is named with the log's path and line number.
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 4, "{stderr}");
    for (warning, line) in warnings.iter().zip([9, 18, 19, 22]) {
        assert!(
            warning.starts_with(&format!(
                "warning: [ROOT]/data/sessions.jsonl:{line}: line set aside ("
            )),
            "{warning}"
        );
        assert!(warning.ends_with("a copy is kept in [ROOT]/data/sessions.jsonl.corrupt"));
    }
    assert!(
        warnings[1].contains("unknown event type \"mood\""),
        "{stderr}"
    );
    assert!(warnings[2].contains("schema version 3"), "{stderr}");
    assert!(warnings[3].contains("cut short"), "{stderr}");
    // The log is untouched; the bad lines are kept, once.
    assert_eq!(std::fs::read_to_string(env.log_path()).expect("log"), LOG);
    let corrupt_path = env.root.join("data/sessions.jsonl.corrupt");
    let corrupt = std::fs::read_to_string(&corrupt_path).expect(".corrupt");
    assert!(corrupt.contains("\nthis line is not an event\n"));
    assert_eq!(corrupt.matches("# upright set aside line ").count(), 4);
    env.ok(&["log"]);
    assert_eq!(
        std::fs::read_to_string(&corrupt_path).expect(".corrupt"),
        corrupt
    );
}

#[test]
fn log_json_is_one_object_per_session_with_its_steps() {
    let env = Env::new(Some(LOG));
    let (stdout, _) = env.ok(&["log", "--format", "json"]);
    let sessions = json_lines(&stdout);
    let ids: Vec<&str> = sessions
        .iter()
        .map(|s| s["session"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4"], "oldest first");
    let s1 = &sessions[0];
    assert_eq!(s1["status"], "completed");
    assert_eq!(s1["pain_before"], 6);
    assert_eq!(s1["pain_after"], 4);
    assert_eq!(s1["duration_secs"], 725.0);
    assert_eq!(s1["steps"].as_array().map(Vec::len), Some(5));
    assert_eq!(s1["steps"][1]["achieved_secs"], 52.25);
    assert_eq!(s1["steps"][3]["side"], "left");
    // Across midnight: dated by its local start.
    assert_eq!(sessions[1]["date"], "2024-03-30");
    assert_eq!(sessions[3]["status"], "interrupted");
    assert_eq!(sessions[3]["ended"], serde_json::Value::Null);
    insta::assert_snapshot!("log_json", stdout);
}

#[test]
fn log_csv_has_one_row_per_step() {
    let env = Env::new(Some(LOG));
    let (stdout, _) = env.ok(&["log", "--format", "csv"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("session,date,started,routine,"));
    assert_eq!(lines.len(), 1 + 5 + 2 + 2 + 1);
    let columns = lines[0].split(',').count();
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("tight") || l.contains("\"tight, left side | better after\""))
    );
    for l in &lines[1..] {
        // The quoted note holds a comma; every row has the header's columns.
        let unquoted = l.replace("\"tight, left side | better after\"", "note");
        assert_eq!(unquoted.split(',').count(), columns, "{l}");
    }
    insta::assert_snapshot!("log_csv", stdout);
}

/// Quotes, commas and line breaks in a note or a name are quoted (quotes doubled);
/// a session without steps is one row with the step columns empty.
#[test]
fn log_csv_quotes_only_what_needs_it() {
    let log = concat!(
        r#"{"type":"start","v":1,"session":"s1","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"Full \"quoted\", routine","pain_before":6}"#,
        "\n",
        r#"{"type":"end","v":1,"session":"s1","at":"2024-03-29T07:42:05+01:00","status":"completed","pain_after":4,"note":"one\ntwo | three","active_secs":611.5}"#,
        "\n",
    );
    let env = Env::new(Some(log));
    let (stdout, _) = env.ok(&["log", "--format", "csv"]);
    let row = stdout.split_once('\n').map(|(_, row)| row);
    assert_eq!(
        row,
        Some(concat!(
            "s1,2024-03-29,2024-03-29T07:30:00+01:00,full,\"Full \"\"quoted\"\", routine\",",
            "completed,725,611.5,6,4,\"one\ntwo | three\",,,,,,,,,,,,,,\n"
        ))
    );
}

#[test]
fn log_markdown_is_a_report_for_a_physiotherapist() {
    let env = Env::new(Some(LOG));
    let (stdout, _) = env.ok(&["log", "--format", "markdown"]);
    for part in [
        "**Period:** 2024-03-29 to 2024-04-02",
        "## Adherence",
        "goal: 3 a week",
        "## Pain",
        "First (2024-03-29): 6 before, 4 after. Last (2024-04-02): 3 before, not recorded after.",
        "## What was done",
        "| Plank | 3 | 4 | 0 | 0 | 2 → 3 | held 1:01 |",
        "## Sessions",
        "tight, left side \\| better after",
    ] {
        assert!(stdout.contains(part), "missing {part:?} in\n{stdout}");
    }
    insta::assert_snapshot!("log_markdown", stdout);
}

#[test]
fn since_keeps_sessions_from_a_local_date_on() {
    let env = Env::new(Some(LOG));
    // s3 started at 18:00 on the 31st in Berlin; s2 on the 30th, ending on the 31st.
    let (stdout, _) = env.ok(&["log", "--since", "2024-03-31", "--format", "json"]);
    let ids: Vec<String> = json_lines(&stdout)
        .iter()
        .map(|s| s["session"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids, ["s3", "s4"]);
    let (text, _) = env.ok(&["log", "--since", "2024-03-30"]);
    assert_eq!(text.lines().count(), 1 + 3, "{text}");
    let (none, _) = env.ok(&["log", "--since", "2024-05-01"]);
    assert_eq!(none, "No sessions since 2024-05-01.\n");
    let (md, _) = env.ok(&["log", "--since", "2024-03-31", "--format", "markdown"]);
    assert!(
        md.contains("**Period:** 2024-03-31 to 2024-04-02 (3 days"),
        "{md}"
    );
    let bad = env.run(&["log", "--since", "31/03/2024"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn stats_text_and_json() {
    let env = Env::new(Some(LOG));
    let (text, _) = env.ok(&["stats"]);
    insta::assert_snapshot!("stats_text", text);
    let (json, _) = env.ok(&["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["today"], "2024-04-02");
    // Active days 29, 30, 31 March and 2 April (local): the run of three broke on 1 April.
    assert_eq!(v["current_streak"], 1);
    assert_eq!(v["longest_streak"], 3);
    assert_eq!(v["active_days"], 4);
    assert_eq!(v["week_start"], "2024-04-01");
    assert_eq!(v["week_sessions"], 1);
    assert_eq!(v["weekly_goal"], 3);
    assert_eq!(v["sessions"], 4);
    let best = |exercise: &str| {
        v["bests"]
            .as_array()
            .and_then(|b| b.iter().find(|b| b["exercise"] == exercise))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(best("plank")["kind"], "hold");
    assert_eq!(best("plank")["secs"], 61.0);
    assert_eq!(
        best("push-up")["reps"],
        11,
        "the hurt set of 4 does not count"
    );
    assert_eq!(best("ostrich")["reps"], 10);
    assert_eq!(v["levels"][0]["level"], 3);
    assert_eq!(v["pain"]["series"].as_array().map(Vec::len), Some(4));
    assert_eq!(v["weeks"].as_array().map(Vec::len), Some(12));
}

#[test]
fn without_a_log_there_is_nothing_to_show_and_nothing_is_created() {
    let env = Env::new(None);
    let (text, stderr) = env.ok(&["log"]);
    assert_eq!(
        text,
        "No sessions logged yet (the logs are kept in [ROOT]/data).\n"
    );
    assert_eq!(stderr, "");
    let (json, _) = env.ok(&["log", "--format", "json"]);
    assert_eq!(json, "");
    let (stats, _) = env.ok(&["stats"]);
    assert!(stats.starts_with("No sessions logged yet"), "{stats}");
    assert!(stats.contains("0 of 3 sessions"), "{stats}");
    let (check, _) = env.ok(&["check"]);
    assert!(check.contains("; no session log yet"), "{check}");
    assert!(!env.log_path().exists());
}

#[test]
fn check_reports_set_aside_lines_as_located_problems() {
    let env = Env::new(Some(LOG));
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(65));
    let stderr = env.scrub(&out.stderr);
    for line in [9, 18, 19, 22] {
        assert!(
            stderr.contains(&format!(
                "error: [ROOT]/data/sessions.jsonl:{line}:1: line set aside: "
            )),
            "line {line} in\n{stderr}"
        );
    }
    // check only reads: no .corrupt copy is made.
    assert!(!Path::new(&env.root.join("data/sessions.jsonl.corrupt")).exists());

    let clean: String = LOG
        .lines()
        .enumerate()
        .filter(|(i, _)| ![8, 17, 18, 21].contains(i))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    std::fs::write(env.log_path(), clean).expect("write");
    let (stdout, _) = env.ok(&["check"]);
    assert!(
        stdout.contains("; session log [ROOT]/data/sessions.jsonl: 4 sessions, 18 lines"),
        "{stdout}"
    );
}

#[test]
fn an_unreadable_log_is_a_data_error_naming_it() {
    let env = Env::new(None);
    std::fs::create_dir(env.log_path()).expect("mkdir");
    for args in [&["log"][..], &["stats"], &["check"]] {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(65), "{args:?}");
        let stderr = env.scrub(&out.stderr);
        assert!(
            stderr.contains("[ROOT]/data/sessions.jsonl") && stderr.contains("directory"),
            "{args:?}: {stderr}"
        );
    }
}

/// A discarded session stays in the log but is left out of `upright log` and
/// `upright stats` unless asked for with `--all` (issue 12, defect 3).
#[test]
fn discarded_sessions_show_only_with_all() {
    let log = r#"{"type":"start","v":1,"session":"kept","at":"2024-04-01T08:00:00+02:00","routine":"desk-break","routine_name":"Desk break"}
{"type":"step","v":1,"session":"kept","at":"2024-04-01T08:01:00+02:00","index":0,"exercise":"ostrich","exercise_name":"Ostrich (neck glide)","level":1,"set":1,"sets":1,"dose":"reps","planned_reps":10,"achieved_reps":10,"skipped":false,"hurt":false}
{"type":"end","v":1,"session":"kept","at":"2024-04-01T08:05:00+02:00","status":"completed","active_secs":300}
{"type":"start","v":1,"session":"thrown","at":"2024-04-02T08:00:00+02:00","routine":"full","routine_name":"Full upper-back routine"}
{"type":"step","v":1,"session":"thrown","at":"2024-04-02T08:01:00+02:00","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":3,"dose":"hold","planned_secs":20,"achieved_secs":20,"skipped":false,"hurt":false}
{"type":"end","v":1,"session":"thrown","at":"2024-04-02T08:02:00+02:00","status":"abandoned","active_secs":60}
"#;
    let env = Env::new(Some(log));
    let (shown, _) = env.ok(&["log"]);
    assert!(shown.contains("Desk break"), "{shown}");
    assert!(!shown.contains("Full upper-back routine"), "{shown}");
    let (all, _) = env.ok(&["log", "--all"]);
    assert!(all.contains("Full upper-back routine"), "{all}");
    assert!(all.contains("discarded 1/1"), "{all}");
    let (json, _) = env.ok(&["log", "--all", "--format", "json"]);
    let statuses: Vec<String> = json_lines(&json)
        .iter()
        .map(|v| v["status"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(statuses, ["completed", "discarded"]);
    let (stats, _) = env.ok(&["stats"]);
    assert!(
        stats.contains("1: 1 completed, 0 ended early, 0 interrupted"),
        "{stats}"
    );
}
