//! The picker with a reminder due: "Due now" at the top with when the routine was
//! last done, the routine selected so Enter starts it, and the line gone when the
//! day ends. Times are built in the local zone, as the app reads them.

use std::time::Instant;

use chrono::{DateTime, Duration, Local, TimeZone};
use upright::app::keymap::Keymap;
use upright::app::{Action, App, Now};
use upright::model::event::{EndStatus, Event, parse_line};
use upright::model::history::History;
use upright::store::diag::SourceText;
use upright::store::{config, library};

use crate::fixtures::screen;

fn local(h: u32, m: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, 23, h, m, 0)
        .earliest()
        .expect("a local time")
}

fn at(t: DateTime<Local>) -> Now {
    Now {
        mono: Instant::now(),
        wall: t.fixed_offset(),
    }
}

fn app(schedule: &str, now: Now) -> App {
    let catalog = library::load_from(None, None).expect("catalog");
    let mut settings = config::defaults();
    let diags = config::apply(&mut settings, &SourceText::new("config.toml", schedule));
    assert!(diags.is_empty(), "{diags:?}");
    settings.session.ask_pain = false;
    App::new(catalog, settings, Keymap::default(), now)
}

fn desk_break_done(end: DateTime<Local>) -> History {
    let start = (end - Duration::minutes(3)).fixed_offset();
    let set = parse_line(&format!(
        "{{\"type\":\"step\",\"v\":1,\"session\":\"s1\",\"at\":\"{}\",\"index\":0,\
         \"exercise\":\"ostrich\",\"exercise_name\":\"Ostrich (neck glide)\",\"level\":1,\
         \"set\":1,\"sets\":1,\"dose\":\"reps\",\"planned_reps\":10,\"achieved_reps\":10,\
         \"skipped\":false,\"hurt\":false}}",
        (end - Duration::minutes(1)).fixed_offset().to_rfc3339()
    ))
    .expect("a step line");
    History::from_events([
        Event::start("s1", ("desk-break", "Desk break"), None, 2, start),
        set,
        Event::end("s1", EndStatus::Completed, 180.0, end.fixed_offset()),
    ])
}

const SCHEDULE: &str = "[[reminder]]\nroutine = \"desk-break\"\nat = [\"10:00\", \"16:00\"]\n\n\
                        [[reminder]]\nroutine = \"core-shoulders\"\nat = \"20:00\"\n";

fn selected(app: &App) -> String {
    app.catalog
        .routines()
        .nth(app.selected)
        .map(|r| r.id.clone())
        .expect("a routine")
}

#[test]
fn the_picker_shows_what_is_due_and_selects_it() {
    let now = at(local(12, 0));
    let mut app = app(SCHEDULE, now);
    // Until the log is in, nothing is known to be due.
    app.tick(now);
    assert!(app.reminders.due.is_empty());
    assert_eq!(selected(&app), "full");
    app.set_history(desk_break_done(local(9, 0)), None, None);
    assert_eq!(selected(&app), "desk-break");
    let shown = screen(&app, 80, 24);
    insta::assert_snapshot!("picker_due_now_80x24", shown);
    assert!(
        shown.contains("Due now: Desk break, last done 3 hours ago · Enter starts it"),
        "{shown}"
    );
    app.update(Action::Start, now);
    let running = app.running().expect("a session started");
    assert_eq!(running.routine_id, "desk-break");
}

#[test]
fn nothing_due_nothing_shown_and_the_line_goes_at_the_end_of_the_day() {
    let morning = at(local(8, 0));
    let mut app = app(SCHEDULE, morning);
    app.set_history(History::default(), None, None);
    assert!(app.reminders.due.is_empty());
    assert!(!screen(&app, 80, 24).contains("Due now"));
    // The app wakes by itself when the next one comes, at ten.
    let wake = app.next_wake().expect("a wake-up for the next reminder");
    let secs = wake.duration_since(morning.mono).as_secs();
    assert_eq!(secs, 2 * 3600);
    app.tick(at(local(10, 1)));
    assert_eq!(app.reminders.due.len(), 1);
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Due now: Desk break, not done yet"),
        "{shown}"
    );
    // Two due at once: the one due longest first, the other named.
    app.tick(at(local(20, 30)));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("Due now: Desk break, not done yet · also due: Core and shoulders"),
        "{shown}"
    );
    let next_day = Local
        .with_ymd_and_hms(2026, 11, 24, 0, 5, 0)
        .earliest()
        .expect("time");
    app.tick(at(next_day));
    assert!(app.reminders.due.is_empty());
    assert!(!screen(&app, 80, 24).contains("Due now"));
}

#[test]
fn without_reminders_the_picker_is_as_before_and_never_wakes() {
    let now = at(local(12, 0));
    let mut app = app("", now);
    app.set_history(desk_break_done(local(9, 0)), None, None);
    assert_eq!(selected(&app), "full");
    assert_eq!(app.next_wake(), None);
    assert!(!screen(&app, 80, 24).contains("Due now"));
}
