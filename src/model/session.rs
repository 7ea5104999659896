//! The running session: a state machine over a plan. Every method takes `now`, a
//! monotonic instant; the remaining time of a phase is always `deadline - now`.
//! Nothing here reads the clock or counts ticks.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::event::{DoseKind, SCHEMA_VERSION, StepEvent};
use super::plan::{Phase, PhaseKind, Plan, Side, Work};
use super::settings::TimerSettings;

/// How much the +/- keys add to or take from a hold.
pub const ADJUST_STEP: Duration = Duration::from_secs(5);
/// A gap between two observations longer than this means the machine slept.
pub const DEFAULT_SUSPEND_GAP: Duration = Duration::from_secs(10);
/// The last few seconds of every timed phase (get ready, hold, rest, switch
/// sides) are counted down: one [`Event::Countdown`] each.
pub const COUNTDOWN_SECS: u64 = 3;

/// What the user asks of a running session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Pause,
    Resume,
    TogglePause,
    /// Skip to the next phase (the current work counts as skipped).
    Next,
    /// Go back to the start of the previous work phase.
    Previous,
    /// Start the current phase again.
    Restart,
    /// The user is done: ends open holds and self-paced reps; continues a phase
    /// that waits for the user.
    Done,
    /// Add (or with `false`, remove) five seconds to the current countdown.
    Adjust(bool),
    /// "This hurt": record it, skip the rest of this exercise.
    Hurt,
}

/// What happened, for the bell, the screen and the log.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    PhaseStarted {
        index: usize,
    },
    /// A work phase ended (done, skipped or hurt): the record to log.
    WorkEnded(WorkRecord),
    /// A paced rep moved to its next cue (rep is 1-based; `part` is the cue's
    /// 0-based place in the tempo).
    TempoCue {
        rep: u32,
        cue: String,
        part: usize,
    },
    /// One of the last seconds of a timed phase (3, 2, 1): a hold, a rest, the
    /// lead-in or the switch between sides. Paced reps have their tempo cues.
    Countdown {
        secs_left: u64,
    },
    /// A phase ended and, with auto-advance off, the session waits for the user.
    Waiting {
        index: usize,
    },
    /// The machine seems to have slept; the session paused itself.
    SuspendDetected {
        gap: Duration,
    },
    Completed,
}

/// What one work phase planned and what the user achieved.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkRecord {
    pub phase: usize,
    pub step: usize,
    pub exercise_id: String,
    pub exercise_name: String,
    pub level: usize,
    pub set: u32,
    pub sets: u32,
    pub side: Option<Side>,
    pub work: Work,
    /// Planned seconds for holds (target for open holds, none for self-paced reps).
    pub planned_secs: Option<f64>,
    /// Time spent in the phase, not counting pauses.
    pub active: Duration,
    pub planned_reps: Option<u32>,
    pub achieved_reps: Option<u32>,
    pub skipped: bool,
    pub hurt: bool,
}

impl WorkRecord {
    /// The record as the log's step event.
    pub fn to_event(&self, session: &str, at: DateTime<FixedOffset>) -> StepEvent {
        let dose = match self.work {
            Work::Hold(_) => DoseKind::Hold,
            Work::PacedReps { .. } | Work::SelfPacedReps { .. } => DoseKind::Reps,
            Work::OpenHold { .. } => DoseKind::Open,
        };
        let timed = !matches!(dose, DoseKind::Reps);
        StepEvent {
            v: SCHEMA_VERSION,
            session: session.into(),
            at,
            index: self.phase as u32,
            exercise: self.exercise_id.as_str().into(),
            exercise_name: self.exercise_name.as_str().into(),
            level: self.level as u32,
            set: self.set,
            sets: self.sets,
            side: self.side,
            dose,
            planned_secs: if timed { self.planned_secs } else { None },
            achieved_secs: Some(self.achieved_secs()),
            planned_reps: self.planned_reps,
            achieved_reps: self.achieved_reps,
            skipped: self.skipped,
            hurt: self.hurt,
        }
    }

    /// Seconds achieved: for holds and open holds, the time held.
    pub fn achieved_secs(&self) -> f64 {
        self.active.as_secs_f64()
    }

    /// Whether the planned dose was fully met.
    pub fn met(&self) -> bool {
        if self.skipped || self.hurt {
            return false;
        }
        match (&self.work, self.achieved_reps) {
            (Work::PacedReps { count, .. } | Work::SelfPacedReps { count }, Some(n)) => n >= *count,
            (Work::Hold(d), _) => self.active + Duration::from_millis(1) >= *d,
            (Work::OpenHold { target: Some(t) }, _) => self.active >= *t,
            (Work::OpenHold { target: None }, _) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Running,
    Paused,
    /// A phase ended and auto-advance is off: waiting for the user to go on.
    Waiting,
    Complete,
    /// Ended by the user before the end.
    Ended,
}

/// Where the current phase stands on the clock.
#[derive(Debug, Clone, Copy)]
struct Clock {
    /// When the phase started.
    started: Instant,
    /// Pauses inside this phase so far (not counting a pause in progress).
    paused: Duration,
    /// Time added or removed with +/-, in nanoseconds (may be negative).
    adjust_ns: i128,
}

#[derive(Debug, Clone)]
pub struct Session {
    plan: Plan,
    timer: TimerSettings,
    suspend_gap: Duration,
    index: usize,
    clock: Clock,
    status: Status,
    paused_at: Option<Instant>,
    /// Why the session paused itself, if it did.
    auto_paused: bool,
    last_seen: Instant,
    started_at: Instant,
    ended_at: Option<Instant>,
    /// The last tempo position announced: (rep, cue index).
    last_cue: Option<(u32, usize)>,
    last_countdown: Option<u64>,
    records: Vec<WorkRecord>,
    events: Vec<Event>,
    /// Total time spent paused, over the whole session.
    paused_total: Duration,
}

/// Everything the screen needs about the current moment.
#[derive(Debug, Clone, PartialEq)]
pub struct View<'a> {
    pub index: usize,
    pub phase: &'a Phase,
    /// Remaining time of a phase the clock ends; elapsed time of an open one.
    pub remaining: Option<Duration>,
    pub elapsed: Duration,
    /// The phase's full length (with +/- applied), if the clock ends it.
    pub length: Option<Duration>,
    /// For paced reps: the 1-based rep, the count, and the current cue.
    pub rep: Option<(u32, u32, &'a str)>,
    pub status: Status,
    /// The session paused itself after the machine slept.
    pub auto_paused: bool,
}

fn shift(d: Duration, ns: i128) -> Duration {
    let total = (d.as_nanos() as i128 + ns).max(0);
    Duration::from_nanos(u64::try_from(total).unwrap_or(u64::MAX))
}

impl Session {
    /// Starts a session at `now`. An empty plan is complete at once.
    pub fn start(plan: Plan, timer: TimerSettings, now: Instant) -> Session {
        Session::start_at(plan, timer, now, 0)
    }

    /// Starts a session at phase `index` (resuming an interrupted one); the phases
    /// before it are taken as already logged. Past the end, the session is complete.
    pub fn start_at(plan: Plan, timer: TimerSettings, now: Instant, index: usize) -> Session {
        let mut s = Session {
            plan,
            timer,
            suspend_gap: DEFAULT_SUSPEND_GAP,
            index: 0,
            clock: Clock {
                started: now,
                paused: Duration::ZERO,
                adjust_ns: 0,
            },
            status: Status::Running,
            paused_at: None,
            auto_paused: false,
            last_seen: now,
            started_at: now,
            ended_at: None,
            last_cue: None,
            last_countdown: None,
            records: Vec::new(),
            events: Vec::new(),
            paused_total: Duration::ZERO,
        };
        if s.plan.phases.is_empty() {
            s.finish(now, Status::Complete);
        } else {
            s.enter(index, now);
        }
        s
    }

    /// Sets how long a gap between observations must be to count as a suspend.
    pub fn with_suspend_gap(mut self, gap: Duration) -> Session {
        self.suspend_gap = gap;
        self
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }
    pub fn status(&self) -> Status {
        self.status
    }
    pub fn index(&self) -> usize {
        self.index
    }
    pub fn is_over(&self) -> bool {
        matches!(self.status, Status::Complete | Status::Ended)
    }
    pub fn records(&self) -> &[WorkRecord] {
        &self.records
    }
    pub fn current(&self) -> Option<&Phase> {
        self.plan.phases.get(self.index)
    }
    /// The phase after the current one, for "Next:".
    pub fn upcoming(&self) -> Option<&Phase> {
        self.plan.phases.get(self.index + 1)
    }

    /// Takes the events that happened since the last call.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Time spent paused so far.
    pub fn paused_total(&self, now: Instant) -> Duration {
        self.paused_total
            + self
                .paused_at
                .map_or(Duration::ZERO, |p| now.saturating_duration_since(p))
    }

    /// When the session completed or was ended.
    pub fn ended_at(&self) -> Option<Instant> {
        self.ended_at
    }

    /// When the session started.
    pub fn started_at(&self) -> Instant {
        self.started_at
    }

    /// Wall time since the start (until the end, once over).
    pub fn wall(&self, now: Instant) -> Duration {
        self.ended_at
            .unwrap_or(now)
            .saturating_duration_since(self.started_at)
    }

    /// Time spent in work phases, not counting pauses, for the whole session so far.
    pub fn active_work(&self, now: Instant) -> Duration {
        let done: Duration = self.records.iter().map(|r| r.active).sum();
        let in_progress = matches!(self.status, Status::Running | Status::Paused)
            && self.current().is_some_and(Phase::is_work)
            && !self.records.iter().any(|r| r.phase == self.index);
        done + if in_progress {
            self.elapsed(now)
        } else {
            Duration::ZERO
        }
    }

    fn rest_length(&self) -> Duration {
        let step = self.current().map_or(0, |p| p.step);
        self.plan.rest_of(step, &self.timer)
    }

    /// The current phase's length on the clock (with +/-), if the clock ends it.
    fn length(&self) -> Option<Duration> {
        let base = self
            .current()?
            .fixed_length(&self.timer, self.rest_length())?;
        Some(shift(base, self.clock.adjust_ns))
    }

    /// When the current phase ends by itself, if it does and the session is running.
    pub fn deadline(&self) -> Option<Instant> {
        if self.status != Status::Running {
            return None;
        }
        Some(self.clock.started + self.clock.paused + self.length()?)
    }

    /// Time in the current phase, not counting pauses.
    pub fn elapsed(&self, now: Instant) -> Duration {
        let until = match self.status {
            Status::Paused => self.paused_at.unwrap_or(now),
            Status::Waiting | Status::Complete | Status::Ended => {
                return self.length().unwrap_or_default();
            }
            Status::Running => now,
        };
        until
            .saturating_duration_since(self.clock.started)
            .saturating_sub(self.clock.paused)
    }

    /// What to show now.
    pub fn view(&self, now: Instant) -> Option<View<'_>> {
        let phase = self.current()?;
        let elapsed = self.elapsed(now);
        let length = self.length();
        let remaining = length.map(|l| l.saturating_sub(elapsed));
        let rep = match &phase.kind {
            PhaseKind::Work(Work::PacedReps { count, tempo }) => {
                let (rep, cue) = tempo_position(tempo, *count, elapsed);
                Some((rep, *count, tempo[cue].cue.as_str()))
            }
            _ => None,
        };
        Some(View {
            index: self.index,
            phase,
            remaining,
            elapsed,
            length,
            rep,
            status: self.status,
            auto_paused: self.auto_paused,
        })
    }

    /// The planned time left in the whole session (open phases at their estimate).
    pub fn remaining_total(&self, now: Instant) -> Duration {
        if self.is_over() {
            return Duration::ZERO;
        }
        let here = match self.length() {
            Some(l) => l.saturating_sub(self.elapsed(now)),
            None => self.plan.lengths[self.index].saturating_sub(self.elapsed(now)),
        };
        here + self.plan.remaining_after(self.index)
    }

    /// When the screen next changes by itself: the next whole second of the shown
    /// time, a tempo cue, or the deadline. `None` when nothing changes until input.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        if self.status != Status::Running {
            return None;
        }
        let elapsed = self.elapsed(now);
        let second = Duration::from_secs(1);
        let mut wake = match self.length() {
            Some(length) => {
                let remaining = length.saturating_sub(elapsed);
                let frac = Duration::from_nanos((remaining.as_nanos() % second.as_nanos()) as u64);
                now + if frac.is_zero() {
                    second.min(remaining.max(Duration::from_millis(1)))
                } else {
                    frac
                }
            }
            None => {
                let frac = Duration::from_nanos((elapsed.as_nanos() % second.as_nanos()) as u64);
                now + (second - frac)
            }
        };
        if let Some(d) = self.deadline() {
            wake = wake.min(d.max(now));
        }
        Some(wake)
    }

    /// Brings the session up to `now`: ends every phase whose deadline has passed
    /// (each next phase starting at the previous deadline, so nothing drifts), emits
    /// cues and countdowns. A gap since the last observation longer than the suspend
    /// gap pauses the session as of the last observation instead.
    pub fn tick(&mut self, now: Instant) {
        if self.status == Status::Running
            && now.saturating_duration_since(self.last_seen) > self.suspend_gap
        {
            let gap = now.saturating_duration_since(self.last_seen);
            let at = self.last_seen;
            // Bring the session to where it stood at the last observation first.
            self.advance(at);
            if self.status == Status::Running {
                self.paused_at = Some(at);
                self.status = Status::Paused;
                self.auto_paused = true;
                self.events.push(Event::SuspendDetected { gap });
            }
            self.last_seen = now;
            return;
        }
        self.advance(now);
        self.last_seen = self.last_seen.max(now);
    }

    fn advance(&mut self, now: Instant) {
        while self.status == Status::Running {
            let Some(deadline) = self.deadline() else {
                break;
            };
            if deadline > now {
                break;
            }
            if self.timer.auto_advance {
                self.complete_phase();
                self.enter(self.index + 1, deadline);
            } else {
                self.complete_phase();
                self.status = Status::Waiting;
                self.clock.started = deadline;
                self.events.push(Event::Waiting { index: self.index });
            }
        }
        if self.status == Status::Running {
            self.announce(now);
        }
    }

    /// Emits tempo cues and the last-seconds countdown for the current moment.
    fn announce(&mut self, now: Instant) {
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
    }

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
                self.records.retain(|r| r.phase < target);
                self.enter(target, now);
            }
            Command::Restart => {
                self.settle_pause(now);
                self.records.retain(|r| r.phase != self.index);
                self.enter(self.index, now);
            }
            Command::Done => {
                self.settle_pause(now);
                match self.status {
                    Status::Waiting => self.enter(self.index + 1, now),
                    _ => {
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
                }
            }
            Command::Adjust(more) => {
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
                if timed && self.status != Status::Waiting {
                    let step = ADJUST_STEP.as_nanos() as i128;
                    self.clock.adjust_ns += if more { step } else { -step };
                    // Never below what has already passed: then the phase ends now.
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
            }
            Command::Hurt => {
                self.settle_pause(now);
                let Some(phase) = self.current().cloned() else {
                    return;
                };
                let step = phase.step;
                if phase.is_work() {
                    self.end_phase(now, true, true);
                } else if let Some(last) = self.records.iter_mut().rev().find(|r| r.step == step) {
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
        }
        self.last_seen = self.last_seen.max(now);
    }

    /// After "this hurt": a breather before the next exercise. The rest that ends
    /// the exercise runs (or, if the user is in it, goes on); without one, the next
    /// exercise starts paused, to begin when the user is ready.
    fn breather(&mut self, step: usize, after: usize, now: Instant) {
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

    fn pause(&mut self, now: Instant) {
        if self.status == Status::Running {
            self.paused_at = Some(now);
            self.status = Status::Paused;
        }
    }

    fn resume(&mut self, now: Instant) {
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
    fn settle_pause(&mut self, now: Instant) {
        if self.status == Status::Paused {
            self.resume(now);
        }
    }

    fn record_for(
        &self,
        index: usize,
        active: Duration,
        skipped: bool,
        hurt: bool,
        reps: Option<u32>,
    ) -> WorkRecord {
        let phase = &self.plan.phases[index];
        let step = &self.plan.steps[phase.step];
        let work = phase.work().cloned().unwrap_or(Work::Hold(Duration::ZERO));
        let planned_secs = match &work {
            Work::Hold(d) => Some(d.as_secs_f64()),
            Work::PacedReps { .. } => work.fixed_length().map(|d| d.as_secs_f64()),
            Work::OpenHold { target } => target.map(|t| t.as_secs_f64()),
            Work::SelfPacedReps { .. } => None,
        };
        WorkRecord {
            phase: index,
            step: phase.step,
            exercise_id: step.exercise_id.clone(),
            exercise_name: step.exercise_name.clone(),
            level: step.level,
            set: phase.set,
            sets: phase.sets,
            side: phase.side,
            planned_reps: work.planned_reps(),
            achieved_reps: reps,
            work,
            planned_secs,
            active,
            skipped,
            hurt,
        }
    }

    /// The current phase reached its deadline at `at`.
    fn complete_phase(&mut self) {
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
    fn end_phase(&mut self, now: Instant, skipped: bool, hurt: bool) {
        let Some(phase) = self.current() else { return };
        if !phase.is_work() || self.status == Status::Waiting {
            return;
        }
        let elapsed = self.elapsed(now);
        let reps = match phase.work() {
            Some(Work::PacedReps { count, tempo }) => {
                let len = super::exercise::tempo_length(tempo);
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

    fn push_record(&mut self, r: WorkRecord) {
        self.records.retain(|x| x.phase != r.phase);
        self.events.push(Event::WorkEnded(r.clone()));
        self.records.push(r);
    }

    /// Starts phase `index` at `at` (or completes the session past the end).
    fn enter(&mut self, index: usize, at: Instant) {
        if index >= self.plan.phases.len() {
            self.index = self.plan.phases.len().saturating_sub(1);
            self.finish(at, Status::Complete);
            return;
        }
        self.index = index;
        self.clock = Clock {
            started: at,
            paused: Duration::ZERO,
            adjust_ns: 0,
        };
        self.status = Status::Running;
        self.paused_at = None;
        self.last_cue = None;
        self.last_countdown = None;
        self.events.push(Event::PhaseStarted { index });
        self.announce(at);
    }

    fn finish(&mut self, at: Instant, status: Status) {
        if let Some(p) = self.paused_at.take() {
            self.paused_total += at.saturating_duration_since(p);
        }
        self.status = status;
        self.ended_at = Some(at);
        if status == Status::Complete {
            self.events.push(Event::Completed);
        }
    }
}

/// Which rep (1-based) and which cue of the tempo an elapsed time falls in.
pub fn tempo_position(
    tempo: &[super::exercise::TempoPhase],
    count: u32,
    elapsed: Duration,
) -> (u32, usize) {
    let len = super::exercise::tempo_length(tempo);
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
