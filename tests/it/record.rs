//! The record is right (issue 12), in the app with a fixed clock: what the user
//! did is what is logged and counted.

use upright::app::keymap::Keymap;
use upright::app::{Action, App, Effect, Now};
use upright::model::event::Event;
use upright::model::plan::PhaseKind;
use upright::store::{config, library};

use crate::fixtures::{later, monday_morning, screen};

fn app() -> (App, Now) {
    let catalog = library::load_from(None, None).expect("built-in library");
    let mut settings = config::defaults();
    settings.session.ask_pain = false;
    let now = monday_morning();
    (App::new(catalog, settings, Keymap::default(), now), now)
}

/// Starts the full routine and runs the clock to the plank's first hold.
fn at_first_hold() -> (App, Now, u64) {
    let (mut app, t0) = app();
    assert!(app.start_session("full"));
    let mut ms = 0;
    while !app
        .running()
        .and_then(|r| r.session.current())
        .is_some_and(|p| p.is_work())
    {
        ms += 250;
        app.tick(later(t0, ms));
    }
    ms += 2_100;
    app.tick(later(t0, ms));
    app.take_effects();
    (app, t0, ms)
}

fn hurt_steps(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Log(Event::Step(s)) if s.hurt))
        .count()
}

fn kind(app: &App) -> Option<PhaseKind> {
    app.running()
        .and_then(|r| r.session.current())
        .map(|p| p.kind.clone())
}

/// "This hurt" says so on screen, gives a breather (the rest before the next
/// exercise), and can be taken back while the message shows: the hold comes
/// back, paused, and nothing of it reaches the log.
#[test]
fn this_hurt_is_confirmed_and_can_be_taken_back() {
    let (mut app, t0, ms) = at_first_hold();
    app.update(Action::Hurt, later(t0, ms));
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Noted: this hurt. Skipping the rest of Plank. Press h to take it back."),
        "{s}"
    );
    assert_eq!(kind(&app), Some(PhaseKind::Rest), "a breather first");
    assert_eq!(hurt_steps(&app.take_effects()), 0, "not logged yet");
    app.update(Action::Hurt, later(t0, ms + 3_000));
    let s = screen(&app, 120, 40);
    assert!(s.contains("Taken back: Plank goes on."), "{s}");
    assert!(s.contains("PAUSED"), "{s}");
    assert!(matches!(kind(&app), Some(PhaseKind::Work(_))), "{s}");
    assert!(
        app.running()
            .is_some_and(|r| r.session.records().iter().all(|x| !x.hurt))
    );
    app.tick(later(t0, ms + 30_000));
    assert_eq!(
        hurt_steps(&app.take_effects()),
        0,
        "taken back: never logged"
    );
}

/// Once the moment to take it back has passed, the hurt set and the skipped
/// ones go to the log, and the message goes.
#[test]
fn this_hurt_is_logged_once_the_moment_to_take_it_back_passes() {
    let (mut app, t0, ms) = at_first_hold();
    app.update(Action::Hurt, later(t0, ms));
    app.tick(later(t0, ms + 9_000));
    assert_eq!(hurt_steps(&app.take_effects()), 0);
    app.tick(later(t0, ms + 10_000));
    let effects = app.take_effects();
    assert_eq!(hurt_steps(&effects), 1, "{effects:?}");
    let skipped = effects
        .iter()
        .filter(|e| matches!(e, Effect::Log(Event::Step(s)) if s.skipped && !s.hurt))
        .count();
    assert_eq!(skipped, 1, "the plank's other set");
    assert!(!screen(&app, 120, 40).contains("Noted: this hurt"));
}

/// Counts read as words, in the right number (issue 12, defect 8).
#[test]
fn counts_are_real_plurals() {
    use upright::app::ResumeOffer;
    let offer = |done, skipped, total| ResumeOffer {
        session_id: "s".into(),
        routine_id: "full".into(),
        routine_name: "Full".into(),
        next_index: 0,
        done,
        skipped,
        total,
    };
    assert_eq!(offer(0, 0, 1).progress(), "0 of 1 set done");
    assert_eq!(offer(1, 5, 12).progress(), "1 of 12 sets done, 5 skipped");
    let (mut app, _) = app();
    let one_step = br#"
[[routine]]
id = "one"
name = "One step"

[[routine.step]]
exercise = "ostrich"
"#;
    app.catalog = library::load_from(None, Some(("routines.toml", one_step))).expect("catalog");
    let s = screen(&app, 120, 40);
    assert!(s.contains("1 step · about"), "{s}");
    assert!(!s.contains("1 steps"), "{s}");
}

/// One session, run in the app with a fixed clock, shows the same counts and
/// times on the end screen, in History, and in every export of `upright log`
/// (issue 12, defect 4).
#[test]
fn one_session_reads_the_same_on_every_screen_and_in_every_export() {
    use upright::model::history::History;
    use upright::report::{LogFormat, LogReport, write_log};
    let (mut app, t0, mut ms) = at_first_hold();
    // A plank set skipped, one that hurt (the rest of the plank is skipped with
    // it), then the session ends early.
    app.update(Action::Next, later(t0, ms));
    ms += 31_000;
    app.tick(later(t0, ms));
    app.update(Action::Hurt, later(t0, ms + 1_500));
    ms += 60_000;
    app.tick(later(t0, ms));
    app.end_session(upright::app::EndStatus::Partial);
    // The history as the log records it: the app keeps it from every event it logs.
    let history: History = app.history.clone();
    let session = &history.sessions()[0];
    let tally = session.tally();
    assert!(tally.hurt == 1 && tally.skipped >= 1, "{tally:?}");
    let figures = format!("{} · {}", tally.words(), session.times());

    let end_screen = screen(&app, 120, 40);
    assert!(end_screen.contains(&figures), "{figures}\n{end_screen}");
    app.update(Action::Done, app.now);
    app.update(Action::TabHistory, app.now);
    let history_view = screen(&app, 240, 40);
    assert!(history_view.contains(&figures), "{figures}\n{history_view}");

    let now = app.now.wall;
    let export = |format| {
        let mut out = Vec::new();
        let report = LogReport {
            format,
            since: None,
            weekly_goal: 5,
            data_dir: std::path::Path::new("data"),
        };
        write_log(&mut out, &history, &report, &now).expect("write");
        String::from_utf8(out).expect("utf-8")
    };
    let json: serde_json::Value =
        serde_json::from_str(export(LogFormat::Json).trim()).expect("json");
    assert_eq!(json["done_steps"], tally.done);
    assert_eq!(json["hurt_steps"], tally.hurt);
    assert_eq!(json["status"], "ended_early");
    let clock = |secs: f64| {
        let s = secs.round() as u64;
        format!("{}:{:02}", s / 60, s % 60)
    };
    let (start_to_finish, exercising) = (
        clock(json["duration_secs"].as_f64().unwrap_or(-1.0)),
        clock(json["active_secs"].as_f64().unwrap_or(-1.0)),
    );
    assert!(
        figures.contains(&format!(
            "start to finish {start_to_finish} · exercising {exercising}"
        )),
        "{figures}: json {start_to_finish} / {exercising}"
    );
    let text = export(LogFormat::Text);
    let total = tally.done + tally.skipped + tally.hurt + tally.not_reached;
    assert!(
        text.contains(&format!("ended early {}/{total}", tally.done)),
        "{text}"
    );
    assert!(text.contains(&start_to_finish), "{text}");
    let markdown = export(LogFormat::Markdown);
    assert!(
        markdown.contains(&format!("ended early {}/{total}", tally.done)),
        "{markdown}"
    );
    let csv = export(LogFormat::Csv);
    let rows = csv.lines().skip(1).count();
    assert_eq!(
        rows,
        tally.done + tally.skipped + tally.hurt,
        "one row per logged set"
    );
}
