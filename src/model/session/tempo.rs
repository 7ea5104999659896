//! Where a paced set stands: which rep, and which cue of the tempo.

use std::time::Duration;

use crate::model::exercise::{TempoPhase, tempo_length};

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
