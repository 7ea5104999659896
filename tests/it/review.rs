//! History and Stats with a seeded year of history: every size the snapshots
//! use, paging, the filter typed into its field, the details, the Stats page
//! scrolled to its end, and the mouse on a page other than the first.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use upright::app::keymap::{Key, Keymap};
use upright::app::mouse::Pointer;
use upright::app::{App, Figures, Now, Tab};
use upright::model::history::History;
use upright::store::{config, library};

use crate::fixtures::{fixed_now, later, screen};

/// The morning after a generated year of one session a day (Monday 5 January
/// 2015 to Monday 4 January 2016).
fn after_a_year() -> Now {
    fixed_now(1, (2016, 1, 5), (9, 0))
}

/// The app with a seeded year of history and its figures, as of the morning
/// after, at UTC+1 (whatever the machine's time zone).
pub fn with_history() -> App {
    with_days(365, after_a_year())
}

fn with_days(days: u32, now: Now) -> App {
    let catalog = library::load_from(None, None).expect("catalog");
    let mut app = App::new(catalog, config::defaults(), Keymap::default(), now);
    let history = History::from_events(upright::store::log::synthetic::events(days, 1, 7));
    let figures = Figures::new(&history.without_discarded(), &now.wall, 5);
    app.set_history(history, Some(figures));
    app
}

/// Draws a frame as the runner does and hands its regions to the app.
fn frame(app: &mut App, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let hits = upright::ui::draw(app, buf.area, &mut buf);
    app.drawn(hits);
    buf
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    for (y, row) in rows(buf).iter().enumerate() {
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} is not on the screen:\n{}", rows(buf).join("\n"));
}

fn press(app: &mut App, key: Key) {
    let now = app.now;
    app.key(key, now);
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, Key::ch(c));
    }
}

fn selected_session(app: &App) -> &upright::model::history::SessionRecord {
    let i = app.history_rows()[app.history_view.selected];
    &app.history.sessions()[i]
}

#[test]
fn history_at_every_size() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    assert_eq!(app.tab, Tab::History);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let s = screen(&app, w, h);
        // Names and pain scores whole at every size.
        assert!(s.contains("Full upper-back routine"), "{w}x{h}\n{s}");
        assert!(s.contains("→"), "{w}x{h}\n{s}");
        insta::assert_snapshot!(format!("history_{w}x{h}"), s);
    }
}

#[test]
fn history_pages_and_ends() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    let buf = frame(&mut app, 80, 24);
    let page = usize::from(app.mouse.hits.page_rows);
    assert_eq!(page, 19, "24 rows less the bars, the borders and the heads");
    assert!(rows(&buf)[1].contains("page 1 of"), "{}", rows(&buf)[1]);
    let total = app.history_rows().len();
    press(&mut app, Key::plain(KeyCode::PageDown));
    assert_eq!(app.history_view.selected, page);
    let buf = frame(&mut app, 80, 24);
    assert!(rows(&buf)[1].contains("page 2 of"), "{}", rows(&buf)[1]);
    // The selected row is the first of the second page.
    assert!(rows(&buf)[3].starts_with("│▶"), "{}", rows(&buf).join("\n"));
    press(&mut app, Key::plain(KeyCode::End));
    assert_eq!(app.history_view.selected, total - 1);
    let oldest = selected_session(&app).started;
    assert_eq!(oldest, app.history.sessions()[0].started);
    press(&mut app, Key::plain(KeyCode::PageDown));
    assert_eq!(app.history_view.selected, total - 1, "stays on the last");
    press(&mut app, Key::plain(KeyCode::PageUp));
    assert_eq!(app.history_view.selected, total - 1 - page);
    press(&mut app, Key::plain(KeyCode::Home));
    assert_eq!(app.history_view.selected, 0);
}

#[test]
fn the_filter_takes_what_is_typed_and_esc_clears_it() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    let all = app.history_rows().len();
    press(&mut app, Key::ch('/'));
    // "qui" is typed, not taken as keys: q does not quit.
    typing(&mut app, "qui");
    assert!(!app.quit);
    assert_eq!(app.history_view.filter, "qui");
    assert!(app.history_rows().is_empty());
    let s = screen(&app, 80, 24);
    assert!(s.contains("No sessions match “qui”."), "{s}");
    for _ in 0..3 {
        press(&mut app, Key::plain(KeyCode::Backspace));
    }
    typing(&mut app, "desk 2015-03");
    let shown = app.history_rows().len();
    assert!(shown > 3 && shown < 31, "{shown}");
    for &i in app.history_rows() {
        let s = &app.history.sessions()[i];
        assert_eq!(s.routine_name.as_deref(), Some("Desk break"));
        assert_eq!(s.started.format("%Y-%m").to_string(), "2015-03");
    }
    // ↓ moves through what is shown while typing.
    press(&mut app, Key::plain(KeyCode::Down));
    assert_eq!(app.history_view.selected, 1);
    insta::assert_snapshot!("history_filter_typing_80x24", screen(&app, 80, 24));
    // Enter keeps it; the keys are the view's again.
    press(&mut app, Key::plain(KeyCode::Enter));
    assert!(!app.history_view.editing);
    press(&mut app, Key::ch('j'));
    assert_eq!(app.history_view.selected, 2);
    insta::assert_snapshot!("history_filter_kept_120x40", screen(&app, 120, 40));
    // Esc clears it (and does not quit); the next Esc quits.
    press(&mut app, Key::plain(KeyCode::Esc));
    assert_eq!(app.history_view.filter, "");
    assert_eq!(app.history_rows().len(), all);
    assert!(!app.quit);
    press(&mut app, Key::plain(KeyCode::Esc));
    assert!(app.quit);
}

#[test]
fn the_filter_finds_outcomes_and_notes_and_esc_in_the_field_clears_it() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    press(&mut app, Key::ch('/'));
    typing(&mut app, "interrupted");
    assert!(!app.history_rows().is_empty());
    for &i in app.history_rows() {
        assert_eq!(app.history.sessions()[i].status.word(), "interrupted");
    }
    press(&mut app, Key::plain(KeyCode::Esc));
    assert!(!app.history_view.editing);
    assert_eq!(app.history_view.filter, "");
    press(&mut app, Key::ch('/'));
    typing(&mut app, "STIFF");
    assert!(!app.history_rows().is_empty());
    for &i in app.history_rows() {
        let note = app.history.sessions()[i].note.as_deref().unwrap_or("");
        assert!(note.contains("stiff"), "{note}");
    }
}

/// A session with a hold that beat the best before it is marked "new best" in
/// its row, on whatever page it is, and the mark keeps the names whole.
#[test]
fn new_bests_are_marked_in_their_rows() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    let place = app
        .history_rows()
        .iter()
        .position(|&i| {
            app.new_best_sessions
                .contains(&app.history.sessions()[i].id)
        })
        .expect("a session with a new best in a year of open holds");
    for _ in 0..place {
        press(&mut app, Key::ch('j'));
    }
    for (w, h) in [(80, 24), (120, 40)] {
        let buf = frame(&mut app, w, h);
        let row = rows(&buf)
            .into_iter()
            .find(|r| r.contains('▶'))
            .expect("the selected row");
        assert!(row.contains("new best"), "{w}x{h}: {row}");
        assert!(
            row.contains(selected_session(&app).routine_name.as_deref().unwrap()),
            "{row}"
        );
    }
    let others = app.history_rows().len() - app.new_best_sessions.len();
    assert!(others > 0);
    let buf = frame(&mut app, 120, 40);
    let marked = rows(&buf).iter().filter(|r| r.contains("new best")).count();
    let on_page = app
        .history_rows()
        .iter()
        .skip(place / 35 * 35)
        .take(35)
        .filter(|&&i| {
            app.new_best_sessions
                .contains(&app.history.sessions()[i].id)
        })
        .count();
    assert_eq!(usize::from(app.mouse.hits.page_rows), 35);
    assert_eq!(marked, on_page);
}

#[test]
fn details_show_every_set_planned_against_done() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    // A full routine that ended early, so some sets were not reached.
    let place = app
        .history_rows()
        .iter()
        .position(|&i| {
            let s = &app.history.sessions()[i];
            s.routine.as_deref() == Some("full") && s.tally().not_reached > 0 && !s.steps.is_empty()
        })
        .expect("a full routine that stopped early");
    for _ in 0..place {
        press(&mut app, Key::ch('j'));
    }
    press(&mut app, Key::plain(KeyCode::Enter));
    let s = screen(&app, 80, 24);
    let session = selected_session(&app);
    assert!(s.contains("Planned") && s.contains("Done"), "{s}");
    assert!(
        s.contains(&format!("{} not reached", session.tally().not_reached)),
        "{s}"
    );
    for st in &session.steps {
        assert!(s.contains(&st.done_words()), "{}\n{s}", st.done_words());
    }
    insta::assert_snapshot!("history_details_80x24", s);
    // Beside the list when wide.
    insta::assert_snapshot!("history_details_200x60", screen(&app, 200, 60));
    // Esc goes back to the list first.
    frame(&mut app, 80, 24);
    press(&mut app, Key::plain(KeyCode::Esc));
    assert!(!app.history_view.details && !app.quit);
}

#[test]
fn rows_are_clicked_on_any_page_and_with_a_filter() {
    let mut app = with_history();
    press(&mut app, Key::ch('2'));
    frame(&mut app, 80, 24);
    press(&mut app, Key::plain(KeyCode::PageDown));
    press(&mut app, Key::plain(KeyCode::PageDown));
    let buf = frame(&mut app, 80, 24);
    let target = app.history_rows()[45];
    let when = app.history.sessions()[target]
        .started
        .format("%a %Y-%m-%d %H:%M")
        .to_string();
    let (x, y) = find(&buf, &when);
    let now = later(app.now, 1000);
    app.pointer(Pointer::Click { column: x, row: y }, now);
    assert_eq!(app.history_view.selected, 45);
    press(&mut app, Key::ch('/'));
    typing(&mut app, "core");
    press(&mut app, Key::plain(KeyCode::Enter));
    let buf = frame(&mut app, 80, 24);
    let third = app.history_rows()[2];
    let when = app.history.sessions()[third]
        .started
        .format("%a %Y-%m-%d %H:%M")
        .to_string();
    let (x, y) = find(&buf, &when);
    app.pointer(Pointer::Click { column: x, row: y }, later(now, 2000));
    assert_eq!(app.history_view.selected, 2);
    assert_eq!(
        selected_session(&app).routine.as_deref(),
        Some("core-shoulders")
    );
}

#[test]
fn stats_at_every_size() {
    let mut app = with_history();
    press(&mut app, Key::ch('3'));
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let s = screen(&app, w, h);
        insta::assert_snapshot!(format!("stats_{w}x{h}"), s);
    }
    let s = screen(&app, 200, 60);
    assert!(
        s.contains("Active days · Feb 2015 to Jan 2016"),
        "twelve months: {s}"
    );
    assert!(
        !s.contains(" min active"),
        "times in hours and minutes: {s}"
    );
}

/// At 80x24 the page is taller than the screen: scrolled from top to end,
/// every figure shows somewhere, and nothing beyond the end.
#[test]
fn stats_scroll_so_nothing_is_cut_at_80x24() {
    let mut app = with_history();
    press(&mut app, Key::ch('3'));
    let mut seen = String::new();
    let mut last = String::new();
    for _ in 0..100 {
        let buf = frame(&mut app, 80, 24);
        let text = rows(&buf).join("\n");
        seen.push_str(&text);
        if text == last {
            break;
        }
        last = text;
        press(&mut app, Key::ch('j'));
    }
    let max = app.mouse.hits.stats_max_scroll;
    assert!(max > 0, "the page scrolls at 80x24");
    assert_eq!(app.stats_scroll, max);
    let figures = app.figures.clone().expect("figures");
    // Every best of every exercise at every level.
    for b in &figures.stats.bests {
        let day = b.at.format("%Y-%m-%d");
        let line = format!("(level {}, {day})", b.level);
        assert!(seen.contains(&*b.exercise_name), "{}", b.exercise_name);
        assert!(seen.contains(&line), "{} {line}", b.exercise_name);
    }
    for word in [
        "Streak",
        "Personal bests",
        "after sessions:",
        "before sessions:",
        "A day:",
        "20 min or more",
        "active days ·",
        "Child's pose: level",
    ] {
        assert!(seen.contains(word), "{word}");
    }
    insta::assert_snapshot!("stats_80x24_end", last);
    press(&mut app, Key::plain(KeyCode::Home));
    assert_eq!(app.stats_scroll, 0);
    press(&mut app, Key::plain(KeyCode::End));
    assert_eq!(app.stats_scroll, max);
}

#[test]
fn stats_read_with_one_week_of_history() {
    // Monday 5 to Friday 9 January 2015, seen on the Saturday.
    let mut app = with_days(5, fixed_now(1, (2015, 1, 10), (9, 0)));
    press(&mut app, Key::ch('3'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("in 1 week"), "{s}");
    insta::assert_snapshot!("stats_one_week_120x40", s);
}
