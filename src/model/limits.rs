//! The bounds of the library: how long a hold or rest may be, how many sets, reps,
//! steps and levels. The loader refuses what lies outside them and the editor never
//! lets it in, so a routine saved from the editor is one the loader accepts.

use std::time::Duration;

/// Limits for a duration field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationRange {
    pub min: Duration,
    pub max: Duration,
}

impl DurationRange {
    pub const fn secs(min: u64, max: u64) -> DurationRange {
        DurationRange {
            min: Duration::from_secs(min),
            max: Duration::from_secs(max),
        }
    }
}

/// The bounds the loader enforces, which every edit must respect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_steps: usize,
    pub max_sets: u32,
    pub max_reps: u32,
    /// The highest level number a step may name.
    pub max_level: usize,
    pub hold_min: Duration,
    pub hold_max: Duration,
    pub rest_min: Duration,
    pub rest_max: Duration,
    /// The longest routine name, in characters.
    pub max_name: usize,
}

/// Holds, targets and rests longer than this are surely a mistake.
pub const HOLD_RANGE: DurationRange = DurationRange::secs(1, 30 * 60);
pub const REST_RANGE: DurationRange = DurationRange::secs(0, 30 * 60);
pub const TEMPO_RANGE: DurationRange = DurationRange::secs(1, 60);
pub const MAX_REPS: u32 = 500;
pub const MAX_SETS: u32 = 20;
pub const MAX_STEPS: usize = 200;
/// The highest level number a step may name.
pub const MAX_LEVEL: u32 = 50;
/// The longest routine name, in characters.
pub const MAX_ROUTINE_NAME: usize = 80;
/// The most lines a pose figure may have.
pub const FIGURE_MAX_LINES: usize = 8;
/// The widest a line of a pose figure may be, in columns.
pub const FIGURE_MAX_WIDTH: usize = 40;
/// The longest a routine may take with the default timings (a day): more is
/// surely a mistake, and the loader and the editor refuse it.
pub const MAX_ROUTINE_TIME: Duration = Duration::from_secs(24 * 3600);

/// Whether a routine's own holds, reps and rests (no lead-in, no gaps of
/// the config) take longer than [`MAX_ROUTINE_TIME`]: `Some` with the
/// estimate if they do.
pub fn too_long(steps: &[super::routine::ResolvedStep]) -> Option<Duration> {
    let own = super::settings::TimerSettings {
        lead_in: Duration::ZERO,
        switch_gap: Duration::ZERO,
        rest: Duration::ZERO,
        auto_advance: true,
    };
    let total = super::catalog::estimate(steps, &own);
    (total > MAX_ROUTINE_TIME).then_some(total)
}

/// The same limits, for the routine editor: what it lets through, the loader accepts.
pub const EDIT_LIMITS: Limits = Limits {
    max_steps: MAX_STEPS,
    max_sets: MAX_SETS,
    max_reps: MAX_REPS,
    max_level: MAX_LEVEL as usize,
    hold_min: HOLD_RANGE.min,
    hold_max: HOLD_RANGE.max,
    rest_min: REST_RANGE.min,
    rest_max: REST_RANGE.max,
    max_name: MAX_ROUTINE_NAME,
};
