//! A routine turned into a timeline: the ordered phases a session walks through.

use std::time::Duration;

use super::exercise::{Dose, TempoPhase, tempo_length};
use super::routine::ResolvedStep;
use super::settings::TimerSettings;

/// Left or right: one type for the plan and the log.
pub use super::event::Side;

/// What the user does in a work phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    /// Hold for this long, counted down.
    Hold(Duration),
    /// Reps paced by the tempo: the engine calls each phase of each rep.
    PacedReps { count: u32, tempo: Vec<TempoPhase> },
    /// Reps at the user's own pace; the user says when they are done.
    SelfPacedReps { count: u32 },
    /// Count up until the user stops: the target is something to aim for (the
    /// best at this level and a step more, or the first target), the best is
    /// the longest such hold so far at this level, if any.
    OpenHold {
        target: Option<Duration>,
        best: Option<Duration>,
    },
}

impl Work {
    pub fn from_dose(dose: &Dose) -> Work {
        match dose {
            Dose::Hold(d) => Work::Hold(*d),
            Dose::Reps { count, tempo } if tempo.is_empty() => {
                Work::SelfPacedReps { count: *count }
            }
            Dose::Reps { count, tempo } => Work::PacedReps {
                count: *count,
                tempo: tempo.clone(),
            },
            Dose::OpenHold { target } => Work::OpenHold {
                target: *target,
                best: None,
            },
        }
    }

    /// The fixed length of the phase, if the clock ends it by itself.
    pub fn fixed_length(&self) -> Option<Duration> {
        match self {
            Work::Hold(d) => Some(*d),
            Work::PacedReps { count, tempo } => Some(tempo_length(tempo) * *count),
            Work::SelfPacedReps { .. } | Work::OpenHold { .. } => None,
        }
    }

    /// The length assumed for estimates (the user ends open holds and self-paced reps).
    pub fn estimated_length(&self) -> Duration {
        match self {
            Work::SelfPacedReps { count } => Duration::from_secs(3) * *count,
            Work::OpenHold { target, .. } => target.unwrap_or(Duration::from_secs(30)),
            other => other.fixed_length().unwrap_or_default(),
        }
    }

    /// "hold", "reps" or "open", as the log names the kind of dose.
    pub fn dose_name(&self) -> &'static str {
        match self {
            Work::Hold(_) => "hold",
            Work::PacedReps { .. } | Work::SelfPacedReps { .. } => "reps",
            Work::OpenHold { .. } => "open",
        }
    }

    pub fn planned_reps(&self) -> Option<u32> {
        match self {
            Work::PacedReps { count, .. } | Work::SelfPacedReps { count } => Some(*count),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhaseKind {
    /// The lead-in before the first exercise.
    GetReady,
    Work(Work),
    /// The gap between the left and the right side.
    SwitchSides,
    /// Between sets, or between exercises.
    Rest,
}

/// One phase of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    /// The step this phase belongs to (for rests: the step just done; for the lead-in: the first).
    pub step: usize,
    /// 1-based set number and the step's number of sets.
    pub set: u32,
    pub sets: u32,
    pub side: Option<Side>,
}

impl Phase {
    pub fn is_work(&self) -> bool {
        matches!(self.kind, PhaseKind::Work(_))
    }

    pub fn work(&self) -> Option<&Work> {
        match &self.kind {
            PhaseKind::Work(w) => Some(w),
            _ => None,
        }
    }

    /// The length the clock gives this phase, if it ends by itself.
    pub fn fixed_length(&self, timer: &TimerSettings, rest: Duration) -> Option<Duration> {
        match &self.kind {
            PhaseKind::GetReady => Some(timer.lead_in),
            PhaseKind::SwitchSides => Some(timer.switch_gap),
            PhaseKind::Rest => Some(rest),
            PhaseKind::Work(w) => w.fixed_length(),
        }
    }
}

/// The whole timeline of a routine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub steps: Vec<ResolvedStep>,
    pub phases: Vec<Phase>,
    /// The planned (or, for open phases, estimated) length of each phase.
    pub lengths: Vec<Duration>,
}

impl Plan {
    /// Expands resolved steps into phases: the lead-in; for each step, each set, each
    /// side: the work, a switch gap between sides, a rest between sets; a rest between
    /// exercises (none after the last). Zero-length gaps and rests are left out.
    pub fn build(steps: &[ResolvedStep], timer: &TimerSettings) -> Plan {
        let mut phases = Vec::new();
        let mut lengths = Vec::new();
        let mut push = |phase: Phase, length: Duration| {
            phases.push(phase);
            lengths.push(length);
        };
        if !steps.is_empty() && !timer.lead_in.is_zero() {
            let first = &steps[0];
            push(
                Phase {
                    kind: PhaseKind::GetReady,
                    step: 0,
                    set: 1,
                    sets: first.sets,
                    side: first.per_side.then_some(Side::Left),
                },
                timer.lead_in,
            );
        }
        for (i, step) in steps.iter().enumerate() {
            let rest = step.rest.unwrap_or(timer.rest);
            let work = match Work::from_dose(&step.dose) {
                Work::OpenHold { target, .. } => Work::OpenHold {
                    target,
                    best: step.best,
                },
                other => other,
            };
            let sides: &[Option<Side>] = if step.per_side {
                &[Some(Side::Left), Some(Side::Right)]
            } else {
                &[None]
            };
            for set in 1..=step.sets {
                for (k, side) in sides.iter().enumerate() {
                    if k > 0 && !timer.switch_gap.is_zero() {
                        push(
                            Phase {
                                kind: PhaseKind::SwitchSides,
                                step: i,
                                set,
                                sets: step.sets,
                                side: *side,
                            },
                            timer.switch_gap,
                        );
                    }
                    push(
                        Phase {
                            kind: PhaseKind::Work(work.clone()),
                            step: i,
                            set,
                            sets: step.sets,
                            side: *side,
                        },
                        work.estimated_length(),
                    );
                }
                let last_set = set == step.sets;
                let last_step = i + 1 == steps.len();
                if !(rest.is_zero() || last_set && last_step) {
                    push(
                        Phase {
                            kind: PhaseKind::Rest,
                            step: i,
                            set,
                            sets: step.sets,
                            side: None,
                        },
                        rest,
                    );
                }
            }
        }
        Plan {
            steps: steps.to_vec(),
            phases,
            lengths,
        }
    }

    /// The planned length of the whole session (open phases at their estimate).
    pub fn total(&self) -> Duration {
        self.lengths.iter().sum()
    }

    /// The planned start of each phase, from the start of the session.
    pub fn offset_of(&self, index: usize) -> Duration {
        self.lengths[..index.min(self.lengths.len())].iter().sum()
    }

    /// The planned length still ahead after phase `index` (not counting it).
    pub fn remaining_after(&self, index: usize) -> Duration {
        self.lengths
            .get(index + 1..)
            .map_or(Duration::ZERO, |l| l.iter().sum())
    }

    /// The rest length that applies to a phase of step `step`.
    pub fn rest_of(&self, step: usize, timer: &TimerSettings) -> Duration {
        self.steps
            .get(step)
            .and_then(|s| s.rest)
            .unwrap_or(timer.rest)
    }

    /// The index of the next work phase strictly after `index`.
    pub fn next_work(&self, index: usize) -> Option<usize> {
        (index + 1..self.phases.len()).find(|&i| self.phases[i].is_work())
    }

    /// The index of the last work phase strictly before `index`.
    pub fn previous_work(&self, index: usize) -> Option<usize> {
        (0..index.min(self.phases.len()))
            .rev()
            .find(|&i| self.phases[i].is_work())
    }

    /// The first phase after every phase of `step` (the next step's first phase, or the end).
    pub fn after_step(&self, step: usize) -> usize {
        self.phases
            .iter()
            .position(|p| p.step > step && !matches!(p.kind, PhaseKind::GetReady))
            .unwrap_or(self.phases.len())
    }

    /// Indices of every work phase.
    pub fn work_phases(&self) -> impl Iterator<Item = usize> + '_ {
        self.phases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_work())
            .map(|(i, _)| i)
    }
}
