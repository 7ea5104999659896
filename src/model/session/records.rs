//! The record of each work phase as it ends: done at its deadline, done or
//! skipped by the user's word, or stopped because it hurt.

use std::time::{Duration, Instant};

use super::{Event, Session, Status};
use crate::model::event::DoseKind;
use crate::model::plan::{Phase, Work};
use crate::model::record::SetRecord;

impl Session {
    /// The record of work phase `index` as it ends: done, skipped or hurt, after
    /// `active` of work and `reps` reps.
    pub(super) fn record_for(
        &self,
        index: usize,
        active: Duration,
        skipped: bool,
        hurt: bool,
        reps: Option<u32>,
    ) -> SetRecord {
        let phase = &self.plan.phases[index];
        let step = &self.plan.steps[phase.step];
        let work = phase.work().cloned().unwrap_or(Work::Hold(Duration::ZERO));
        let (dose, planned) = match &work {
            Work::Hold(d) => (DoseKind::Hold, Some(*d)),
            Work::OpenHold { target, .. } => (DoseKind::Open, *target),
            Work::PacedReps { .. } | Work::SelfPacedReps { .. } => (DoseKind::Reps, None),
        };
        SetRecord {
            index: index as u32,
            exercise: step.exercise_id.as_str().into(),
            exercise_name: step.exercise_name.as_str().into(),
            level: step.level as u32,
            set: phase.set,
            sets: phase.sets,
            side: phase.side,
            dose,
            planned,
            achieved: Some(active),
            planned_reps: work.planned_reps(),
            achieved_reps: reps,
            skipped,
            hurt,
        }
    }

    /// The current phase reached its deadline at `at`.
    pub(super) fn complete_phase(&mut self) {
        if self.current().is_some_and(Phase::is_work) {
            let active = self.length().unwrap_or_default();
            let reps = self
                .current()
                .and_then(|p| p.work())
                .and_then(Work::planned_reps);
            let r = self.record_for(self.index, active, false, false, reps);
            self.push_record(r);
        }
    }

    /// The current phase ends at `now` by the user's word.
    pub(super) fn end_phase(&mut self, now: Instant, skipped: bool, hurt: bool) {
        let Some(phase) = self.current() else { return };
        if !phase.is_work() || self.status == Status::Waiting {
            return;
        }
        let elapsed = self.elapsed(now);
        let reps = match phase.work() {
            Some(Work::PacedReps { count, tempo }) => {
                let len = crate::model::exercise::tempo_length(tempo);
                let done = if len.is_zero() {
                    0
                } else {
                    (elapsed.as_nanos() / len.as_nanos()) as u32
                };
                Some(done.min(*count))
            }
            Some(Work::SelfPacedReps { count }) => Some(if skipped { 0 } else { *count }),
            _ => None,
        };
        let r = self.record_for(self.index, elapsed, skipped, hurt, reps);
        self.push_record(r);
    }

    pub(super) fn push_record(&mut self, r: SetRecord) {
        self.records.retain(|x| x.index != r.index);
        self.events.push(Event::WorkEnded(r.clone()));
        self.records.push(r);
    }
}
