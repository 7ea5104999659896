//! What the user asks of a running session: pause, resume, next, previous,
//! restart, done, more or less time, "this hurt", and ending it early.

use std::time::{Duration, Instant};

use super::{ADJUST_STEP, Command, Event, Session, Status};
use crate::model::plan::{PhaseKind, Work};

impl Session {
    /// Applies a user command at `now`.
    pub fn apply(&mut self, command: Command, now: Instant) {
        if self.is_over() {
            return;
        }
        // Catch up first, so the command acts on the phase the user sees.
        if self.status == Status::Running {
            self.tick(now);
            if self.is_over() {
                return;
            }
        }
        match command {
            Command::Pause => self.pause(now),
            Command::Resume => self.resume(now),
            Command::TogglePause => match self.status {
                Status::Paused => self.resume(now),
                _ => self.pause(now),
            },
            Command::Next => {
                self.settle_pause(now);
                self.end_phase(now, true, false);
                self.enter(self.index + 1, now);
            }
            Command::Previous => {
                self.settle_pause(now);
                let target = self.plan.previous_work(self.index).unwrap_or(self.index);
                // Leaving a work phase unfinished to redo an earlier one: no record for it.
                self.records.retain(|r| (r.index as usize) < target);
                self.enter(target, now);
            }
            Command::Restart => {
                self.settle_pause(now);
                self.records.retain(|r| r.index as usize != self.index);
                self.enter(self.index, now);
            }
            Command::Done => self.done(now),
            Command::Adjust(more) => self.adjust(more, now),
            Command::Hurt => self.hurt(now),
        }
        self.last_seen = self.last_seen.max(now);
    }

    /// "Done": ends an open hold or self-paced reps, or goes on from a phase that
    /// waits for the user.
    fn done(&mut self, now: Instant) {
        self.settle_pause(now);
        if self.status == Status::Waiting {
            self.enter(self.index + 1, now);
            return;
        }
        let open = matches!(
            self.current().map(|p| &p.kind),
            Some(PhaseKind::Work(
                Work::OpenHold { .. } | Work::SelfPacedReps { .. }
            ))
        );
        if open {
            self.end_phase(now, false, false);
            self.enter(self.index + 1, now);
        }
    }

    /// Five seconds more (or less) on a phase the clock ends; never less than what
    /// has already passed (then the phase ends now).
    fn adjust(&mut self, more: bool, now: Instant) {
        let timed = self.length().is_some()
            && matches!(
                self.current().map(|p| &p.kind),
                Some(
                    PhaseKind::Work(Work::Hold(_))
                        | PhaseKind::Rest
                        | PhaseKind::GetReady
                        | PhaseKind::SwitchSides
                )
            );
        if !timed || self.status == Status::Waiting {
            return;
        }
        let step = ADJUST_STEP.as_nanos() as i128;
        self.clock.adjust_ns += if more { step } else { -step };
        let elapsed = self.elapsed(now);
        if let Some(length) = self.length()
            && length < elapsed
        {
            self.clock.adjust_ns += (elapsed - length).as_nanos() as i128;
        }
        if self.status == Status::Running {
            self.tick(now);
        }
    }

    /// "This hurt": the set in progress (or, between sets, the one just done) is
    /// marked, the rest of the exercise's sets are skipped, and a breather follows.
    fn hurt(&mut self, now: Instant) {
        self.settle_pause(now);
        let Some(phase) = self.current().cloned() else {
            return;
        };
        let step = phase.step;
        if phase.is_work() {
            self.end_phase(now, true, true);
        } else if let Some(last) = self
            .records
            .iter_mut()
            .rev()
            .find(|r| self.plan.phases[r.index as usize].step == step)
        {
            // Between sets: the hurt belongs to the work just done.
            last.hurt = true;
            self.events.push(Event::WorkEnded(last.clone()));
        }
        let after = self.plan.after_step(step);
        // The rest of this exercise's work is skipped.
        for i in self.index + 1..after {
            if self.plan.phases[i].is_work() {
                let r = self.record_for(i, Duration::ZERO, true, false, Some(0));
                self.events.push(Event::WorkEnded(r.clone()));
                self.records.push(r);
            }
        }
        self.breather(step, after, now);
    }

    /// After "this hurt": a breather before the next exercise. The rest that ends
    /// the exercise runs (or, if the user is in it, goes on); without one, the next
    /// exercise starts paused, to begin when the user is ready.
    pub(super) fn breather(&mut self, step: usize, after: usize, now: Instant) {
        let rest = after.checked_sub(1).filter(|&i| {
            let p = &self.plan.phases[i];
            i >= self.index && p.step == step && matches!(p.kind, PhaseKind::Rest)
        });
        match rest {
            Some(i) if i == self.index => {}
            Some(i) => self.enter(i, now),
            None => {
                self.enter(after, now);
                self.pause(now);
            }
        }
    }

    /// Ends the session early (the user quit). Records the current work as skipped.
    pub fn end_early(&mut self, now: Instant) {
        if self.is_over() {
            return;
        }
        self.settle_pause(now);
        if self.status == Status::Running {
            self.advance(now);
        }
        if self.is_over() {
            return;
        }
        if self.status != Status::Waiting {
            self.end_phase(now, true, false);
        }
        self.finish(now, Status::Ended);
    }

    pub(super) fn pause(&mut self, now: Instant) {
        if self.status == Status::Running {
            self.paused_at = Some(now);
            self.status = Status::Paused;
        }
    }

    pub(super) fn resume(&mut self, now: Instant) {
        if self.status == Status::Paused {
            let at = self.paused_at.take().unwrap_or(now);
            let d = now.saturating_duration_since(at);
            self.clock.paused += d;
            self.paused_total += d;
            self.status = Status::Running;
            self.auto_paused = false;
            self.last_seen = now;
        }
    }

    /// Folds a pause in progress into the clocks, so a command can move on at `now`.
    pub(super) fn settle_pause(&mut self, now: Instant) {
        if self.status == Status::Paused {
            self.resume(now);
        }
    }
}
