//! The processor time one frame takes (render and diff through a `TestBackend`)
//! for the picker, History and Stats with ten years of daily sessions, at 80x24
//! and 200x60: the render bench's figures, measured as this thread's own time
//! (user + system, from /proc/thread-self/stat), so a busy machine slows the
//! frames it measures but does not add other programs' time to them. Linux only.
//!
//! cargo run --profile bench --example frame_cpu [-- picker|history|stats]

use std::process::ExitCode;

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use upright::app::keymap::{Key, Keymap};
use upright::app::{App, Figures, Now};
use upright::model::history::History;
use upright::store::{config, library};

/// Frames drawn for each figure, after as many again to warm up.
const FRAMES: u32 = 3000;

/// This thread's processor time so far, in clock ticks (user + system).
fn ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn main() -> ExitCode {
    let only = std::env::args().nth(1);
    let Some(wall) = chrono::FixedOffset::east_opt(3600)
        .and_then(|tz| tz.with_ymd_and_hms(2025, 1, 2, 9, 0, 0).single())
    else {
        return ExitCode::FAILURE;
    };
    let now = Now {
        mono: std::time::Instant::now(),
        wall,
    };
    let Ok(catalog) = library::load_from(None, None) else {
        eprintln!("the built-in library does not load");
        return ExitCode::FAILURE;
    };
    // Ten years from Monday 5 January 2015, one session a day, as the bench.
    let history = History::from_events(upright::store::log::synthetic::events(3650, 1, 42));
    let figures = Figures::new(&history.without_discarded(), &now.wall, 5);
    // Clock ticks a second on Linux (sysconf(_SC_CLK_TCK)).
    let tick_us = 10_000.0;
    for (name, tab) in [("picker", '1'), ("history", '2'), ("stats", '3')] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let mut app = App::new(catalog.clone(), config::defaults(), Keymap::default(), now);
        app.set_history(history.clone(), Some(figures.clone()));
        app.key(Key::ch(tab), now);
        for (w, h) in [(80, 24), (200, 60)] {
            // A TestBackend cannot fail.
            let Ok(mut terminal) = Terminal::new(TestBackend::new(w, h));
            let mut draw = || terminal.draw(|f| f.render_widget(&app, f.area())).is_ok();
            if !(0..FRAMES).all(|_| draw()) {
                return ExitCode::FAILURE;
            }
            let (Some(before), true, Some(after)) = (ticks(), (0..FRAMES).all(|_| draw()), ticks())
            else {
                eprintln!("cannot read /proc/thread-self/stat");
                return ExitCode::FAILURE;
            };
            let per_frame = (after - before) as f64 * tick_us / f64::from(FRAMES);
            println!("{name:8} {w}x{h}: {per_frame:.0} µs a frame");
        }
    }
    ExitCode::SUCCESS
}
