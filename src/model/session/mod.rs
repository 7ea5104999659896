//! The running session: a state machine over a plan. Every method takes `now`, a
//! monotonic instant; the remaining time of a phase is always `deadline - now`.
//! Nothing here reads the clock or counts ticks.

mod announce;
mod commands;
mod records;
mod tempo;

use std::time::{Duration, Instant};

use super::plan::{Phase, PhaseKind, Plan, Work};
use super::record::SetRecord;
use super::settings::TimerSettings;

pub use tempo::tempo_position;

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
    WorkEnded(SetRecord),
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
    /// An open hold just passed the best at its level (once per hold).
    PassedBest {
        best: Duration,
    },
    /// An open hold just reached its target (once per hold).
    ReachedTarget {
        target: Duration,
    },
    /// The machine seems to have slept; the session paused itself.
    SuspendDetected {
        gap: Duration,
    },
    Completed,
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
    /// This open hold passed its best, reached its target (announced once each).
    passed_best: bool,
    reached_target: bool,
    records: Vec<SetRecord>,
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
            passed_best: false,
            reached_target: false,
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
    pub fn records(&self) -> &[SetRecord] {
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
        let done: Duration = self.records.iter().filter_map(|r| r.achieved).sum();
        let in_progress = matches!(self.status, Status::Running | Status::Paused)
            && self.current().is_some_and(Phase::is_work)
            && !self.records.iter().any(|r| r.index as usize == self.index);
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

    /// When the screen next changes by itself: the next second of the shown time
    /// (a whole second left of a countdown, a half second of time counted up), a
    /// tempo cue, or the deadline. `None` when nothing changes until input.
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
                // Time counted up is shown to the nearest second, as every
                // record shows it: it changes at each half second.
                let shifted = elapsed + second / 2;
                let frac = Duration::from_nanos((shifted.as_nanos() % second.as_nanos()) as u64);
                now + (second - frac)
            }
        };
        if let Some(d) = self.deadline() {
            wake = wake.min(d.max(now));
        }
        if let Some(m) = self.open_milestone() {
            wake = wake.min(m.max(now));
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
        self.passed_best = false;
        self.reached_target = false;
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
