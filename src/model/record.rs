//! One set as it ended: the one type for a finished set. The running session
//! makes it ([`super::session::Session::records`]); the log keeps it in a `step`
//! event ([`super::event::StepEvent`]); the history reads it back from there.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::duration::format_clock_secs;

/// A hold is taken as held when it falls short of its plan by less than this
/// (timers stop a few milliseconds either side of a deadline).
pub const HOLD_TOLERANCE: Duration = Duration::from_millis(250);

/// The longest time a set can be logged with: anything longer is out of range.
pub const MAX_SET_TIME: Duration = Duration::from_secs(24 * 3600);

/// An id or name repeated on many lines (session ids, exercise ids and names):
/// shared, so reading a long log does not allocate it again for every line.
pub type Name = Arc<str>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// As the session screen says it.
    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "Left side",
            Side::Right => "Right side",
        }
    }
}

/// How a set was dosed: a timed hold, repetitions, or a hold for as long as possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoseKind {
    Hold,
    Reps,
    Open,
}

impl DoseKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DoseKind::Hold => "hold",
            DoseKind::Reps => "reps",
            DoseKind::Open => "open",
        }
    }
}

/// One work phase (one set, or one side of a set) that ended: done, skipped, or
/// stopped because it hurt; what was planned and what was achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetRecord {
    /// The work phase's index in the session plan (0-based). A phase done again
    /// (after "back") is logged again with the same index; the last one counts.
    pub index: u32,
    /// The exercise's id.
    pub exercise: Name,
    pub exercise_name: Name,
    /// 1-based level number.
    pub level: u32,
    /// 1-based set number, and how many sets the step has.
    pub set: u32,
    pub sets: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    pub dose: DoseKind,
    /// A hold's time, an open hold's target (none for reps).
    #[serde(
        rename = "planned_secs",
        skip_serializing_if = "Option::is_none",
        serialize_with = "secs_opt"
    )]
    pub planned: Option<Duration>,
    /// Time spent in the phase, not counting pauses.
    #[serde(
        rename = "achieved_secs",
        skip_serializing_if = "Option::is_none",
        serialize_with = "secs_opt"
    )]
    pub achieved: Option<Duration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_reps: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved_reps: Option<u32>,
    pub skipped: bool,
    pub hurt: bool,
}

impl SetRecord {
    /// Done: neither skipped nor stopped because it hurt.
    pub fn done(&self) -> bool {
        !self.skipped && !self.hurt
    }

    /// Done, and as much as planned: reps reached, hold held to its time (or an
    /// open hold to its target). A missing achieved value is not held against it.
    pub fn met(&self) -> bool {
        if !self.done() {
            return false;
        }
        let reps_ok = match (self.planned_reps, self.achieved_reps) {
            (Some(p), Some(a)) => a >= p,
            _ => true,
        };
        let time_ok = match (self.planned, self.achieved) {
            (Some(p), Some(a)) => a + HOLD_TOLERANCE >= p,
            _ => true,
        };
        reps_ok && time_ok
    }

    /// Seconds achieved, as the figures count them.
    pub fn achieved_secs(&self) -> Option<f64> {
        self.achieved.map(|d| d.as_secs_f64())
    }

    /// What was achieved against the plan, for the end screen and History:
    /// "0:31 of 0:30", "8 of 10 reps", "0:52, target 0:50" (an open hold),
    /// "skipped", "0:12 of 0:30, stopped: it hurt".
    pub fn describe(&self) -> String {
        let what = match self.dose {
            DoseKind::Reps => match (self.achieved_reps, self.planned_reps) {
                (Some(a), Some(p)) => format!("{a} of {p} reps"),
                (Some(n), None) | (None, Some(n)) => format!("{n} reps"),
                (None, None) => "reps".to_string(),
            },
            DoseKind::Open => match (self.achieved, self.planned) {
                (Some(a), Some(p)) => format!("{}, target {}", clock(a), clock(p)),
                (Some(s), None) | (None, Some(s)) => clock(s),
                (None, None) => "hold".to_string(),
            },
            DoseKind::Hold => match (self.achieved, self.planned) {
                (Some(a), Some(p)) => format!("{} of {}", clock(a), clock(p)),
                (Some(s), None) | (None, Some(s)) => clock(s),
                (None, None) => "hold".to_string(),
            },
        };
        match (self.skipped, self.hurt) {
            (_, true) => format!("{what}, stopped: it hurt"),
            (true, false) => "skipped".to_string(),
            (false, false) => what,
        }
    }
}

/// A duration as the clock shows it, to the nearest second: the one rounding
/// rule for every time a set achieved, on every screen and in every export.
pub fn clock(d: Duration) -> String {
    format_clock_secs((d.as_secs_f64()).round() as u64)
}

/// Two durations as the clock shows them, told apart: to the tenth of a second
/// when they would read the same to the second ("0:03.4" and "0:03.0").
pub fn clocks_apart(a: Duration, b: Duration) -> (String, String) {
    let (ca, cb) = (clock(a), clock(b));
    if ca != cb || a == b {
        return (ca, cb);
    }
    let tenths = |d: Duration| {
        let t = (d.as_secs_f64() * 10.0).round() as u64;
        format!("{}.{}", format_clock_secs(t / 10), t % 10)
    };
    (tenths(a), tenths(b))
}

/// Seconds as the log writes them: to the millisecond, so a value read back is the
/// value written.
pub fn to_log_secs(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

/// Seconds read from the log as a duration, to the millisecond; `None` when they
/// are not a finite number from 0 to [`MAX_SET_TIME`].
pub fn from_log_secs(secs: f64) -> Option<Duration> {
    if !secs.is_finite() || secs < 0.0 || secs > MAX_SET_TIME.as_secs_f64() {
        return None;
    }
    Some(Duration::from_millis((secs * 1000.0).round() as u64))
}

fn secs_opt<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&to_log_secs(*d)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_hold_is_told_against_its_target_and_a_hold_against_its_time() {
        let mut set = SetRecord {
            index: 1,
            exercise: "plank".into(),
            exercise_name: "Plank".into(),
            level: 2,
            set: 1,
            sets: 1,
            side: None,
            dose: DoseKind::Open,
            planned: Some(Duration::from_secs(50)),
            achieved: Some(Duration::from_millis(52_300)),
            planned_reps: None,
            achieved_reps: None,
            skipped: false,
            hurt: false,
        };
        assert_eq!(set.describe(), "0:52, target 0:50");
        set.dose = DoseKind::Hold;
        assert_eq!(set.describe(), "0:52 of 0:50");
    }

    #[test]
    fn two_times_that_read_the_same_are_told_apart_in_tenths() {
        let ms = Duration::from_millis;
        assert_eq!(
            clocks_apart(ms(52_400), ms(47_000)),
            ("0:52".into(), "0:47".into())
        );
        assert_eq!(
            clocks_apart(ms(3_400), ms(3_040)),
            ("0:03.4".into(), "0:03.0".into())
        );
        assert_eq!(
            clocks_apart(ms(61_450), ms(60_960)),
            ("1:01.5".into(), "1:01.0".into())
        );
        assert_eq!(
            clocks_apart(ms(5_000), ms(5_000)),
            ("0:05".into(), "0:05".into())
        );
    }

    #[test]
    fn log_seconds_round_trip_to_the_millisecond_and_refuse_the_absurd() {
        for ms in (0..200_000u64).step_by(97) {
            let d = Duration::from_millis(ms);
            assert_eq!(from_log_secs(to_log_secs(d)), Some(d));
        }
        assert_eq!(from_log_secs(f64::NAN), None);
        assert_eq!(from_log_secs(-1.0), None);
        assert_eq!(from_log_secs(1e300), None);
        assert_eq!(from_log_secs(90.2864), Some(Duration::from_millis(90_286)));
    }

    #[test]
    fn one_rounding_rule_for_achieved_times() {
        assert_eq!(clock(Duration::from_millis(6_499)), "0:06");
        assert_eq!(clock(Duration::from_millis(6_500)), "0:07");
        assert_eq!(clock(Duration::from_millis(59_600)), "1:00");
    }
}
