//! Beat your best (issue 13) in the real binary: a first open hold sets the
//! best at its level, a second one passes it and says so on screen at once,
//! and both levels' bests reach `upright stats --format json`.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// One open plank at level 1, then one at level 2.
const BEST_CHECK: &str = r#"
[[routine]]
id = "best-check"
name = "Best check"

[[routine.step]]
exercise = "plank"
level = 1
sets = 1
open = true
rest = "1s"

[[routine.step]]
exercise = "plank"
level = 2
sets = 1
open = true
"#;

fn sandbox() -> Sandbox {
    let sb = Sandbox::seen();
    std::fs::write(
        sb.config_dir().join("routines.toml"),
        format!("{ROUTINES}{BEST_CHECK}"),
    )
    .expect("write routines");
    sb
}

/// Waits for the open hold at `level` and returns the moment it showed.
fn open_hold(t: &Tui, level: &str) -> Instant {
    t.wait_until(&format!("the open hold at {level}"), TIMEOUT, |s| {
        s.contains(level) && s.contains("Hold as long as you can")
    });
    Instant::now()
}

fn stats_json(sb: &Sandbox) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_upright"))
        .env_clear()
        .env("HOME", sb.home())
        .env("UPRIGHT_CONFIG_DIR", sb.config_dir())
        .env("UPRIGHT_DATA_DIR", sb.data_dir())
        .args(["stats", "--format", "json"])
        .output()
        .expect("run upright stats");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).expect("stats JSON")
}

/// The plank's best hold at each level, in seconds, from the stats.
fn plank_bests(json: &serde_json::Value) -> Vec<(u64, f64)> {
    json["bests"]
        .as_array()
        .expect("bests")
        .iter()
        .filter(|b| b["exercise"] == "plank" && b["kind"] == "hold")
        .map(|b| {
            (
                b["level"].as_u64().expect("level"),
                b["secs"].as_f64().expect("secs"),
            )
        })
        .collect()
}

/// Leaves the end screen and the app.
fn leave(t: &mut Tui) {
    t.send("q");
    t.wait_for("1 Routines", TIMEOUT);
    t.quit();
}

#[test]
fn a_second_open_hold_past_the_first_says_new_best_at_once() {
    let sb = sandbox();

    // The first session: each open hold ended with Enter after about 2 s.
    let mut t = Tui::spawn(&sb, &["start", "best-check"], COLS, ROWS);
    open_hold(&t, "Level 1: Knees and forearms");
    std::thread::sleep(Duration::from_secs(2));
    t.send(ENTER);
    open_hold(&t, "Level 2: Toes and forearms");
    std::thread::sleep(Duration::from_millis(1500));
    t.send(ENTER);
    let s = t.wait_for("start to finish", TIMEOUT);
    assert!(
        !s.contains("New best"),
        "nothing to beat the first time: {s}"
    );
    leave(&mut t);
    let first = plank_bests(&stats_json(&sb));
    assert_eq!(first.len(), 2, "{first:?}");
    let (knees, toes) = (first[0], first[1]);
    assert_eq!((knees.0, toes.0), (1, 2));
    assert!((1.8..3.5).contains(&knees.1), "{knees:?}");
    assert!((1.3..3.0).contains(&toes.1), "{toes:?}");

    // The second: the screen aims at the best and 5 s more, and says "New best"
    // within a second of passing it; the clock keeps counting up.
    let mut t = Tui::spawn(&sb, &["start", "best-check"], COLS, ROWS);
    let started = open_hold(&t, "Level 1: Knees and forearms");
    let s = t.screen();
    assert!(s.contains("best at this level 0:0"), "{s}");
    let s = t.wait_for("New best", TIMEOUT);
    let after = started.elapsed().as_secs_f64();
    assert!(
        after > knees.1 - 0.3 && after < knees.1 + 1.0,
        "New best showed {after:.2} s into the hold; the best was {:.2} s\n{s}",
        knees.1
    );
    t.wait_gone("New best", TIMEOUT);
    t.send(ENTER);
    open_hold(&t, "Level 2: Toes and forearms");
    t.wait_for("New best", TIMEOUT);
    std::thread::sleep(Duration::from_millis(300));
    t.send(ENTER);
    let s = t.wait_for("start to finish", TIMEOUT);
    assert!(
        s.contains("New best: Plank, Knees and forearms")
            && s.contains("New best: Plank, Toes and forearms"),
        "{s}"
    );
    leave(&mut t);

    // Both levels' bests are the second session's, each at its own level.
    let second = plank_bests(&stats_json(&sb));
    assert_eq!(second.len(), 2, "{second:?}");
    assert_eq!((second[0].0, second[1].0), (1, 2));
    assert!(second[0].1 > knees.1 + 2.0, "{second:?} after {first:?}");
    assert!(second[1].1 > toes.1, "{second:?} after {first:?}");
}
