//! Every view rendered into a TestBackend at fixed sizes, with a fixed clock.

use upright::app::keymap::{Key, Keymap};
use upright::app::{Action, App, Now, Overlay, Tab};
use upright::model::plan::{PhaseKind, Work};
use upright::store::{config, library};

use crate::editor::every_editor_view;
use crate::fixtures::{EDGE_SIZES, assert_renders, later, monday_morning, screen};

const USER_ROUTINES: &[u8] = br#"
[[routine]]
id = "mixed"
name = "Mixed test routine"
description = "Open hold and per-side work."

[[routine.step]]
exercise = "plank"
level = 2
sets = 1
open = true

[[routine.step]]
exercise = "shoulder-blade-stretch"
sets = 1
hold = "5s"
"#;

pub fn new_app() -> (App, Now) {
    let catalog =
        library::load_from(None, Some(("routines.toml", USER_ROUTINES))).expect("catalog");
    let now = monday_morning();
    let mut settings = config::defaults();
    settings.session.ask_pain = false;
    let mut app = App::new(catalog, settings, Keymap::default(), now);
    app.nonce = 0xbeef;
    (app, now)
}

macro_rules! snap {
    ($name:expr, $app:expr) => {
        insta::assert_snapshot!(format!("{}_80x24", $name), screen(&$app, 80, 24));
        insta::assert_snapshot!(format!("{}_120x40", $name), screen(&$app, 120, 40));
    };
}

/// Starts `routine` and ticks until `pred` holds for the current phase (at most
/// 10 min), ending each open hold met on the way with Done after 20 s.
pub fn session_until(routine: &str, pred: impl Fn(&App) -> bool) -> (App, Now) {
    let (mut app, t0) = new_app();
    assert!(app.start_session(routine));
    let mut ms = 0;
    let mut open_since = None;
    while !pred(&app) {
        ms += 250;
        assert!(ms < 600_000, "never reached the wanted phase");
        app.tick(later(t0, ms));
        if phase_is(&app, |k| {
            matches!(k, PhaseKind::Work(Work::OpenHold { .. }))
        }) {
            let since = *open_since.get_or_insert(ms);
            if ms - since >= 20_000 {
                app.update(Action::Done, later(t0, ms));
            }
        } else {
            open_since = None;
        }
    }
    // Land mid-second so the time shown is stable.
    app.tick(later(t0, ms + 100));
    (app, t0)
}

pub fn phase_is(app: &App, f: impl Fn(&PhaseKind) -> bool) -> bool {
    app.running()
        .and_then(|r| r.session.current())
        .is_some_and(|p| f(&p.kind))
}

#[test]
fn picker() {
    let (mut app, _) = new_app();
    snap!("picker", app);
    app.update(Action::Down, monday_morning());
    insta::assert_snapshot!("picker_second_selected_80x24", screen(&app, 80, 24));
}

#[test]
fn safety_notice_and_help() {
    let (mut app, now) = new_app();
    app.show_notice();
    snap!("notice", app);
    app.key(Key::plain(ratatui::crossterm::event::KeyCode::Enter), now);
    assert_eq!(app.overlay, None);
    app.update(Action::Help, now);
    assert_eq!(app.overlay, Some(Overlay::Help));
    snap!("help_picker", app);
}

#[test]
fn history_and_stats_tabs_when_empty() {
    let (mut app, now) = new_app();
    app.update(Action::TabHistory, now);
    assert_eq!(app.tab, Tab::History);
    insta::assert_snapshot!("history_empty_80x24", screen(&app, 80, 24));
    app.update(Action::NextTab, now);
    assert_eq!(app.tab, Tab::Stats);
    insta::assert_snapshot!("stats_empty_80x24", screen(&app, 80, 24));
}

#[test]
fn end_dialog_and_summaries() {
    let (mut app, t0) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    let now = app.now;
    app.update(Action::EndSession, now);
    assert_eq!(app.overlay, Some(Overlay::ConfirmEnd));
    snap!("session_confirm_end", app);
    app.key(Key::ch('s'), now);
    let s = screen(&app, 80, 24);
    assert!(s.contains("Session ended early"), "{s}");
    snap!("summary_partial", app);

    // A whole routine with no input ends on "Session complete".
    let (mut app, _) = new_app();
    app.start_session("desk-break");
    let mut ms = 0;
    while app.running().is_some() {
        ms += 500;
        app.tick(later(t0, ms));
    }
    let s = screen(&app, 80, 24);
    assert!(s.contains("Session complete"), "{s}");
    snap!("summary_complete", app);
}

#[test]
fn too_small_asks_for_more_room() {
    let (app, _) = new_app();
    let s = screen(&app, 30, 8);
    assert!(s.contains("Make the terminal"), "{s}");
}

/// Every view, in its states that lay out differently.
fn every_view() -> Vec<App> {
    let mut apps = Vec::new();
    let (a, _) = new_app();
    apps.push(a);
    let (mut a, _) = new_app();
    a.update(Action::Help, monday_morning());
    apps.push(a);
    for pred in [
        (|k: &PhaseKind| matches!(k, PhaseKind::GetReady)) as fn(&PhaseKind) -> bool,
        |k| matches!(k, PhaseKind::Work(_)),
        |k| matches!(k, PhaseKind::Rest),
        |k| matches!(k, PhaseKind::SwitchSides),
    ] {
        let (a, _) = session_until("full", |a| phase_is(a, pred));
        apps.push(a);
    }
    let (mut a, _) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    let now = a.now;
    a.update(Action::EndSession, now);
    apps.push(a);
    let (mut a, _) = session_until("full", |a| phase_is(a, |k| matches!(k, PhaseKind::Work(_))));
    a.end_session(upright::app::EndStatus::Partial);
    apps.push(a);
    for tab in [Action::TabHistory, Action::TabStats] {
        let mut a = crate::review::with_history();
        let now = a.now;
        a.update(tab, now);
        apps.push(a);
    }
    // History with its filter typed, and with the details open.
    for keys in ["2/desk", "2\n"] {
        let mut a = crate::review::with_history();
        for c in keys.chars() {
            let key = match c {
                '\n' => Key::plain(ratatui::crossterm::event::KeyCode::Enter),
                c => Key::ch(c),
            };
            a.key(key, a.now);
        }
        apps.push(a);
    }
    apps
}

/// Every view, the editor's too, at the sizes where layouts change.
#[test]
fn every_view_renders_at_the_edge_sizes() {
    for app in every_view().into_iter().chain(every_editor_view()) {
        for (w, h) in EDGE_SIZES {
            assert_renders(&app, w, h);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Every view, the editor's too, at sizes drawn at random, up to 300x120.
    #[test]
    fn every_view_renders_at_any_size(w in 0u16..=300, h in 0u16..=120) {
        for app in every_view().into_iter().chain(every_editor_view()) {
            assert_renders(&app, w, h);
        }
    }
}

#[test]
fn pain_is_asked_before_and_after_and_logged() {
    use upright::app::{Effect, EndStatus};
    use upright::model::event::{EndEvent, Event, StartEvent};
    let (mut app, now) = new_app();
    app.settings.session.ask_pain = true;
    assert!(app.start_session("desk-break"));
    assert!(app.running().is_none(), "the question comes first");
    let s = screen(&app, 80, 24);
    assert!(s.contains("How is your upper back right now? 0-10"), "{s}");
    snap!("pain_before", app);
    // 1, 1 would make 11: refused; backspace; 7.
    for c in ['1', '1'] {
        app.key(Key::ch(c), now);
    }
    assert!(screen(&app, 80, 24).contains("> 1_"));
    app.key(
        Key::plain(ratatui::crossterm::event::KeyCode::Backspace),
        now,
    );
    app.key(Key::ch('7'), now);
    app.key(Key::plain(ratatui::crossterm::event::KeyCode::Enter), now);
    let effects = app.take_effects();
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Log(Event::Start(StartEvent {
                pain_before: Some(7),
                ..
            }))
        )),
        "{effects:?}"
    );
    assert!(app.running().is_some());
    app.end_session(EndStatus::Partial);
    assert!(screen(&app, 80, 24).contains("How is your upper back"));
    app.key(Key::ch('3'), now);
    app.key(Key::plain(ratatui::crossterm::event::KeyCode::Enter), now);
    assert!(screen(&app, 80, 24).contains("A note for your log?"));
    for c in "stiff".chars() {
        app.key(Key::ch(c), now);
    }
    app.key(Key::plain(ratatui::crossterm::event::KeyCode::Enter), now);
    let effects = app.take_effects();
    // The end went to the log when the session ended; the answers follow it.
    let end = effects.iter().find_map(|e| match e {
        Effect::Log(Event::End(EndEvent { status, .. })) => Some(*status),
        _ => None,
    });
    assert_eq!(end, Some(EndStatus::Partial));
    let answers = effects.iter().find_map(|e| match e {
        Effect::Log(Event::After(a)) => Some((a.pain_after, a.note.clone())),
        _ => None,
    });
    assert_eq!(answers, Some((Some(3), Some("stiff".to_string()))));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Pain after: 3/10") && s.contains("Note: stiff"),
        "{s}"
    );
}

/// Three sessions that met plank level 1 in full: the end screen suggests level 2,
/// `l` takes it, and from then on the picker and the next session use it.
#[test]
fn a_level_met_three_times_is_suggested_and_taken() {
    use upright::app::{Effect, Screen};
    use upright::model::event::Event;
    use upright::model::history::History;
    let (mut app, t0) = new_app();
    let mut log: Vec<Event> = Vec::new();
    let mut ms = 0;
    for round in 0..3 {
        assert!(app.start_session("core-shoulders"));
        // Only the plank counts: run until the first push-up, then end early.
        while app
            .running()
            .and_then(|r| r.session.current())
            .is_some_and(|p| {
                app.running()
                    .is_some_and(|r| r.session.plan().steps[p.step].exercise_id == "plank")
            })
        {
            ms += 500;
            app.tick(later(t0, ms));
        }
        app.end_session(upright::app::EndStatus::Partial);
        for e in app.take_effects() {
            if let Effect::Log(ev @ (Event::Start(_) | Event::Step(_))) = e {
                log.push(ev);
            }
        }
        let history = History::from_events(log.clone());
        app.set_history(history, None);
        let Screen::Summary(s) = &app.screen else {
            panic!("summary")
        };
        if round < 2 {
            assert!(
                s.suggestions.is_empty(),
                "round {round}: {:?}",
                s.suggestions
            );
            app.update(Action::Done, app.now);
        } else {
            assert_eq!(s.suggestions.len(), 1, "{:?}", s.suggestions);
            assert_eq!(
                (s.suggestions[0].exercise.as_str(), s.suggestions[0].to),
                ("plank", 2)
            );
        }
        ms += 60_000;
        app.tick(later(t0, ms));
    }
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Ready for the next level: Plank level 2"),
        "{text}"
    );
    assert!(text.contains("l take the suggested level"), "{text}");
    app.update(Action::AcceptLevel, app.now);
    let taken = screen(&app, 100, 30);
    assert!(
        taken.contains("Plank: now level 2 (Toes and forearms)"),
        "{taken}"
    );
    assert!(!taken.contains("l take the suggested level"), "{taken}");
    let chosen = app.take_effects().into_iter().find_map(|e| match e {
        Effect::Log(Event::Level(l)) => Some((l.exercise.to_string(), l.level)),
        _ => None,
    });
    assert_eq!(chosen, Some(("plank".to_string(), 2)));
    log.push(Event::Level(upright::model::event::LevelEvent {
        v: 1,
        session: "x".into(),
        at: app.now.wall,
        exercise: "plank".into(),
        level: 2,
        reason: upright::model::event::LevelReason::Progress,
    }));
    app.set_history(History::from_events(log), None);
    app.update(Action::Done, app.now);
    assert_eq!(app.current_level("plank"), Some(2));
    let picker = screen(&app, 120, 40);
    assert!(
        picker.contains("Plank · level 2: Toes and forearms"),
        "{picker}"
    );
}
