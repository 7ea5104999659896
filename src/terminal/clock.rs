//! The current moment, read from the real clocks: the only clock read of the
//! app (the runner, the plain loop and the file effects all call it; the app and
//! everything below it are given `now`).

use std::time::Instant;

use chrono::Local;

use crate::app::Now;

/// The monotonic instant and the local wall time, read together.
pub fn now() -> Now {
    Now {
        mono: Instant::now(),
        wall: Local::now().fixed_offset(),
    }
}
