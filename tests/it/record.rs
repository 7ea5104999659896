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
    assert_eq!(skipped, 2, "the plank's two other sets");
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
