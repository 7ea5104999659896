//! What the session announces as time passes: the tempo cues of paced reps,
//! the last seconds counted down, and an open hold passing its best or reaching
//! its target (each once, at its instant).

use std::time::{Duration, Instant};

use super::{COUNTDOWN_SECS, Event, Session, tempo_position};
use crate::model::plan::{PhaseKind, Work};

impl Session {
    /// Emits tempo cues and the last-seconds countdown for the current moment.
    pub(super) fn announce(&mut self, now: Instant) {
        let Some(phase) = self.current() else { return };
        let elapsed = self.elapsed(now);
        let mut cue_event = None;
        if let PhaseKind::Work(Work::PacedReps { count, tempo }) = &phase.kind {
            let (rep, cue) = tempo_position(tempo, *count, elapsed);
            if self.last_cue != Some((rep, cue)) {
                cue_event = Some((rep, cue, tempo[cue].cue.clone()));
            }
        }
        let counted = matches!(
            phase.kind,
            PhaseKind::Work(Work::Hold(_))
                | PhaseKind::GetReady
                | PhaseKind::Rest
                | PhaseKind::SwitchSides
        );
        let countdown = match (counted, self.length()) {
            (true, Some(length)) => {
                let remaining = length.saturating_sub(elapsed);
                let secs = remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0);
                (1..=COUNTDOWN_SECS).contains(&secs).then_some(secs)
            }
            _ => None,
        };
        if let Some((rep, cue, text)) = cue_event {
            self.last_cue = Some((rep, cue));
            self.events.push(Event::TempoCue {
                rep,
                cue: text,
                part: cue,
            });
        }
        if let Some(secs) = countdown
            && self.last_countdown != Some(secs)
        {
            self.last_countdown = Some(secs);
            self.events.push(Event::Countdown { secs_left: secs });
        }
        self.announce_open(elapsed);
    }

    /// An open hold passing its best, and reaching its target: each once.
    fn announce_open(&mut self, elapsed: Duration) {
        let Some(PhaseKind::Work(Work::OpenHold { target, best })) =
            self.current().map(|p| &p.kind)
        else {
            return;
        };
        let (target, best) = (*target, *best);
        if let Some(best) = best
            && !self.passed_best
            && elapsed > best
        {
            self.passed_best = true;
            self.events.push(Event::PassedBest { best });
        }
        if let Some(target) = target
            && !self.reached_target
            && elapsed >= target
        {
            self.reached_target = true;
            self.events.push(Event::ReachedTarget { target });
        }
    }

    /// The next instant an open hold passes its best or reaches its target, if
    /// still ahead: the screen says so at that moment.
    pub(super) fn open_milestone(&self) -> Option<Instant> {
        let Some(PhaseKind::Work(Work::OpenHold { target, best })) =
            self.current().map(|p| &p.kind)
        else {
            return None;
        };
        let start = self.clock.started + self.clock.paused;
        // Just past the best: a hold equal to it is no new best.
        let best = best
            .filter(|_| !self.passed_best)
            .map(|b| start + b + Duration::from_millis(1));
        let target = target.filter(|_| !self.reached_target).map(|t| start + t);
        match (best, target) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}
