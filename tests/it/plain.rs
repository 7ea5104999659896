//! Plain mode in-process: the lines a session gives (the engine's milestones
//! as `Effect::Line`, and what else the screen would show through the
//! `Follower`), walked with a fixed clock; when plain mode is chosen; and the
//! real binary run with standard input closed and its output into a pipe.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use upright::app::keymap::{Key, Keymap};
use upright::app::{Action, App, Effect, Now};
use upright::model::plan::{PhaseKind, Work};
use upright::store::{config, library};
use upright::terminal::plain::Follower;
use upright::terminal::wants_plain;

use crate::fixtures::{later, monday_morning};

/// A plain-mode app over the built-in library, without the pain questions.
fn plain_app() -> App {
    let catalog = library::load(None).expect("built-in library");
    let mut settings = config::defaults();
    settings.session.ask_pain = false;
    let mut app = App::new(catalog, settings, Keymap::default(), monday_morning());
    app.plain = true;
    app
}

/// Every line plain mode would print so far, in order, with the millisecond
/// (since `t0`) it would be printed at.
struct Lines {
    follower: Follower,
    out: Vec<(u64, String)>,
}

impl Lines {
    fn new() -> Lines {
        Lines {
            follower: Follower::default(),
            out: Vec::new(),
        }
    }

    fn take(&mut self, app: &mut App, ms: u64) {
        for e in app.take_effects() {
            if let Effect::Line(text) = e {
                self.out.push((ms, text));
            }
        }
        for line in self.follower.lines(app) {
            self.out.push((ms, line));
        }
    }

    fn texts(&self) -> Vec<&str> {
        self.out.iter().map(|(_, t)| t.as_str()).collect()
    }

    /// When `text` was printed (the first time).
    fn at(&self, text: &str) -> u64 {
        match self.out.iter().find(|(_, t)| t == text) {
            Some((ms, _)) => *ms,
            None => panic!("{text:?} never printed: {:#?}", self.texts()),
        }
    }
}

/// Ticks every 100 ms from `from` to `to`, taking the lines as they come.
fn run(app: &mut App, lines: &mut Lines, t0: Now, from: u64, to: u64) {
    let mut ms = from;
    while ms < to {
        ms += 100;
        app.tick(later(t0, ms));
        lines.take(app, ms);
    }
}

#[test]
fn a_session_in_lines_one_a_milestone() {
    let mut app = plain_app();
    let t0 = app.now;
    let mut lines = Lines::new();
    assert!(app.start_session("full"));
    lines.take(&mut app, 0);
    // 10 s to get ready, the plank's 20 s, a 30 s rest.
    run(&mut app, &mut lines, t0, 0, 60_000);
    let plank = "Plank, level 1, set 1 of 2. Hold 20 seconds.";
    let rest = "Rest, 30 seconds. Next: Plank, set 2 of 2.";
    assert_eq!(
        lines.texts()[..6],
        [
            "Get ready, 10 seconds. First: Plank.",
            "3",
            "2",
            "1",
            plank,
            "10 seconds left.",
        ],
        "{:#?}",
        lines.texts()
    );
    assert_eq!(lines.at(plank), 10_000);
    assert_eq!(lines.at("10 seconds left."), 20_000);
    assert_eq!(lines.at(rest), 30_000);
    // Once a phase; never for one shorter than twice the notice (the lead-in).
    let notices: Vec<u64> = lines
        .out
        .iter()
        .filter(|(_, t)| t == "10 seconds left.")
        .map(|(ms, _)| *ms)
        .collect();
    assert_eq!(notices, [20_000, 50_000]);
    // The countdown's numbers, a second apart, up to the rest.
    let n = |s: &str| {
        lines
            .out
            .iter()
            .filter(|(ms, t)| t == s && (20_000..=30_000).contains(ms))
            .map(|(ms, _)| *ms)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        (n("3"), n("2"), n("1")),
        (vec![27_000], vec![28_000], vec![29_000])
    );
    // Never every second.
    assert!(lines.out.len() < 20, "{:#?}", lines.texts());
}

#[test]
fn pauses_dialogs_and_the_end_are_said_in_the_words_of_the_screen() {
    let mut app = plain_app();
    let t0 = app.now;
    let mut lines = Lines::new();
    assert!(app.start_session("full"));
    run(&mut app, &mut lines, t0, 0, 12_000);
    let from = lines.out.len();
    app.key(Key::ch(' '), later(t0, 12_000));
    lines.take(&mut app, 12_000);
    app.key(Key::ch(' '), later(t0, 13_000));
    lines.take(&mut app, 13_000);
    app.key(Key::ch('h'), later(t0, 14_000));
    lines.take(&mut app, 14_000);
    app.key(Key::ch('h'), later(t0, 15_000));
    lines.take(&mut app, 15_000);
    app.key(Key::ch('q'), later(t0, 16_000));
    lines.take(&mut app, 16_000);
    app.key(Key::ch('s'), later(t0, 17_000));
    lines.take(&mut app, 17_000);
    let said = &lines.texts()[from..];
    assert_eq!(
        said[..2],
        ["Paused. Press Space to go on.", "Going on."],
        "{said:#?}"
    );
    // "This hurt" skips the rest of the exercise, and its key takes it back.
    let noted = said
        .iter()
        .position(|l| l.starts_with("Noted: this hurt. Skipping the rest of Plank."))
        .expect("this hurt noted");
    assert!(
        said[noted + 1].starts_with("Taken back: Plank goes on."),
        "{said:#?}"
    );
    let end = said
        .iter()
        .position(|l| l.starts_with("End this session now?"))
        .expect("the end question");
    assert_eq!(
        said[end],
        "End this session now? s end now, keep what you did · d discard it (not counted) · k keep going (Esc)"
    );
    assert_eq!(said[end + 1], "Session ended early.", "{said:#?}");
    assert!(
        said[end + 2].starts_with("Full upper-back routine: 0 done"),
        "{said:#?}"
    );
    // The end dialog pauses the session without a line of its own.
    assert!(!said[end..].contains(&"Paused. Press Space to go on."));
}

#[test]
fn the_question_before_is_asked_in_a_line_and_answered_with_keys() {
    let catalog = library::load(None).expect("built-in library");
    let mut app = App::new(
        catalog,
        config::defaults(),
        Keymap::default(),
        monday_morning(),
    );
    app.plain = true;
    let t0 = app.now;
    let mut lines = Lines::new();
    assert!(app.start_session("desk-break"));
    lines.take(&mut app, 0);
    assert_eq!(
        lines.texts(),
        ["How is your upper back right now? 0-10: Type 0-10, Enter to go on, Esc to skip"]
    );
    for key in [
        Key::ch('3'),
        Key::plain(ratatui::crossterm::event::KeyCode::Enter),
    ] {
        app.key(key, t0);
        lines.take(&mut app, 0);
    }
    assert_eq!(
        lines.texts()[1],
        "Get ready, 10 seconds. First: Ostrich (neck glide)."
    );
}

#[test]
fn plain_mode_when_asked_when_output_is_no_terminal_or_the_terminal_is_dumb() {
    use std::ffi::OsStr;
    let xterm = Some(OsStr::new("xterm-256color"));
    assert!(wants_plain(true, true, xterm));
    assert!(wants_plain(false, false, xterm));
    assert!(wants_plain(false, true, Some(OsStr::new("dumb"))));
    assert!(!wants_plain(false, true, xterm));
    assert!(!wants_plain(false, true, None));
}

/// A routine of one-second phases with an open hold (its target 1 s) and
/// reps at your own pace, none of which ends without the user.
const ROUTINES: &str = r#"
[[routine]]
id = "plain"
name = "Plain mode check"
description = "One second a phase."

[[routine.step]]
exercise = "plank"
level = 1
sets = 1
hold = "1s"
open = true
rest = "1s"

[[routine.step]]
exercise = "shoulder-blade-stretch"
level = 1
sets = 1
hold = "1s"
per_side = true
"#;

const CONFIG: &str = r#"
[timer]
lead_in = "1s"
switch_gap = "1s"
rest = "1s"

[session]
ask_pain = true
"#;

fn world() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, data) = (dir.path().join("config"), dir.path().join("data"));
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::write(config.join("routines.toml"), ROUTINES).expect("write");
    std::fs::write(config.join("config.toml"), CONFIG).expect("write");
    (dir, config, data)
}

fn upright(dir: &tempfile::TempDir, config: &PathBuf, data: &PathBuf, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_upright"));
    c.env_clear()
        .env("HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .arg("--config-dir")
        .arg(config)
        .arg("--data-dir")
        .arg(data)
        .args(args);
    c
}

/// With standard input closed and the output into a pipe, the routine runs to
/// its end by itself (the pain questions skipped, the open hold ended at its
/// target) and is logged; `--plain` or not, since the output is no terminal.
#[test]
fn plain_with_input_closed_and_output_to_a_pipe_finishes_the_routine() {
    std::thread::scope(|s| {
        for args in [&["start", "plain", "--plain"][..], &["start", "plain"]] {
            s.spawn(move || runs_by_itself(args));
        }
    });
}

fn runs_by_itself(args: &[&str]) {
    let (dir, config, data) = world();
    let out = upright(&dir, &config, &data, args)
        .stdin(Stdio::null())
        .output()
        .expect("run upright");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{:?}\n{text}", out.status);
    assert!(!text.contains('\x1b'), "no escape sequence: {text:?}");
    let lines: Vec<&str> = text.lines().collect();
    let after_keys = lines
        .iter()
        .position(|l| l.starts_with("Keys: Space pause/resume"))
        .expect("the keys");
    // The safety notice comes first, the first time.
    assert!(lines[0].starts_with("upright is a coach"), "{text}");
    let want = [
        "How is your upper back right now? 0-10: Type 0-10, Enter to go on, Esc to skip",
        "Get ready, 1 second. First: Plank.",
        "1",
        "Plank, level 1. Hold as long as you can. Aim for 1 second.",
        "Target reached. Keep going while your form holds.",
        "Rest, 1 second. Next: Stretch between the shoulder blades.",
    ];
    assert_eq!(lines[after_keys + 1..after_keys + 7], want, "{text}");
    assert!(text.contains("Switch sides.\n"), "{text}");
    // The end, and the questions after it, skipped.
    let end = lines
        .iter()
        .position(|l| l.starts_with("Session complete, "))
        .expect("the end");
    assert_eq!(
        lines[end + 2..],
        [
            "How is your upper back right now? 0-10: Type 0-10, Enter to go on, Esc to skip",
            "Anything to remember about this session: Enter to save, Esc to skip",
        ],
        "{text}"
    );
    let log = upright(&dir, &config, &data, &["log"])
        .output()
        .expect("log");
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(
        log.contains("Plain mode check") && log.contains("completed 3/3"),
        "{log}"
    );
    assert!(data.join("notice-seen").exists());
}

/// An open hold met on the way with the plain app: it counts up until Done,
/// like on the full screen.
#[test]
fn an_open_hold_waits_for_done() {
    let mut app = plain_app();
    let t0 = app.now;
    let mut lines = Lines::new();
    assert!(app.start_session("full"));
    let is_open = |a: &App| {
        a.running()
            .and_then(|r| r.session.current())
            .is_some_and(|p| matches!(p.kind, PhaseKind::Work(Work::OpenHold { .. })))
    };
    let mut ms = 0;
    while !is_open(&app) {
        ms += 100;
        app.tick(later(t0, ms));
        lines.take(&mut app, ms);
    }
    let start = ms;
    run(&mut app, &mut lines, t0, ms, ms + 120_000);
    assert!(is_open(&app), "still holding after two minutes");
    app.update(Action::Done, later(t0, start + 120_000));
    lines.take(&mut app, start + 120_000);
    assert!(
        lines
            .texts()
            .last()
            .is_some_and(|l| l.starts_with("Rest, ")),
        "{:#?}",
        lines.texts()
    );
}

/// Events the log did not take: the status line says so once, and the quit
/// question is printed with its keys, as its dialog words them.
#[test]
fn the_quit_question_with_events_not_saved_is_printed() {
    use upright::model::event::Unsaved;
    let mut app = plain_app();
    let mut lines = Lines::new();
    assert!(app.start_session("desk-break"));
    lines.take(&mut app, 0);
    app.log_saved(Err(Unsaved {
        kept: 2,
        reason: "cannot append to the session log /data/sessions.jsonl: Is a directory".into(),
    }));
    lines.take(&mut app, 0);
    // Quitting (as q does at the picker) with the events still not saved.
    app.end_session(upright::app::EndStatus::Partial);
    app.quit = true;
    assert!(app.hold_quit());
    lines.take(&mut app, 0);
    let from = lines
        .out
        .iter()
        .position(|(_, l)| l.starts_with("2 events not saved to the log:"))
        .unwrap_or_else(|| panic!("{:#?}", lines.texts()));
    assert_eq!(
        lines.texts()[from..from + 2],
        [
            "2 events not saved to the log: cannot append to the session log /data/sessions.jsonl: Is a directory",
            "r retry saving, then quit · w write them to a file · x quit anyway (they go to the cache dir) · k stay (Esc)",
        ],
        "{:#?}",
        lines.texts()
    );
    let status = lines
        .texts()
        .iter()
        .filter(|l| l.starts_with("Not saved: press r to retry."))
        .count();
    assert_eq!(status, 1, "{:#?}", lines.texts());
}
