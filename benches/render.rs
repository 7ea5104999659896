//! One frame of each view, drawn through `ratatui::Terminal` into a `TestBackend`
//! at 80x24 and 200x60: the work the event loop does for every visible change
//! (render the whole widget tree, diff it against the last frame). History and
//! Stats are drawn with ten years of daily sessions. At 200x60 the session
//! screen draws its clock and phase word in the largest large text. Timed
//! twice: by the wall clock (`render`), and on Linux by the thread's CPU time
//! (`render-cpu`), which a machine busy with other work inflates less.

#[path = "../tests/it/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::Measurement;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use upright::app::keymap::Keymap;
use upright::app::{Action, App, Figures, Now, Screen};
use upright::model::history::History;
use upright::model::plan::{PhaseKind, Work};
use upright::store::{config, library};

/// A fixed moment: one monotonic instant taken once, a fixed wall clock.
fn start() -> Now {
    fixtures::fixed_now(1, (2025, 3, 10), (8, 0))
}

fn later(t0: Now, secs: u64) -> Now {
    fixtures::later(t0, secs * 1000)
}

/// The app with the built-in library and the default settings, but for the pain
/// question before a session (so a session starts at once, as it did when the
/// views below were first measured).
fn app(t0: Now) -> App {
    let catalog = library::load_from(None, None).expect("built-in library");
    let mut settings = config::defaults();
    settings.session.ask_pain = false;
    App::new(catalog, settings, Keymap::default(), t0)
}

/// Starts `routine` at `t0` and lets the clock run for `secs`, a second at a time,
/// ending each open hold ("as long as you can") after 30 seconds as a user would.
fn session(routine: &str, secs: u64) -> (App, Now) {
    let t0 = start();
    let mut a = app(t0);
    assert!(a.start_session(routine));
    let mut now = t0;
    let mut held = 0;
    for s in 1..=secs {
        now = later(t0, s);
        a.tick(now);
        if matches!(phase(&a), Some(PhaseKind::Work(Work::OpenHold { .. }))) {
            held += 1;
            if held == 30 {
                a.update(Action::Done, now);
                held = 0;
            }
        }
    }
    (a, now)
}

fn phase(a: &App) -> Option<PhaseKind> {
    a.running()
        .and_then(|r| r.session.current())
        .map(|p| p.kind.clone())
}

/// The app the morning after ten years of one session a day (5 January 2015 to
/// 1 January 2025), with the figures the Stats view shows, on `tab` ('2'
/// History, '3' Stats).
fn ten_years(tab: char) -> App {
    let now = fixtures::fixed_now(1, (2025, 1, 2), (9, 0));
    let mut a = app(now);
    let history = History::from_events(upright::store::log::synthetic::events(3650, 1, 42));
    let figures = Figures::new(&history.without_discarded(), &now.wall, 5);
    a.set_history(history, Some(figures));
    a.key(upright::app::keymap::Key::ch(tab), now);
    a
}

/// The views to draw, each with the state that shows it.
fn views() -> Vec<(&'static str, App)> {
    let t0 = start();
    let picker = app(t0);

    // Full routine: 10 s lead-in, then the plank hold (20 s), then a 30 s rest.
    let (hold, _) = session("full", 15);
    assert!(matches!(phase(&hold), Some(PhaseKind::Work(Work::Hold(_)))));

    let (rest, _) = session("full", 35);
    assert_eq!(phase(&rest), Some(PhaseKind::Rest));

    let (mut paused, now) = session("full", 15);
    paused.update(Action::Pause, now);

    // Desk break starts with paced neck glides.
    let (reps, _) = session("desk-break", 17);
    assert!(matches!(
        phase(&reps),
        Some(PhaseKind::Work(Work::PacedReps { .. }))
    ));

    // A whole routine run to the end.
    let (summary, _) = session("full", 60 * 60);
    assert!(matches!(summary.screen, Screen::Summary(_)));

    // The focus view: only the clock, the phase, the cue and what comes next.
    let (mut focus, now) = session("full", 15);
    focus.update(Action::Focus, now);

    let (mut help, now) = session("full", 15);
    help.update(Action::Help, now);

    vec![
        ("picker", picker),
        ("session-hold", hold),
        ("session-paced-reps", reps),
        ("session-rest", rest),
        ("session-paused", paused),
        ("session-focus", focus),
        ("summary", summary),
        ("help-overlay", help),
        ("history-ten-years", ten_years('2')),
        ("stats-ten-years", ten_years('3')),
    ]
}

/// Every view at 80x24 and 200x60, in the group `name`, timed by `c`'s
/// measurement.
fn render<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let mut group = c.benchmark_group(name);
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (w, h) in [(80, 24), (200, 60)] {
        // The floor: an empty frame (ratatui resets and diffs the buffers).
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        group.bench_function(format!("baseline-empty/{w}x{h}"), |b| {
            b.iter(|| {
                terminal.draw(|_| {}).expect("draw");
            })
        });
        for (name, app) in views() {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            group.bench_function(format!("{name}/{w}x{h}"), |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| f.render_widget(black_box(&app), f.area()))
                        .expect("draw");
                })
            });
        }
    }
    group.finish();
}

fn render_wall(c: &mut Criterion) {
    render(c, "render");
}

/// The CPU time of the benchmark's thread: on a machine shared with other
/// work, the time the thread waited for a core does not count (the caches
/// others leave cold still do).
#[cfg(target_os = "linux")]
mod cpu {
    use std::time::Duration;

    use criterion::measurement::{Measurement, ValueFormatter, WallTime};
    use rustix::time::{ClockId, clock_gettime};

    /// Shows its values as the wall clock's are shown.
    pub struct CpuTime(pub WallTime);

    fn now() -> Duration {
        let t = clock_gettime(ClockId::ThreadCPUTime);
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }

    impl Measurement for CpuTime {
        type Intermediate = Duration;
        type Value = Duration;
        fn start(&self) -> Duration {
            now()
        }
        fn end(&self, start: Duration) -> Duration {
            now().saturating_sub(start)
        }
        fn add(&self, a: &Duration, b: &Duration) -> Duration {
            *a + *b
        }
        fn zero(&self) -> Duration {
            Duration::ZERO
        }
        fn to_f64(&self, value: &Duration) -> f64 {
            value.as_nanos() as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            self.0.formatter()
        }
    }

    pub fn render_cpu(c: &mut criterion::Criterion<CpuTime>) {
        super::render(c, "render-cpu");
    }
}

criterion_group!(benches, render_wall);
#[cfg(target_os = "linux")]
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(cpu::CpuTime(criterion::measurement::WallTime));
    targets = cpu::render_cpu
}
#[cfg(target_os = "linux")]
criterion_main!(benches, cpu_benches);
#[cfg(not(target_os = "linux"))]
criterion_main!(benches);
