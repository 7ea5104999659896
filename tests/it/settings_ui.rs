//! The settings of config.toml as the screen shows them, rendered into a
//! TestBackend with a fixed clock: the mono theme (and NO_COLOR) tells every state
//! through words or reverse video, `figures`, `auto_advance`, `bell`, and
//! remapped keys in the help, the hints and the dialogs.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;
use upright::app::keymap::{Key, Keymap};
use upright::app::{Action, App, Effect, Now};
use upright::model::plan::PhaseKind;
use upright::model::session::Status;
use upright::model::settings::{KeyBinding, Settings, ThemeName};
use upright::store::{config, library};

use crate::fixtures::{fixed_now, later};

fn app_with(mut settings: Settings) -> App {
    // The pain question before a session has its own tests.
    settings.session.ask_pain = false;
    let catalog = library::load_from(None, None).expect("built-in library");
    let keymap = Keymap::with_bindings(&settings.keys).expect("valid keys");
    App::new(
        catalog,
        settings,
        keymap,
        fixed_now(0, (2026, 3, 2), (7, 0)),
    )
}

fn mono() -> Settings {
    let mut s = config::defaults();
    s.ui.theme = ThemeName::Mono;
    s
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    app.render(buf.area, &mut buf);
    buf
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The cells (x, y) where `needle` is written, if it is on one row.
fn find(buf: &Buffer, needle: &str) -> Option<Vec<(u16, u16)>> {
    let want: Vec<String> = needle.chars().map(String::from).collect();
    for y in 0..buf.area.height {
        let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        if let Some(x) = row.windows(want.len()).position(|w| w == want.as_slice()) {
            return Some((x..x + want.len()).map(|x| (x as u16, y)).collect());
        }
    }
    None
}

fn all_reversed(buf: &Buffer, needle: &str) -> bool {
    let cells = find(buf, needle).unwrap_or_else(|| panic!("{needle:?} not on screen"));
    cells
        .iter()
        .all(|&p| buf[p].modifier.contains(Modifier::REVERSED))
}

/// No cell of the buffer carries a colour.
fn assert_colourless(buf: &Buffer) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                c.fg == Color::Reset && c.bg == Color::Reset,
                "cell {x},{y} {:?} has a colour: fg {:?} bg {:?}\n{}",
                c.symbol(),
                c.fg,
                c.bg,
                text(buf)
            );
        }
    }
}

/// Ticks `app` a quarter second at a time until `pred` holds (at most 10 minutes).
fn run_until(app: &mut App, t0: Now, pred: impl Fn(&App) -> bool) -> u64 {
    let mut ms = 0;
    while !pred(app) {
        ms += 250;
        assert!(ms < 600_000, "never got there");
        app.tick(later(t0, ms));
    }
    app.tick(later(t0, ms + 100));
    ms + 100
}

fn phase(app: &App) -> Option<PhaseKind> {
    app.running()
        .and_then(|r| r.session.current())
        .map(|p| p.kind.clone())
}

fn status(app: &App) -> Option<Status> {
    app.running().map(|r| r.session.status())
}

#[test]
fn mono_selected_row_is_reverse_video_and_there_is_no_colour() {
    for (settings, no_color) in [(mono(), false), (config::defaults(), true)] {
        let mut app = app_with(settings);
        app.no_color = no_color;
        let t0 = app.now;
        let buf = render(&app, 100, 30);
        assert!(
            all_reversed(&buf, "▶ Full upper-back routine"),
            "{}",
            text(&buf)
        );
        // The rows not selected are not reversed.
        assert!(!all_reversed(&buf, "Desk break"), "{}", text(&buf));
        assert_colourless(&buf);
        app.update(Action::Down, t0);
        let buf = render(&app, 100, 30);
        assert!(all_reversed(&buf, "▶ Desk break"), "{}", text(&buf));
        assert!(!all_reversed(&buf, "Full upper-back routine"));
        assert_colourless(&buf);
    }
}

#[test]
fn the_default_theme_does_use_colour_for_the_selection() {
    // The check above would be empty if no theme coloured anything.
    let app = app_with(config::defaults());
    let buf = render(&app, 100, 30);
    let cells = find(&buf, "▶ Full upper-back routine").expect("on screen");
    assert!(cells.iter().any(|&p| buf[p].bg != Color::Reset));
}

#[test]
fn mono_session_states_are_told_in_words_or_reverse_video() {
    let mut app = app_with(mono());
    let t0 = app.now;
    assert!(app.start_session("full"));

    // Get ready, then work: each named on screen.
    let buf = render(&app, 100, 30);
    assert!(text(&buf).contains("Get ready"), "{}", text(&buf));
    let at = run_until(&mut app, t0, |a| {
        matches!(phase(a), Some(PhaseKind::Work(_)))
    });
    let buf = render(&app, 100, 30);
    let headline = |buf: &Buffer| text(buf).lines().nth(2).unwrap_or_default().to_string();
    assert!(headline(&buf).contains("Hold"), "{}", text(&buf));
    assert!(!headline(&buf).contains("Rest"), "{}", text(&buf));
    assert_colourless(&buf);

    // Paused: the badge is in words and in reverse video.
    app.update(Action::Pause, later(t0, at));
    let buf = render(&app, 100, 30);
    assert!(all_reversed(&buf, "PAUSED"), "{}", text(&buf));
    assert_colourless(&buf);
    app.update(Action::Pause, later(t0, at));

    // Rest, in words.
    run_until(&mut app, t0, |a| matches!(phase(a), Some(PhaseKind::Rest)));
    let buf = render(&app, 100, 30);
    assert!(headline(&buf).contains("Rest"), "{}", text(&buf));
    assert!(!headline(&buf).contains("Hold"), "{}", text(&buf));
    assert_colourless(&buf);

    // "This hurt", in words on the summary.
    run_until(&mut app, t0, |a| {
        matches!(phase(a), Some(PhaseKind::Work(_)))
    });
    let now = app.now;
    app.update(Action::Hurt, now);
    app.end_session(upright::app::EndStatus::Partial);
    let buf = render(&app, 100, 30);
    let screen = text(&buf);
    assert!(screen.contains("1 hurt"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("hurt") && l.contains("set")),
        "{screen}"
    );
    assert_colourless(&buf);
}

#[test]
fn without_auto_advance_the_session_waits_and_enter_goes_on() {
    let mut settings = mono();
    settings.timer.auto_advance = false;
    let mut app = app_with(settings);
    let t0 = app.now;
    app.start_session("desk-break");
    app.take_effects();
    let waited = run_until(&mut app, t0, |a| status(a) == Some(Status::Waiting));
    // The lead-in ended and nothing moves on by itself.
    assert!(matches!(phase(&app), Some(PhaseKind::GetReady)));
    app.tick(later(t0, waited + 60_000));
    assert_eq!(status(&app), Some(Status::Waiting));
    assert!(matches!(phase(&app), Some(PhaseKind::GetReady)));
    let buf = render(&app, 100, 30);
    assert!(all_reversed(&buf, "Press Enter to go on"), "{}", text(&buf));
    assert_colourless(&buf);
    // The bell rang in each of the last three seconds of Get ready, and once
    // when it ended.
    let bells = app
        .take_effects()
        .iter()
        .filter(|e| **e == Effect::Bell)
        .count();
    assert_eq!(bells, 4);
    app.tick(later(t0, waited + 61_000));
    assert!(!app.take_effects().contains(&Effect::Bell));

    // Enter goes on to the first exercise.
    app.key(
        Key::plain(ratatui::crossterm::event::KeyCode::Enter),
        later(t0, waited + 62_000),
    );
    assert_eq!(status(&app), Some(Status::Running));
    assert!(matches!(phase(&app), Some(PhaseKind::Work(_))));
    assert!(!text(&render(&app, 100, 30)).contains("to go on"));
}

#[test]
fn with_auto_advance_the_session_moves_on_by_itself() {
    let mut app = app_with(mono());
    let t0 = app.now;
    app.start_session("desk-break");
    run_until(&mut app, t0, |a| {
        matches!(phase(a), Some(PhaseKind::Work(_)))
    });
    assert_eq!(status(&app), Some(Status::Running));
}

#[test]
fn the_waiting_badge_names_the_users_done_key() {
    let mut settings = config::defaults();
    settings.timer.auto_advance = false;
    settings.keys.push(KeyBinding {
        action: "done".into(),
        keys: vec!["g".into()],
        origin: "c.toml:2:1".into(),
        key_origins: vec!["c.toml:2:8".into()],
    });
    let mut app = app_with(settings);
    let t0 = app.now;
    app.start_session("desk-break");
    run_until(&mut app, t0, |a| status(a) == Some(Status::Waiting));
    let screen = text(&render(&app, 100, 30));
    assert!(screen.contains("Press g to go on"), "{screen}");
    app.key(
        Key::plain(ratatui::crossterm::event::KeyCode::Enter),
        app.now,
    );
    assert_eq!(
        status(&app),
        Some(Status::Waiting),
        "Enter is not done any more"
    );
    app.key(Key::ch('g'), app.now);
    assert_eq!(status(&app), Some(Status::Running));
}

#[test]
fn bell_false_rings_no_bell_and_true_does() {
    for bell in [true, false] {
        let mut settings = config::defaults();
        settings.sound.bell = bell;
        let mut app = app_with(settings);
        let t0 = app.now;
        app.start_session("desk-break");
        let mut rang = 0;
        let mut ms = 0;
        while app.running().is_some() {
            ms += 250;
            app.tick(later(t0, ms));
            rang += app
                .take_effects()
                .iter()
                .filter(|e| **e == Effect::Bell)
                .count();
        }
        if bell {
            assert!(rang > 3, "the bell rang only {rang} times");
        } else {
            assert_eq!(rang, 0);
        }
    }
}

#[test]
fn countdown_false_keeps_only_the_phase_bells() {
    let bells = |countdown: bool| {
        let mut settings = config::defaults();
        settings.sound.countdown = countdown;
        let mut app = app_with(settings);
        let t0 = app.now;
        app.start_session("desk-break");
        let mut rang = 0;
        let mut ms = 0;
        while app.running().is_some() {
            ms += 100;
            app.tick(later(t0, ms));
            rang += app
                .take_effects()
                .iter()
                .filter(|e| **e == Effect::Bell)
                .count();
        }
        rang
    };
    let (with, without) = (bells(true), bells(false));
    // The desk break has timed holds: each adds three countdown bells.
    assert!(
        with >= without + 3,
        "{with} bells with the countdown, {without} without"
    );
    assert!(without > 0);
}

#[test]
fn timer_settings_shape_the_session() {
    let mut settings = config::defaults();
    settings.timer.lead_in = Duration::ZERO;
    let mut app = app_with(settings);
    app.start_session("desk-break");
    // No "Get ready" at all: the first exercise starts at once.
    assert!(matches!(phase(&app), Some(PhaseKind::Work(_))));

    let mut settings = config::defaults();
    settings.timer.lead_in = Duration::from_secs(7);
    let mut app = app_with(settings);
    app.start_session("desk-break");
    assert!(matches!(phase(&app), Some(PhaseKind::GetReady)));
    let screen = text(&render(&app, 100, 30));
    assert!(screen.contains("0:07 of 0:07"), "{screen}");
}

#[test]
fn figures_false_hides_the_pose_figure() {
    let figure_line = |app: &App| -> String {
        let fig = app
            .catalog
            .exercise("plank")
            .and_then(|e| e.figure.clone())
            .expect("the plank has a figure");
        fig.lines()
            .map(str::trim)
            .max_by_key(|l| l.len())
            .unwrap_or_default()
            .to_string()
    };
    for figures in [true, false] {
        let mut settings = config::defaults();
        settings.ui.figures = figures;
        let mut app = app_with(settings);
        let t0 = app.now;
        app.start_session("full");
        run_until(&mut app, t0, |a| {
            matches!(phase(a), Some(PhaseKind::Work(_)))
        });
        let line = figure_line(&app);
        let screen = text(&render(&app, 120, 40));
        assert!(screen.contains("Plank"), "{screen}");
        assert_eq!(
            screen.contains(&line),
            figures,
            "figures = {figures}\n{screen}"
        );
    }
}

#[test]
fn help_and_hints_show_the_remapped_pause_key() {
    let mut settings = config::defaults();
    settings.keys.push(KeyBinding {
        action: "pause".into(),
        keys: vec!["x".into()],
        origin: "c.toml:2:1".into(),
        key_origins: vec!["c.toml:2:9".into()],
    });
    let mut app = app_with(settings);
    let t0 = app.now;
    app.start_session("full");
    let screen = text(&render(&app, 100, 30));
    let hints = screen.lines().last().unwrap_or_default().to_string();
    assert!(hints.contains("x pause/resume"), "{hints}");
    assert!(!hints.contains("Space"), "{hints}");
    app.key(Key::ch('?'), t0);
    let screen = text(&render(&app, 100, 30));
    let row = screen
        .lines()
        .find(|l| l.contains("pause/resume"))
        .unwrap_or_else(|| panic!("no pause row in the help:\n{screen}"));
    let words: Vec<&str> = row
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(words, ["x", "pause/resume"], "{screen}");
}

fn binding(action: &str, keys: &[&str]) -> KeyBinding {
    KeyBinding {
        action: action.into(),
        keys: keys.iter().map(|k| k.to_string()).collect(),
        origin: "c.toml:2:1".into(),
        key_origins: (0..keys.len())
            .map(|i| format!("c.toml:2:{}", 9 + i))
            .collect(),
    }
}

#[test]
fn remapped_dialog_keys_are_shown_and_obeyed() {
    use ratatui::crossterm::event::KeyCode;
    use upright::app::Overlay;
    let mut settings = config::defaults();
    settings.keys.extend([
        binding("save_partial", &["w"]),
        binding("keep_going", &["g", "esc"]),
        binding("confirm", &["ctrl-j"]),
    ]);
    let mut app = app_with(settings);
    let t0 = app.now;

    // The end-session dialog names the new keys; the old ones do nothing.
    app.start_session("full");
    app.key(Key::ch('q'), t0);
    let screen = text(&render(&app, 100, 30));
    assert!(screen.contains("w end now, keep what you did"), "{screen}");
    assert!(screen.contains("g keep going (Esc)"), "{screen}");
    for old in ['s', 'S', 'k'] {
        app.key(Key::ch(old), t0);
        assert_eq!(app.overlay, Some(Overlay::ConfirmEnd), "{old}");
    }
    app.key(Key::ch('g'), t0);
    assert_eq!(app.overlay, None);
    assert!(app.running().is_some());
    app.key(Key::ch('q'), t0);
    app.key(Key::ch('w'), t0);
    assert!(app.running().is_none());
    assert!(text(&render(&app, 100, 30)).contains("Session ended early"));

    // The pain prompt: Enter no longer answers, Ctrl-J does, and the hint says so.
    app.key(Key::plain(KeyCode::Enter), t0);
    app.settings.session.ask_pain = true;
    app.start_session("full");
    let screen = text(&render(&app, 100, 30));
    assert!(
        screen.contains("Type 0-10, ctrl-j to go on, Esc to skip"),
        "{screen}"
    );
    app.key(Key::ch('5'), t0);
    app.key(Key::plain(KeyCode::Enter), t0);
    assert!(app.running().is_none(), "Enter is no longer the answer");
    app.key(Key::ctrl('j'), t0);
    assert!(app.running().is_some());
    let started = app.take_effects().into_iter().any(|e| {
        matches!(
            e,
            Effect::Log(upright::model::event::Event::Start(
                upright::model::event::StartEvent {
                    pain_before: Some(5),
                    ..
                }
            ))
        )
    });
    assert!(started);
}

#[test]
fn remapped_editor_dialog_keys_are_shown_and_obeyed() {
    use ratatui::crossterm::event::KeyCode;
    use upright::app::editor::Modal;
    let mut settings = config::defaults();
    settings.keys.extend([
        binding("save", &["ctrl-s"]),
        binding("next_field", &["ctrl-n"]),
    ]);
    let mut app = app_with(settings);
    let t0 = app.now;
    let modal = |app: &App| app.editor().and_then(|e| e.modal.clone());
    app.key(Key::ch('e'), t0);
    // The dose form: Tab no longer moves on; Ctrl-N does, and the hint says so.
    app.key(Key::plain(KeyCode::Enter), t0);
    let screen = text(&render(&app, 120, 40));
    assert!(
        screen.contains("ctrl-n next field · Enter apply · Esc cancel"),
        "{screen}"
    );
    let focus = |app: &App| match modal(app) {
        Some(Modal::Dose(form)) => form.focus,
        other => panic!("no dose form: {other:?}"),
    };
    app.key(Key::plain(KeyCode::Tab), t0);
    assert_eq!(focus(&app), 0);
    app.key(Key::ctrl('n'), t0);
    assert_eq!(focus(&app), 1);
    app.key(Key::plain(KeyCode::Esc), t0);
    // "Unsaved changes": one `save` binding serves the editor and its question.
    app.key(Key::ch('y'), t0);
    app.key(Key::plain(KeyCode::Esc), t0);
    assert_eq!(modal(&app), Some(Modal::ConfirmLeave { quit: false }));
    assert!(text(&render(&app, 120, 40)).contains("ctrl-s save them"));
    app.key(Key::ch('s'), t0);
    assert_eq!(modal(&app), Some(Modal::ConfirmLeave { quit: false }));
    app.key(Key::ctrl('s'), t0);
    let effects = app.take_effects();
    assert!(
        matches!(effects.as_slice(), [Effect::SaveRoutine { .. }]),
        "{effects:?}"
    );
}
