//! The mouse in the app: each frame is drawn with `ui::draw`, its regions go to
//! the app as the runner hands them, and clicks land where the text is on the
//! screen. Selections move through the same actions keys send.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use upright::app::editor::Modal;
use upright::app::keymap::{Key, Keymap};
use upright::app::mouse::{List, Pointer, Target};
use upright::app::{App, Effect, Now, Overlay, Screen, Tab};
use upright::model::history::History;
use upright::store::{config, library, log};

use crate::fixtures::{later, monday_morning};

fn new_app() -> App {
    let catalog = library::load(None).expect("catalog");
    let mut settings = config::defaults();
    settings.session.ask_pain = false;
    App::new(catalog, settings, Keymap::default(), monday_morning())
}

/// Draws a frame at `w`x`h` the way the runner does, and hands its regions
/// to the app.
fn frame(app: &mut App, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let hits = upright::ui::draw(app, buf.area, &mut buf);
    app.drawn(hits);
    buf
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

/// Where `text` starts on the screen (the first place it is).
fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row = row_text(buf, y);
        if let Some(byte) = row.find(text) {
            let column = row[..byte].chars().count();
            return (u16::try_from(column).expect("column"), y);
        }
    }
    panic!("{text:?} is not on the screen:\n{buf:?}");
}

fn click(app: &mut App, (column, row): (u16, u16), now: Now) {
    app.pointer(Pointer::Click { column, row }, now);
}

fn wheel(app: &mut App, (column, row): (u16, u16), down: bool, now: Now) {
    app.pointer(Pointer::Wheel { column, row, down }, now);
}

#[test]
fn a_click_on_a_tab_switches_to_it() {
    let mut app = new_app();
    let t = monday_morning();
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "2 History"), t);
    assert_eq!(app.tab, Tab::History);
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "3 Stats"), t);
    assert_eq!(app.tab, Tab::Stats);
    let buf = frame(&mut app, 80, 24);
    // Anywhere on the tab's label, its last cell too.
    let (x, y) = find(&buf, "1 Routines ");
    click(&mut app, (x + 10, y), t);
    assert_eq!(app.tab, Tab::Routines);
    // The space between two tabs and the title are nothing to click.
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "upright"), t);
    assert_eq!(app.tab, Tab::Routines);
}

#[test]
fn a_click_selects_a_routine_and_a_double_click_starts_it() {
    let mut app = new_app();
    let t = monday_morning();
    let buf = frame(&mut app, 80, 24);
    // Either line of an entry selects it.
    click(&mut app, find(&buf, "Core and shoulders"), t);
    assert_eq!(app.selected, 2);
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "Desk break"), later(t, 1000));
    assert_eq!(app.selected, 1);
    let buf = frame(&mut app, 80, 24);
    let (x, y) = find(&buf, "Full upper-back routine");
    click(&mut app, (x, y + 1), later(t, 2000));
    assert_eq!(app.selected, 0);
    assert!(matches!(app.screen, Screen::Main));
    // Two clicks on one routine 300 ms apart: it starts.
    let buf = frame(&mut app, 80, 24);
    let desk = find(&buf, "Desk break");
    click(&mut app, desk, later(t, 5000));
    click(&mut app, desk, later(t, 5300));
    match &app.screen {
        Screen::Session(r) => assert_eq!(r.routine_name, "Desk break"),
        _ => panic!("a double click did not start the routine"),
    }
}

#[test]
fn clicks_too_far_apart_or_on_two_routines_are_no_double_click() {
    let mut app = new_app();
    let t = monday_morning();
    let buf = frame(&mut app, 80, 24);
    let desk = find(&buf, "Desk break");
    click(&mut app, desk, t);
    click(&mut app, desk, later(t, 900));
    assert!(matches!(app.screen, Screen::Main));
    let core = find(&buf, "Core and shoulders");
    click(&mut app, desk, later(t, 2000));
    click(&mut app, core, later(t, 2100));
    assert!(matches!(app.screen, Screen::Main));
    assert_eq!(app.selected, 2);
}

#[test]
fn the_wheel_moves_through_the_routines_where_the_list_is() {
    let mut app = new_app();
    let t = monday_morning();
    let buf = frame(&mut app, 80, 24);
    let list = find(&buf, "Desk break");
    wheel(&mut app, list, true, t);
    wheel(&mut app, list, true, t);
    assert_eq!(app.selected, 2);
    wheel(&mut app, list, true, t);
    assert_eq!(app.selected, 2, "the last routine stays selected");
    wheel(&mut app, list, false, t);
    assert_eq!(app.selected, 1);
    // Over the routine's details nothing scrolls.
    let buf = frame(&mut app, 80, 24);
    wheel(&mut app, find(&buf, "Works:"), true, t);
    assert_eq!(app.selected, 1);
}

/// A log of three completed sessions on three days.
fn three_sessions() -> History {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    let mut text = String::new();
    for (i, day) in [20, 21, 22].iter().enumerate() {
        text.push_str(&format!(
            "{{\"v\":1,\"type\":\"start\",\"session\":\"s{i}\",\"at\":\"2026-11-{day}T08:00:00+01:00\",\"routine\":\"desk-break\",\"routine_name\":\"Desk break\"}}\n\
             {{\"v\":1,\"type\":\"step\",\"session\":\"s{i}\",\"at\":\"2026-11-{day}T08:01:00+01:00\",\"index\":1,\"exercise\":\"ostrich\",\"exercise_name\":\"Ostrich\",\"level\":1,\"set\":1,\"sets\":1,\"dose\":\"reps\",\"planned_reps\":10,\"achieved_reps\":10,\"skipped\":false,\"hurt\":false}}\n\
             {{\"v\":1,\"type\":\"end\",\"session\":\"s{i}\",\"at\":\"2026-11-{day}T08:03:00+01:00\",\"status\":\"completed\",\"active_secs\":100}}\n"
        ));
    }
    std::fs::write(&path, text).expect("write log");
    log::load_history(&path).expect("load").0
}

#[test]
fn history_rows_are_clicked_and_scrolled() {
    let mut app = new_app();
    let t = monday_morning();
    app.history_loaded(three_sessions(), None);
    app.tab = Tab::History;
    let buf = frame(&mut app, 80, 24);
    // Newest first: Sunday 22, Saturday 21, Friday 20.
    click(&mut app, find(&buf, "Fri 20 Nov"), t);
    assert_eq!(app.history_selected, 2);
    let buf = frame(&mut app, 80, 24);
    wheel(&mut app, find(&buf, "Sun 22 Nov"), false, later(t, 1000));
    assert_eq!(app.history_selected, 1);
    // A double click opens the details, as Enter does.
    let buf = frame(&mut app, 80, 24);
    let sat = find(&buf, "Sat 21 Nov");
    assert!(!app.history_details);
    click(&mut app, sat, later(t, 3000));
    click(&mut app, sat, later(t, 3200));
    assert!(app.history_details);
    assert_eq!(app.history_selected, 1);
}

#[test]
fn editor_steps_are_clicked_and_scrolled_and_a_double_click_opens_the_dose() {
    let mut app = new_app();
    let t = monday_morning();
    app.key(Key::ch('e'), t);
    let steps = app.editor().expect("editor").edit.routine().steps.len();
    assert_eq!(steps, 6, "the full routine");
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "Push-up"), t);
    assert_eq!(app.editor().expect("editor").edit.selected(), 2);
    let buf = frame(&mut app, 80, 24);
    let (x, y) = find(&buf, "Push-up");
    wheel(&mut app, (x, y), true, later(t, 1000));
    assert_eq!(app.editor().expect("editor").edit.selected(), 3);
    // The dose line under a step belongs to it.
    let buf = frame(&mut app, 80, 24);
    let (x, y) = find(&buf, "Child's pose");
    click(&mut app, (x, y + 1), later(t, 2000));
    click(&mut app, (x, y + 1), later(t, 2100));
    assert_eq!(app.editor().expect("editor").edit.selected(), 5);
    assert!(matches!(
        app.editor().and_then(|e| e.modal.as_ref()),
        Some(Modal::Dose(_))
    ));
}

#[test]
fn an_exercise_in_the_add_list_is_clicked_and_a_double_click_adds_it() {
    let mut app = new_app();
    let t = monday_morning();
    app.key(Key::ch('e'), t);
    app.key(Key::ch('a'), t);
    let buf = frame(&mut app, 80, 24);
    // In the list, not among the steps behind it.
    let (x, y) = find(&buf, "Ostrich (neck glide) · mobility");
    click(&mut app, (x, y), t);
    let selected = |app: &App| match app.editor().and_then(|e| e.modal.as_ref()) {
        Some(Modal::Add(list)) => Some(list.selected),
        _ => None,
    };
    let ostrich = app
        .catalog
        .exercises()
        .position(|e| e.id == "ostrich")
        .expect("ostrich");
    assert_eq!(selected(&app), Some(ostrich));
    click(&mut app, (x, y), later(t, 200));
    assert_eq!(selected(&app), None, "the list closed");
    let routine = app.editor().expect("editor").edit.routine();
    assert_eq!(routine.steps.len(), 7);
    assert_eq!(routine.steps[1].exercise, "ostrich");
}

#[test]
fn a_click_on_an_answer_answers_the_dialog() {
    // The end-session question.
    let mut app = new_app();
    let t = monday_morning();
    app.start_session("desk-break");
    app.key(Key::ch('q'), t);
    assert_eq!(app.overlay, Some(Overlay::ConfirmEnd));
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "keep going"), t);
    assert_eq!(app.overlay, None);
    assert!(matches!(app.screen, Screen::Session(_)));
    app.key(Key::ch('q'), t);
    let buf = frame(&mut app, 80, 24);
    // Anywhere on the answer's row.
    let (_, y) = find(&buf, "discard it");
    let (x, _) = find(&buf, "End this session now?");
    click(&mut app, (x + 30, y), t);
    assert!(matches!(app.screen, Screen::Summary(_)));

    // The safety notice.
    let mut app = new_app();
    app.show_notice();
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "I understand"), t);
    assert_eq!(app.overlay, None);
    assert!(app.take_effects().contains(&Effect::NoticeSeen));

    // A question of the editor.
    let mut app = new_app();
    app.key(Key::ch('e'), t);
    app.key(Key::ch('d'), t);
    app.key(Key::plain(KeyCode::Esc), t);
    assert!(matches!(
        app.editor().and_then(|e| e.modal.as_ref()),
        Some(Modal::ConfirmLeave { .. })
    ));
    let buf = frame(&mut app, 80, 24);
    click(&mut app, find(&buf, "keep editing"), t);
    assert!(app.editor().expect("still editing").modal.is_none());
}

#[test]
fn under_a_dialog_nothing_else_can_be_clicked() {
    let mut app = new_app();
    let t = monday_morning();
    let before = frame(&mut app, 80, 24);
    app.show_notice();
    let _ = frame(&mut app, 80, 24);
    // Where a tab and a routine were before the notice opened.
    click(&mut app, find(&before, "2 History"), t);
    click(
        &mut app,
        find(&before, "Core and shoulders"),
        later(t, 1000),
    );
    assert_eq!(app.tab, Tab::Routines);
    assert_eq!(app.selected, 0);
    assert_eq!(app.overlay, Some(Overlay::Notice));
}

#[test]
fn the_help_scrolls_by_wheel_and_keys_when_it_does_not_fit_and_a_click_closes_it() {
    let mut app = new_app();
    let t = monday_morning();
    app.key(Key::ch('?'), t);
    let buf = frame(&mut app, 60, 14);
    let top = row_text(&buf, find(&buf, "Keys").1 + 1);
    assert!(
        app.mouse.hits.help_max_scroll > 0,
        "the help fits at 60x14?"
    );
    assert!(
        row_text(&buf, 12).contains("scroll · any other key closes"),
        "{buf:?}"
    );
    // The wheel anywhere scrolls it, one row a turn.
    wheel(&mut app, (0, 0), true, t);
    assert_eq!(app.help_scroll, 1);
    let buf = frame(&mut app, 60, 14);
    assert_ne!(row_text(&buf, find(&buf, "Keys").1 + 1), top);
    // The keys that move lists scroll it too, no further than the end.
    for _ in 0..100 {
        app.key(Key::ch('j'), t);
    }
    assert_eq!(app.help_scroll, app.mouse.hits.help_max_scroll);
    app.key(Key::plain(KeyCode::Up), t);
    assert_eq!(app.help_scroll, app.mouse.hits.help_max_scroll - 1);
    assert_eq!(app.overlay, Some(Overlay::Help));
    click(&mut app, (0, 0), t);
    assert_eq!(app.overlay, None);
    assert_eq!(app.help_scroll, 0);

    // When it all fits, it says any key closes it, and j does.
    app.key(Key::ch('?'), t);
    let buf = frame(&mut app, 120, 40);
    assert_eq!(app.mouse.hits.help_max_scroll, 0);
    find(&buf, "Press any key to close.");
    app.key(Key::ch('j'), t);
    assert_eq!(app.overlay, None);
}

#[test]
fn every_region_is_on_what_it_names_at_every_size() {
    let mut app = new_app();
    let names: Vec<String> = app.catalog.routines().map(|r| r.name.clone()).collect();
    for (w, h) in [(40, 12), (60, 14), (80, 24), (120, 40), (200, 60)] {
        for selected in 0..names.len() {
            app.selected = selected;
            let buf = frame(&mut app, w, h);
            let mut routines_seen = 0;
            for (area, target) in app.mouse.hits.regions().to_vec() {
                let text = row_text(&buf, area.y);
                let cut = |a: Rect| -> String {
                    text.chars()
                        .skip(usize::from(a.x))
                        .take(usize::from(a.width))
                        .collect()
                };
                match target {
                    Target::Tab(tab) => {
                        // The label, or as much of it as the width shows.
                        let label = format!(" {} {} ", tab as usize + 1, tab.title());
                        let shown = cut(area);
                        assert!(
                            !shown.trim().is_empty() && label.starts_with(&shown),
                            "{w}x{h}: {shown:?} is not {label:?}"
                        );
                    }
                    Target::Item(List::Routines, i) => {
                        routines_seen += 1;
                        assert_eq!(area.height, 1);
                        // The routine's name, or the line under it.
                        let line = cut(area);
                        let own = line.contains(names[i].as_str())
                            || (line.contains("steps · about")
                                && row_text(&buf, area.y - 1).contains(names[i].as_str()));
                        assert!(own, "{w}x{h}: row {} is not routine {i}: {line}", area.y);
                    }
                    Target::List(List::Routines) => {}
                    other => panic!("{other:?} on the picker"),
                }
            }
            assert!(routines_seen > 0, "{w}x{h}: no routine to click");
        }
    }
}

#[test]
fn the_mouse_is_on_unless_the_config_says_no() {
    assert!(config::defaults().ui.mouse);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[ui]\nmouse = false\n").expect("write");
    let settings = config::load(&path, true).expect("settings");
    assert!(!settings.ui.mouse);
    std::fs::write(&path, "[ui]\nmouse = \"no\"\n").expect("write");
    let problems = config::load(&path, true).expect_err("a string is no boolean");
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].column), (2, 9));
}
