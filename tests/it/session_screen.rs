//! The session screen at the four sizes it is made for (40x12, 80x24, 120x40,
//! 200x60) in each of its states; the large clock's height at each; the cue
//! that changes every few seconds and the runner waking for it; the focus view.

use std::time::Duration;

use upright::app::{Action, App, Now};
use upright::model::plan::PhaseKind;

use crate::fixtures::{later, screen};
use crate::ui::{new_app, phase_is, session_until};

/// The sizes the session screen is drawn at in the snapshots.
const SIZES: [(u16, u16); 4] = [(40, 12), (80, 24), (120, 40), (200, 60)];

macro_rules! snap_sizes {
    ($name:expr, $app:expr) => {
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), screen(&$app, w, h));
        }
    };
}

#[test]
fn get_ready() {
    let (app, _) = session_until("full", |a| {
        phase_is(a, |k| matches!(k, PhaseKind::GetReady))
    });
    let s = screen(&app, 80, 24);
    assert!(s.contains("Get ready"), "{s}");
    snap_sizes!("session_get_ready", app);
}

#[test]
fn timed_hold() {
    let (app, _) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Plank") && s.contains("Set 1/2") && s.contains("0:20"),
        "{s}"
    );
    snap_sizes!("session_hold", app);
}

#[test]
fn paced_reps() {
    let (app, _) = session_until("full", |a| {
        a.running()
            .and_then(|r| r.session.view(a.now.mono))
            .is_some_and(|v| v.rep.is_some_and(|(rep, _, _)| rep == 3))
    });
    let s = screen(&app, 80, 24);
    assert!(s.contains("Rep 3/10"), "{s}");
    snap_sizes!("session_paced_reps", app);
}

#[test]
fn rest_and_switch_sides() {
    let (app, _) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Rest)));
    assert!(screen(&app, 80, 24).contains("Rest"));
    snap_sizes!("session_rest", app);
    let (app, _) = session_until("full", |a| {
        phase_is(a, |k| matches!(k, PhaseKind::SwitchSides))
    });
    assert!(screen(&app, 80, 24).contains("Switch sides"));
    snap_sizes!("session_switch_sides", app);
}

/// An earlier open plank at level 2, held 1:02 on 12 November.
fn plank_best() -> upright::model::history::History {
    plank_best_of(Duration::from_secs(62))
}

/// An earlier open plank at level 2, held `held` on 12 November.
fn plank_best_of(held: Duration) -> upright::model::history::History {
    use upright::model::event::{Event, SCHEMA_VERSION, StepEvent};
    use upright::model::record::SetRecord;
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-12T08:00:00+01:00").expect("time");
    let held = StepEvent {
        v: SCHEMA_VERSION,
        session: "earlier".into(),
        at,
        record: SetRecord {
            index: 1,
            exercise: "plank".into(),
            exercise_name: "Plank".into(),
            level: 2,
            set: 1,
            sets: 1,
            side: None,
            dose: upright::model::event::DoseKind::Open,
            planned: Some(Duration::from_secs(45)),
            achieved: Some(held),
            planned_reps: None,
            achieved_reps: None,
            skipped: false,
            hurt: false,
        },
    };
    upright::model::history::History::from_events([Event::Step(held)])
}

/// Starts `routine` and ticks every `step_ms` until its first set; the
/// moment it began (ms after `t0`).
fn start_to_work(app: &mut App, routine: &str, t0: Now, step_ms: u64) -> u64 {
    assert!(app.start_session(routine));
    let mut ms = 0;
    while !phase_is(app, |k| matches!(k, PhaseKind::Work(_))) {
        ms += step_ms;
        app.tick(later(t0, ms));
    }
    ms
}

/// The "mixed" routine started over `history` and run to its open hold; a
/// function that moves the clock on to a moment (ms since the start), a tick
/// at a time as the runner would, and the moment the hold began.
fn open_hold_after(
    history: upright::model::history::History,
) -> (App, impl FnMut(&mut App, u64), u64) {
    let (mut app, t0) = new_app();
    app.set_history(history, None);
    let start = start_to_work(&mut app, "mixed", t0, 250);
    let mut ms = start;
    let run_to = move |app: &mut App, to: u64| {
        while ms + 500 < to {
            ms += 500;
            app.tick(later(t0, ms));
        }
        ms = to;
        app.tick(later(t0, ms));
    };
    (app, run_to, start)
}

/// The clock of an open hold reads to the nearest second, as the best and
/// every record do, so "New best!" shows when the clock reads the best shown:
/// a best of 62.6 s reads 1:03, and just past it so does the clock (counting
/// whole seconds, it read 1:02 then).
#[test]
fn a_new_best_shows_when_the_clock_reads_the_best() {
    let (mut app, mut run_to, start) =
        open_hold_after(plank_best_of(Duration::from_millis(62_600)));
    run_to(&mut app, start + 62_400);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("1:02  target") && !s.contains("New best!"),
        "{s}"
    );
    run_to(&mut app, start + 62_700);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("New best!")
            && s.contains("1:03  target")
            && s.contains("best at this level 1:03"),
        "{s}"
    );
}

/// The open hold aims at the best at its level and 5 s more, says where the
/// best lies, and says "New best!" the moment it is passed.
#[test]
fn open_hold_with_best() {
    let (mut app, mut run_to, start) = open_hold_after(plank_best());
    run_to(&mut app, start + 10_100);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Hold as long as you can")
            && s.contains("target 1:07")
            && s.contains("best at this level 1:02 (12 Nov)"),
        "{s}"
    );
    snap_sizes!("session_open_hold", app);
    run_to(&mut app, start + 62_000);
    assert!(!screen(&app, 120, 40).contains("New best!"));
    run_to(&mut app, start + 62_100);
    // In large letters where the pane has room for the phase word, and in
    // plain text at every size.
    for (w, h) in SIZES {
        let s = screen(&app, w, h);
        assert!(s.contains("New best!"), "{w}x{h}\n{s}");
        assert_eq!(shows_large(&s, "NEW BEST!"), w >= 80, "{w}x{h}\n{s}");
        assert!(!shows_large(&s, "HOLD"), "{w}x{h}\n{s}");
    }
    snap_sizes!("session_open_hold_new_best", app);
    run_to(&mut app, start + 62_100 + 4_000);
    let s = screen(&app, 120, 40);
    assert!(!s.contains("New best!"), "for a few seconds\n{s}");
    assert!(
        !shows_large(&s, "NEW BEST!") && shows_large(&s, "HOLD"),
        "{s}"
    );
}

/// Whether `screen` shows `text` in large letters at some scale, on one line
/// or broken in two: every row of its drawing, one under the other.
fn shows_large(screen: &str, text: &str) -> bool {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;
    use upright::ui::bigtext;
    let rows: Vec<&str> = screen.lines().collect();
    (1..=8u16).any(|scale| {
        bigtext::layouts(text).into_iter().any(|lines| {
            let w = lines
                .iter()
                .map(|l| bigtext::width(l, scale))
                .max()
                .unwrap_or(0);
            let fit = bigtext::Fit { lines, scale };
            let mut buf = Buffer::empty(Rect::new(0, 0, w, fit.height()));
            bigtext::draw(&fit, buf.area, &mut buf, Style::default());
            // Each row of the drawing, trimmed of the blank cells at its ends.
            let drawn: Vec<String> = (0..buf.area.height)
                .map(|y| {
                    let row: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
                    row.trim().to_string()
                })
                .filter(|r| !r.is_empty())
                .collect();
            rows.windows(drawn.len()).any(|win| {
                win.iter()
                    .zip(&drawn)
                    .all(|(row, d)| row.contains(d.as_str()))
            })
        })
    })
}

#[test]
fn paused_freezes_the_time() {
    let (mut app, t0) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    let when = app.now;
    app.update(Action::Pause, when);
    let before = screen(&app, 80, 24);
    assert!(before.contains("PAUSED"), "{before}");
    app.tick(later(t0, 3_600_000));
    assert_eq!(screen(&app, 80, 24), before, "nothing moves while paused");
    snap_sizes!("session_paused", app);
}

/// The rows of large text right above the plain time line ("0:20 of 0:20"):
/// the large clock, or whatever takes its place.
fn large_rows(screen: &str) -> usize {
    let rows: Vec<String> = screen
        .lines()
        .map(|l| l.trim_matches('"').trim_matches('│').to_string())
        .collect();
    let is_time = |row: &str| {
        let first = row.split_whitespace().next().unwrap_or_default();
        first.split_once(':').is_some_and(|(m, s)| {
            !m.is_empty()
                && m.chars().all(|c| c.is_ascii_digit())
                && s.len() == 2
                && s.chars().all(|c| c.is_ascii_digit())
        })
    };
    let Some(time) = rows.iter().position(|r| is_time(r)) else {
        panic!("no time line:\n{screen}");
    };
    rows[..time]
        .iter()
        .rev()
        .take_while(|r| r.contains(['█', '▀', '▄']))
        .count()
}

/// The least height of the large clock at each size: "still readable" at
/// 40x12 is the smallest scale of the font.
const LEAST: [((u16, u16), usize); 4] = [
    ((40, 12), 4),
    ((80, 24), 5),
    ((120, 40), 9),
    ((200, 60), 15),
];

#[test]
fn the_large_clock_fills_the_pane_at_every_size() {
    let (hold, _) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    let mut heights = Vec::new();
    for ((w, h), least) in LEAST {
        let s = screen(&hold, w, h);
        let rows = large_rows(&s);
        assert!(rows >= least, "{w}x{h}: {rows} rows\n{s}");
        // Exactly the clock: a whole glyph at one scale (7 pixels, two a row).
        assert!(
            (1..=8u16).any(|scale| rows == usize::from(upright::ui::bigtext::height(scale))),
            "{w}x{h}: {rows}\n{s}"
        );
        heights.push(rows);
    }
    assert!(heights.windows(2).all(|p| p[0] < p[1]), "{heights:?}");
    // The other phases with a clock keep it at least as tall.
    let others = [
        session_until("full", |a| {
            phase_is(a, |k| matches!(k, PhaseKind::GetReady))
        })
        .0,
        session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Rest))).0,
        session_until("full", |a| {
            phase_is(a, |k| matches!(k, PhaseKind::SwitchSides))
        })
        .0,
    ];
    for app in &others {
        for ((w, h), least) in LEAST {
            let s = screen(app, w, h);
            assert!(large_rows(&s) >= least, "{w}x{h}\n{s}");
        }
    }
}

#[test]
fn get_ready_shows_the_full_instructions_of_the_first_exercise() {
    let (app, _) = session_until("full", |a| {
        phase_is(a, |k| matches!(k, PhaseKind::GetReady))
    });
    let plank = app.catalog.exercise("plank").expect("plank");
    let flat = squash(&screen(&app, 200, 60));
    for (i, step) in plank.instructions.iter().enumerate() {
        assert!(
            flat.contains(&format!("{}. {step}", i + 1)),
            "{step}\n{flat}"
        );
    }
    assert!(
        flat.contains("GET READY") || flat.contains("Get ready"),
        "{flat}"
    );
}

/// Text of a screen with its frame and the spaces between words squashed, so
/// wrapped text reads on.
fn squash(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches('"').replace('│', " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn during_a_hold_one_cue_shows_at_a_time_and_they_take_turns() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Modifier;
    use ratatui::widgets::Widget;
    let (mut app, t0) = new_app();
    let ms = start_to_work(&mut app, "full", t0, 100);
    let cues = app.catalog.exercise("plank").expect("plank").cues.clone();
    assert!(cues.len() >= 2, "{cues:?}");
    // 5 s more, so the hold outlasts a round of the cues.
    app.update(Action::AddTime, later(t0, ms));
    let shown = |app: &App| {
        let s = squash(&screen(app, 120, 40));
        cues.iter()
            .filter(|c| s.contains(c.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    };
    for (k, cue) in cues.iter().enumerate() {
        let at = ms + 100 + 5_000 * k as u64;
        app.tick(later(t0, at));
        assert_eq!(
            shown(&app),
            std::slice::from_ref(cue),
            "{}",
            screen(&app, 120, 40)
        );
        // In bold.
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
        (&app).render(buf.area, &mut buf);
        let first = cue.chars().next().expect("a cue");
        let bold = (0..40u16).any(|y| {
            let row: String = (0..120u16)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            row.find(cue.as_str()).is_some_and(|i| {
                let x = row[..i].chars().count() as u16;
                buf[(x, y)].symbol().starts_with(first)
                    && buf[(x, y)].modifier.contains(Modifier::BOLD)
            })
        });
        assert!(bold, "{cue} is not bold");
    }
    // Back to the first after a round.
    app.tick(later(t0, ms + 100 + 5_000 * cues.len() as u64));
    assert_eq!(shown(&app), [cues[0].clone()]);
    assert!(!screen(&app, 120, 40).contains('•'), "no list of bullets");
}

#[test]
fn the_runner_wakes_for_the_next_cue_and_never_while_paused() {
    let (mut app, t0) = new_app();
    let ms = start_to_work(&mut app, "full", t0, 100);
    // 2.3 s into the hold: the cue changes 2.7 s on, the shown second 0.7 s on.
    let start = ms;
    let now = later(t0, start + 2_300);
    app.tick(now);
    let r = app.running().expect("running");
    let elapsed = r.session.elapsed(now.mono);
    let cues = app.cues_of(r).len();
    let change = r.session.next_cue_change(now.mono, cues).expect("a change");
    assert_eq!(change - now.mono, Duration::from_secs(5) - elapsed);
    let wake = app.next_wake().expect("a wake while the hold runs");
    assert!(wake <= change, "{:?} after the change", wake - change);
    app.update(Action::Pause, now);
    assert_eq!(app.next_wake(), None, "paused: asleep");
    let r = app.running().expect("running");
    assert_eq!(r.session.next_cue_change(now.mono, cues), None);
}

#[test]
fn the_focus_view_keeps_the_clock_the_phase_the_cue_and_what_comes_next() {
    let (mut app, _) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    let normal = screen(&app, 80, 24);
    let now = app.now;
    app.key(upright::app::keymap::Key::ch('f'), now);
    assert!(app.focus);
    let s = screen(&app, 80, 24);
    let flat = squash(&s);
    let how = "Keep your knees on the floor";
    assert!(normal.contains(how) && !flat.contains(how), "{s}");
    assert!(!flat.contains("Session 2%"), "{s}");
    assert!(!s.contains("__|"), "no figure: {s}");
    for part in [
        "Hold · Set 1/2",
        "0:20 of 0:20",
        "One straight line, head to heels.",
        "Next: Rest 0:30",
    ] {
        assert!(flat.contains(part), "{part}\n{s}");
    }
    assert!(large_rows(&s) > large_rows(&normal), "a larger clock\n{s}");
    insta::assert_snapshot!("focus_hold_80x24", s);
    insta::assert_snapshot!("focus_hold_120x40", screen(&app, 120, 40));
    app.key(upright::app::keymap::Key::ch('f'), now);
    assert_eq!(screen(&app, 80, 24), normal);
}

#[test]
fn the_picker_shows_the_full_instructions_of_each_exercise_after_the_cautions() {
    let (app, _) = new_app();
    let flat = squash(&screen(&app, 200, 60));
    let caution = flat.find("How to do them").expect("the instructions");
    assert!(flat[..caution].contains("Caution (Plank)"), "{flat}");
    for id in [
        "plank",
        "push-up",
        "ostrich",
        "shoulder-blade-stretch",
        "childs-pose",
    ] {
        let e = app.catalog.exercise(id).expect("built in");
        let at = flat
            .find(&format!("{}: 1. ", e.name))
            .unwrap_or_else(|| panic!("{id}\n{flat}"));
        assert!(at > caution, "{id} before the cautions");
        for (i, step) in e.instructions.iter().enumerate() {
            assert!(flat[at..].contains(&format!("{}. {step}", i + 1)), "{step}");
        }
    }
}
