//! Plain mode in a pseudo-terminal: the milestone lines arrive in order and on
//! time, measured against the phase plan; nothing but lines of text is written
//! (no alternate screen, no cursor movement, no colour); keys work one at a
//! time; the session is in `upright log`.

use std::time::{Duration, Instant};

use crate::harness::*;

/// A routine of one- and two-second phases, with a switch between sides.
const ROUTINES: &str = r#"
[[routine]]
id = "plain"
name = "Plain mode check"
description = "One or two seconds a phase."

[[routine.step]]
exercise = "plank"
level = 1
sets = 2
hold = "2s"
rest = "1s"

[[routine.step]]
exercise = "shoulder-blade-stretch"
level = 1
sets = 1
hold = "2s"
per_side = true
"#;

/// The phase changes of the routine, in seconds from the start, with the line
/// that says each (lead-in 1 s, holds 2 s, rests and the switch 1 s).
const PLAN: [(u64, &str); 9] = [
    (0, "Get ready, 1 second. First: Plank."),
    (1, "Plank, level 1, set 1 of 2. Hold 2 seconds."),
    (3, "Rest, 1 second. Next: Plank, set 2 of 2."),
    (4, "Plank, level 1, set 2 of 2. Hold 2 seconds."),
    (
        6,
        "Rest, 1 second. Next: Stretch between the shoulder blades.",
    ),
    (
        7,
        "Stretch between the shoulder blades, level 1, left side. Hold 2 seconds.",
    ),
    (9, "Switch sides."),
    (
        10,
        "Stretch between the shoulder blades, level 1, right side. Hold 2 seconds.",
    ),
    (12, "Session complete, 12 seconds."),
];

/// How far a line may arrive from its moment in the plan.
const ON_TIME: Duration = Duration::from_millis(100);

fn sandbox() -> Sandbox {
    let sb = Sandbox::seen();
    let routines = format!("{}\n{ROUTINES}", crate::harness::ROUTINES);
    std::fs::write(sb.config_dir().join("routines.toml"), routines).expect("write routines");
    sb
}

/// The complete lines written so far, each with when it was first seen.
#[derive(Default)]
struct Arrivals {
    lines: Vec<(Instant, String)>,
}

impl Arrivals {
    /// Reads what the program wrote and stamps each new complete line.
    fn poll(&mut self, t: &Tui) {
        let now = Instant::now();
        let raw = String::from_utf8_lossy(&t.raw()).into_owned();
        let done: Vec<&str> = raw.split('\n').collect();
        let complete = &done[..done.len() - 1];
        // The bell rings where no sound plays (no player on this PATH): it
        // is no part of the text.
        for line in &complete[self.lines.len()..] {
            let text = line.trim_end_matches('\r').replace('\x07', "");
            self.lines.push((now, text));
        }
    }

    /// Polls until a line is `text`, and returns when it came.
    fn wait(&mut self, t: &Tui, text: &str) -> Instant {
        let start = Instant::now();
        loop {
            self.poll(t);
            if let Some((at, _)) = self.lines.iter().find(|(_, l)| l == text) {
                return *at;
            }
            if start.elapsed() > TIMEOUT {
                let seen: Vec<&String> = self.lines.iter().map(|(_, l)| l).collect();
                panic!("no line {text:?} in {seen:#?}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn texts(&self) -> Vec<&str> {
        self.lines.iter().map(|(_, l)| l.as_str()).collect()
    }
}

#[test]
fn milestones_arrive_in_order_and_on_time_and_the_session_is_logged() {
    let sb = sandbox();
    let mut t = Tui::spawn(&sb, &["start", "plain", "--plain"], 100, 30);
    let mut arrivals = Arrivals::default();
    let start = arrivals.wait(&t, PLAN[0].1);
    for (secs, text) in &PLAN[1..] {
        let at = arrivals.wait(&t, text);
        let due = start + Duration::from_secs(*secs);
        let off = if at > due { at - due } else { due - at };
        assert!(off <= ON_TIME, "{text:?} {off:?} off its moment");
    }
    let status = t.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    arrivals.poll(&t);
    let texts = arrivals.texts();
    // In order, each phase's countdown before the next ("2" and "1" in a
    // two-second hold, "1" in a one-second rest), and nothing else between.
    let from = texts.iter().position(|l| *l == PLAN[0].1).expect("start");
    let mut want = Vec::new();
    for (i, (secs, text)) in PLAN.iter().enumerate() {
        want.push(*text);
        if let Some((next, _)) = PLAN.get(i + 1) {
            want.extend(["2", "1"][2 - (next - secs) as usize..].iter());
        }
    }
    assert_eq!(texts[from..from + want.len()], want[..], "{texts:#?}");
    // Lines of text only: no escape sequence at all.
    let raw = t.raw();
    assert!(!raw.contains(&0x1b), "{:?}", String::from_utf8_lossy(&raw));
    let log = logged(&sb);
    assert!(
        log.contains("Plain mode check") && log.contains("completed 4/4"),
        "{log}"
    );
}

#[test]
fn keys_one_at_a_time_pause_skip_go_back_and_end_the_session() {
    let sb = sandbox();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long", "--plain"], 100, 30);
    let mut a = Arrivals::default();
    let hold = "Plank, level 1, set 1 of 2. Hold 30 seconds.";
    a.wait(&t, hold);
    t.send(SPACE);
    a.wait(&t, "Paused. Press Space to go on.");
    t.send(SPACE);
    a.wait(&t, "Going on.");
    t.send("n");
    a.wait(&t, "Rest, 30 seconds. Next: Plank, set 2 of 2.");
    t.send("p");
    let again = |a: &Arrivals| a.texts().iter().filter(|l| **l == hold).count();
    let start = Instant::now();
    while again(&a) < 2 {
        assert!(start.elapsed() < TIMEOUT, "{:#?}", a.texts());
        a.poll(&t);
        std::thread::sleep(Duration::from_millis(5));
    }
    t.send("q");
    a.wait(
        &t,
        "End this session now? s end now, keep what you did · d discard it (not counted) · k keep going (Esc)",
    );
    t.send("s");
    a.wait(&t, "Session ended early.");
    let status = t.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    // What was typed is not echoed among the lines.
    assert!(!a.texts().iter().any(|l| l.starts_with(' ') || *l == "n"));
    let log = logged(&sb);
    assert!(
        log.contains("End-to-end long holds") && log.contains("ended early"),
        "{log}"
    );
}

/// A terminal that says it is dumb gets plain mode without asking.
#[test]
fn a_dumb_terminal_gets_plain_mode() {
    let sb = sandbox();
    let mut t = Tui::spawn_env(&sb, &["start", "e2e-long"], 100, 30, &[("TERM", "dumb")]);
    let mut a = Arrivals::default();
    a.wait(&t, "Get ready, 1 second. First: Plank.");
    t.send("q");
    t.send("d");
    a.wait(&t, "Session discarded.");
    assert!(t.wait_exit(TIMEOUT).success());
    assert!(!t.raw().contains(&0x1b));
}

/// `upright log` in the sandbox.
fn logged(sb: &Sandbox) -> String {
    String::from_utf8_lossy(&sb.run(&["log"]).stdout).into_owned()
}
