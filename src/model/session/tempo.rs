//! Where a paced set stands (which rep, and which cue of the tempo), and when
//! the exercise's cue shown during work gives way to the next.

use std::time::{Duration, Instant};

use super::{Session, Status};
use crate::model::exercise::{TempoPhase, tempo_length, until_next_cue};

impl Session {
    /// When the cue shown during the current work phase changes, for an
    /// exercise with `cues` of them (see [`crate::model::exercise::cue_at`]).
    /// `None` unless work is running and there are two cues or more: a paused
    /// session sleeps.
    pub fn next_cue_change(&self, now: Instant, cues: usize) -> Option<Instant> {
        if self.status != Status::Running || !self.current().is_some_and(|p| p.is_work()) {
            return None;
        }
        until_next_cue(cues, self.elapsed(now)).map(|d| now + d)
    }
}

/// Which rep (1-based) and which cue of the tempo an elapsed time falls in.
pub fn tempo_position(tempo: &[TempoPhase], count: u32, elapsed: Duration) -> (u32, usize) {
    let len = tempo_length(tempo);
    if len.is_zero() || tempo.is_empty() || count == 0 {
        return (1, 0);
    }
    let done = (elapsed.as_nanos() / len.as_nanos()) as u32;
    if done >= count {
        return (count, tempo.len() - 1);
    }
    let mut within = Duration::from_nanos((elapsed.as_nanos() % len.as_nanos()) as u64);
    for (i, p) in tempo.iter().enumerate() {
        if within < p.duration {
            return (done + 1, i);
        }
        within -= p.duration;
    }
    (done + 1, tempo.len() - 1)
}
