//! Sound end to end: the real binary in a pseudo-terminal with `player` and
//! `speech` set to stand-in scripts that append their arguments (and a
//! timestamp) to a file. Which cue plays at which phase, the phrases, a player
//! that sleeps, and a player that fails.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// A paced exercise with one-second parts, so a paced set is short.
const PACER: &str = r#"
[[exercise]]
id = "pacer"
name = "Pacer"
kind = "strength"
areas = ["shoulders"]
position = "floor"
summary = "A paced test movement."
instructions = ["Move with the tones."]

[[exercise.level]]
name = "Quick"
reps = 2
tempo = [{ cue = "Lower", time = "1s" }, { cue = "Pause", time = "1s" }, { cue = "Press", time = "1s" }]
"#;

/// Every kind of phase, short: the lead-in, a hold, a rest, a per-side hold
/// with the switch between, paced reps, and an open hold.
const BY_EAR: &str = r#"
[[routine]]
id = "by-ear"
name = "By ear"

[[routine.step]]
exercise = "plank"
level = 1
sets = 1
hold = "2s"
rest = "1s"

[[routine.step]]
exercise = "shoulder-blade-stretch"
level = 1
sets = 1
hold = "1s"
rest = "1s"
per_side = true

[[routine.step]]
exercise = "pacer"
sets = 1
rest = "1s"

[[routine.step]]
exercise = "plank"
level = 2
sets = 1
open = true
"#;

/// Writes an executable stand-in: appends a timestamp and its arguments to
/// `log`, then runs `then`.
fn stand_in(dir: &Path, name: &str, log: &Path, then: &str) -> PathBuf {
    let p = dir.join(name);
    let body = format!(
        "#!/bin/sh\nPATH=/usr/bin:/bin\nprintf '%s %s\\n' \"$(date +%s.%N)\" \"$*\" >> '{}'\n{then}\n",
        log.display()
    );
    std::fs::write(&p, body).expect("write the stand-in");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    p
}

/// A sandbox whose config uses the given player (and speech command, voice on).
fn sandbox(player: &Path, speech: Option<&Path>) -> Sandbox {
    let sb = Sandbox::seen();
    std::fs::write(sb.config_dir().join("exercises.toml"), PACER).expect("exercises");
    let routines = format!("{BY_EAR}\n{ROUTINES}");
    std::fs::write(sb.config_dir().join("routines.toml"), routines).expect("routines");
    let mut config = format!(
        "[timer]\nlead_in = \"1s\"\nswitch_gap = \"1s\"\nrest = \"1s\"\n\n\
         [session]\nask_pain = false\n\n[sound]\nplayer = \"'{}'\"\n",
        player.display()
    );
    if let Some(speech) = speech {
        config.push_str(&format!(
            "voice = true\nspeech = \"'{}'\"\n",
            speech.display()
        ));
    }
    std::fs::write(sb.config_dir().join("config.toml"), config).expect("config");
    sb
}

/// The arguments logged by a stand-in, one entry per run (timestamps dropped).
fn logged(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split_once(' ').map_or("", |(_, rest)| rest).to_string())
        .collect()
}

/// The cue names a player log holds: the file stems of the sounds played.
fn cues_played(log: &Path) -> Vec<String> {
    logged(log)
        .iter()
        .map(|f| {
            Path::new(f)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect()
}

/// Waits (bounded) until `pred` holds for the lines of `log`.
fn wait_log(t: &Tui, log: &Path, what: &str, pred: impl Fn(&[String]) -> bool) -> Vec<String> {
    let start = std::time::Instant::now();
    loop {
        let lines = logged(log);
        if pred(&lines) {
            return lines;
        }
        if start.elapsed() > TIMEOUT {
            t.fail(&format!(
                "timed out waiting for {what} in {}: {lines:?}",
                log.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(15));
    }
}

fn bells(t: &Tui) -> usize {
    t.raw().iter().filter(|b| **b == 0x07).count()
}

#[test]
fn every_cue_plays_at_its_phase_and_milestones_are_spoken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let played = dir.path().join("played");
    let said = dir.path().join("said");
    let player = stand_in(dir.path(), "player", &played, "exit 0");
    let speech = stand_in(dir.path(), "speech", &said, "exit 0");
    let sb = sandbox(&player, Some(&speech));
    let mut t = Tui::spawn(&sb, &["start", "by-ear"], COLS, ROWS);
    // The routine runs for about 15 s before its open hold: wait in stages.
    t.wait_for("Pacer · Level 1", TIMEOUT);
    t.wait_for("Hold as long as you can", TIMEOUT);
    // Everything up to the open hold's start (16 cues) has played.
    wait_log(&t, &played, "the open hold's start", |l| l.len() == 16);
    assert!(!cues_played(&played).contains(&"complete".to_string()));
    t.send(ENTER);
    let s = wait_headline(&t, "Session complete");
    assert!(s.contains("By ear"), "{s}");
    wait_log(&t, &played, "the end chime", |l| {
        l.last().is_some_and(|f| f.ends_with("/complete.wav"))
    });
    let expected = [
        // Get ready (1 s): its first countdown second is its start, which wins.
        "rest-start",
        // The plank, 2 s: its start, then the last second.
        "work-start",
        "countdown",
        "rest-start",
        // Per side, 1 s each, with the switch between.
        "work-start",
        "switch-sides",
        "work-start",
        "rest-start",
        // Two paced reps of Lower/Pause/Press: the start takes the first Lower.
        "work-start",
        "tempo-tick",
        "tempo-high",
        "tempo-low",
        "tempo-tick",
        "tempo-high",
        "rest-start",
        // The open hold, ended with Enter: the end chime.
        "work-start",
        "complete",
    ];
    assert_eq!(cues_played(&played), expected);
    // Each sound is a file in the cache, written by this run.
    let cache = sb.home().join(".cache/upright");
    for f in logged(&played) {
        assert!(Path::new(&f).starts_with(&cache), "{f}");
        assert!(Path::new(&f).is_file(), "{f}");
    }
    // The end chime rang the bell too: the only bell of the session.
    assert_eq!(bells(&t), 1);

    let phrases = wait_log(&t, &said, "the last phrase", |l| {
        l.last().is_some_and(|p| p.starts_with("Session complete"))
    });
    assert_eq!(phrases[0], "Get ready, 1 second. First: Plank.");
    assert!(
        phrases.contains(&"Switch sides.".to_string()),
        "{phrases:?}"
    );
    assert!(
        phrases.contains(&"Rest, 1 second. Next: Pacer.".to_string()),
        "{phrases:?}"
    );
    let last = phrases.last().expect("phrases");
    assert!(
        last.starts_with("Session complete, ") && last.ends_with(" seconds."),
        "{last}"
    );
    // Milestones only: a phrase per phase start and the end, none for a tempo part.
    assert_eq!(phrases.len(), 11, "{phrases:?}");
    t.send("q");
    t.wait_for("Full upper-back routine", TIMEOUT);
    t.quit();
}

fn wait_headline(t: &Tui, what: &str) -> String {
    t.wait_until(&format!("headline {what}"), TIMEOUT, |s| {
        headline(s) == what
    })
}

#[test]
fn a_player_that_sleeps_does_not_hold_up_the_timer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let played = dir.path().join("played");
    let player = stand_in(dir.path(), "player", &played, "sleep 5");
    let sb = sandbox(&player, None);
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    // Every displayed second of the hold's first seconds is seen: a loop
    // stuck behind a player for 5 s would jump over them.
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
    // Players were started (and were asleep all along).
    assert_eq!(
        cues_played(&played)[..2],
        ["rest-start".to_string(), "work-start".to_string()]
    );
    t.discard_and_quit();
}

#[test]
fn a_player_that_fails_falls_back_to_the_bell_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let played = dir.path().join("played");
    let player = stand_in(dir.path(), "player", &played, "exit 1");
    let sb = sandbox(&player, None);
    let mut t = Tui::spawn(&sb, &["start", "e2e"], COLS, ROWS);
    let s = t.wait_for("Sound player failed", TIMEOUT);
    assert!(
        squash(&s).contains(&format!(
            "Sound player failed ({} exited with status 1); the terminal bell rings instead.",
            player.display()
        )),
        "{s}"
    );
    // The failure was the first cue; no bell had rung yet.
    let tried = cues_played(&played).len();
    assert!(tried >= 1);
    // The next phase changes ring the bell, and the player is not tried again.
    t.wait_until("a bell", TIMEOUT, |_| bells(&t) > 0);
    wait_headline(&t, "Rest");
    assert_eq!(cues_played(&played).len(), tried);
    t.discard_and_quit();
}
