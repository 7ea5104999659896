//! What several test files share: a fixed clock, and drawing the app into a
//! `TestBackend`. The render benchmark includes this file too.

use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use upright::app::{App, Now};
use upright::ui::{MIN_HEIGHT, MIN_WIDTH};

/// A fixed moment: the wall clock at the given local time and UTC offset (in
/// hours), with the monotonic clock at the moment of the call.
pub fn fixed_now(offset_hours: i32, (y, mo, d): (i32, u32, u32), (h, mi): (u32, u32)) -> Now {
    let wall = FixedOffset::east_opt(offset_hours * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(y, mo, d, h, mi, 0).single())
        .expect("valid time");
    Now {
        mono: Instant::now(),
        wall,
    }
}

/// The usual test moment: Monday 23 November 2026, 08:30 at UTC+1.
pub fn monday_morning() -> Now {
    fixed_now(1, (2026, 11, 23), (8, 30))
}

/// `ms` milliseconds after `base`, on both clocks.
pub fn later(base: Now, ms: u64) -> Now {
    Now {
        mono: base.mono + Duration::from_millis(ms),
        wall: base.wall + chrono::Duration::milliseconds(ms as i64),
    }
}

/// The app drawn at `w`x`h`, as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(app, f.area())).expect("draw");
    t.backend().to_string()
}

/// Sizes where layouts change: nothing at all, one cell, either side of the
/// smallest size drawn, the sizes the snapshots use, and far larger.
pub const EDGE_SIZES: [(u16, u16); 14] = [
    (0, 0),
    (1, 1),
    (0, 24),
    (80, 0),
    (MIN_WIDTH - 1, MIN_HEIGHT),
    (MIN_WIDTH, MIN_HEIGHT - 1),
    (MIN_WIDTH, MIN_HEIGHT),
    (MIN_WIDTH + 1, MIN_HEIGHT + 1),
    (MIN_WIDTH, 60),
    (200, MIN_HEIGHT),
    (80, 24),
    (120, 40),
    (200, 60),
    (400, 150),
];

/// Draws the app at `w`x`h` and checks what a user would see: the title bar (or
/// a dialog drawn over it) at a size the app draws, else the request for a
/// larger terminal.
pub fn assert_renders(app: &App, w: u16, h: u16) {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    app.render(buf.area, &mut buf);
    if w == 0 || h == 0 {
        return;
    }
    let first: String = (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    if w >= MIN_WIDTH && h >= MIN_HEIGHT {
        assert!(
            first.starts_with(" upright") || first.contains('┌'),
            "{w}x{h}: {first:?}"
        );
    } else {
        assert!(first.starts_with('M'), "{w}x{h}: {first:?}");
    }
}

/// Calls `read` over and over while any of `children` (processes appending to
/// a log) runs, then checks that each of them succeeded. The reads are 5 ms
/// apart, so back-to-back shared locks do not starve the appenders; there is
/// at least one.
pub fn read_while_appending(mut children: Vec<std::process::Child>, mut read: impl FnMut()) {
    let mut reads = 0;
    while children
        .iter_mut()
        .any(|c| matches!(c.try_wait(), Ok(None)))
    {
        read();
        reads += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(reads > 0);
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "an appender failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
