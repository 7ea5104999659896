//! What to play and what to say, and when: the cue schedule of a session.
//!
//! The engine ([`super::session`]) reports what happened since it was last
//! observed; [`announcement`] turns one batch of its events into at most one
//! sound and one spoken phrase, for the moment the batch was observed. The
//! phrases are milestones only (a phase starts, the last three seconds begin,
//! the session ends), never every second; they are built here from the plan so
//! every way of following a session (sound, speech, a plain line-by-line mode)
//! says the same words: plain mode prints [`line`] for each event and
//! [`time_left_line`] once a phase.

use std::time::Duration;

use super::plan::{Phase, PhaseKind, Plan, Work};
use super::session::{COUNTDOWN_SECS, Event, Session, Status, View};

/// A distinct short sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum Cue {
    /// A work phase starts (a hold, a set of reps, an open hold).
    WorkStart,
    /// A rest or the "Get ready" lead-in starts, or the coach stops to wait
    /// for the user (auto-advance off).
    RestStart,
    /// The gap between the left and the right side starts.
    SwitchSides,
    /// Each of the last three seconds of a timed phase (3, 2, 1).
    Countdown,
    /// The first part of a paced rep ("Lower").
    TempoLow,
    /// A part of a paced rep named as a pause or a hold ("Pause").
    TempoTick,
    /// Every other part of a paced rep ("Press").
    TempoHigh,
    /// An open hold passed the best so far, or reached its target.
    NewBest,
    /// The session is complete: the end chime.
    Complete,
}

impl Cue {
    /// Every cue, in the order `upright sound` plays them.
    pub const ALL: &'static [Cue] = <Cue as strum::VariantArray>::VARIANTS;

    /// A short name, used for the sound files ("work-start.wav").
    pub fn name(self) -> &'static str {
        match self {
            Cue::WorkStart => "work-start",
            Cue::RestStart => "rest-start",
            Cue::SwitchSides => "switch-sides",
            Cue::Countdown => "countdown",
            Cue::TempoLow => "tempo-low",
            Cue::TempoTick => "tempo-tick",
            Cue::TempoHigh => "tempo-high",
            Cue::NewBest => "new-best",
            Cue::Complete => "complete",
        }
    }

    /// When the cue sounds, in words (for `upright sound` and the README).
    pub fn describe(self) -> &'static str {
        match self {
            Cue::WorkStart => "work starts",
            Cue::RestStart => "rest or get ready starts",
            Cue::SwitchSides => "switch sides",
            Cue::Countdown => "3-2-1 in the last seconds of a timed phase",
            Cue::TempoLow => "paced rep: first part (Lower)",
            Cue::TempoTick => "paced rep: a pause or hold (Pause)",
            Cue::TempoHigh => "paced rep: the other parts (Press)",
            Cue::NewBest => "open hold: new best or target reached",
            Cue::Complete => "session complete",
        }
    }

    /// Whether the terminal bell stands in for this cue when no sound plays.
    /// The tempo cues come every second or two, too often for a bell.
    pub fn rings_bell(self) -> bool {
        !matches!(self, Cue::TempoLow | Cue::TempoTick | Cue::TempoHigh)
    }

    /// Which cue wins when several fall at one moment: the end, then a phase
    /// change, then a new best, then the countdown and tempo cues.
    fn rank(self) -> u8 {
        match self {
            Cue::Complete => 4,
            Cue::WorkStart | Cue::RestStart | Cue::SwitchSides => 3,
            Cue::NewBest => 2,
            Cue::Countdown | Cue::TempoLow | Cue::TempoTick | Cue::TempoHigh => 1,
        }
    }
}

/// What belongs to one moment of a session: a sound, and a phrase to speak at
/// milestones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub cue: Cue,
    pub phrase: Option<String>,
}

/// Said when the last three seconds of a timed phase begin.
pub const COUNTDOWN_PHRASE: &str = "Three, two, one.";
/// Said when the gap between the sides starts.
pub const SWITCH_PHRASE: &str = "Switch sides.";
/// Said when an open hold passes the best so far.
pub const NEW_BEST_PHRASE: &str = "New best.";
/// Said when an open hold reaches its target.
pub const TARGET_PHRASE: &str = "Target reached. Keep going while your form holds.";
/// Said when a phase ends and the coach waits for the user (auto-advance off).
pub const WAITING_PHRASE: &str = "Time. Go on when you are ready.";

/// The sound and phrase for a batch of engine events, observed at one moment:
/// the most important cue of the batch (the end chime, then a phase change,
/// then a new best, then a countdown second or a tempo cue; the latest among
/// equals), with its phrase. `None` when nothing in the batch makes a sound.
pub fn announcement(session: &Session, events: &[Event]) -> Option<Announcement> {
    let plan = session.plan();
    let mut chosen: Option<Announcement> = None;
    for event in events {
        let next = match event {
            Event::PhaseStarted { index } => plan.phases.get(*index).map(|p| Announcement {
                cue: start_cue(p),
                phrase: phase_phrase(plan, *index),
            }),
            Event::Waiting { .. } => Some(Announcement {
                cue: Cue::RestStart,
                phrase: Some(WAITING_PHRASE.to_string()),
            }),
            Event::Countdown { secs_left } => Some(Announcement {
                cue: Cue::Countdown,
                phrase: countdown_phrase(*secs_left).map(str::to_string),
            }),
            Event::TempoCue { cue, part, .. } => Some(Announcement {
                cue: tempo_cue(cue, *part),
                phrase: None,
            }),
            Event::Completed => Some(Announcement {
                cue: Cue::Complete,
                phrase: Some(completed(session)),
            }),
            Event::PassedBest { .. } => Some(Announcement {
                cue: Cue::NewBest,
                phrase: Some(NEW_BEST_PHRASE.to_string()),
            }),
            Event::ReachedTarget { .. } => Some(Announcement {
                cue: Cue::NewBest,
                phrase: Some(TARGET_PHRASE.to_string()),
            }),
            Event::WorkEnded(_) | Event::SuspendDetected { .. } => None,
        };
        if let Some(next) = next
            && chosen
                .as_ref()
                .is_none_or(|c| next.cue.rank() >= c.cue.rank())
        {
            chosen = Some(next);
        }
    }
    chosen
}

/// "Session complete, 11 minutes.", from the session's start to its end.
fn completed(session: &Session) -> String {
    let wall = session.ended_at().map_or(Duration::ZERO, |end| {
        end.saturating_duration_since(session.started_at())
    });
    complete_phrase(wall)
}

/// The line plain mode prints for one engine event: the phrase said at a
/// milestone, and each second of the countdown as its number ("3", "2", "1").
/// Tempo cues and the sets the engine records print nothing.
pub fn line(session: &Session, event: &Event) -> Option<String> {
    match event {
        Event::PhaseStarted { index } => phase_phrase(session.plan(), *index),
        Event::Countdown { secs_left } => Some(secs_left.to_string()),
        Event::Waiting { .. } => Some(WAITING_PHRASE.to_string()),
        Event::PassedBest { .. } => Some(NEW_BEST_PHRASE.to_string()),
        Event::ReachedTarget { .. } => Some(TARGET_PHRASE.to_string()),
        Event::Completed => Some(completed(session)),
        Event::TempoCue { .. } | Event::WorkEnded(_) | Event::SuspendDetected { .. } => None,
    }
}

/// How long before the end of a timed phase plain mode says what is left.
pub const TIME_LEFT: Duration = Duration::from_secs(10);

/// "10 seconds left.", once in a running timed phase at least twice
/// [`TIME_LEFT`] long, when the time left comes down to [`TIME_LEFT`] (and
/// before the countdown starts); `None` at any other moment of the phase.
pub fn time_left_line(view: &View<'_>) -> Option<String> {
    let (Some(length), Some(left)) = (view.length, view.remaining) else {
        return None;
    };
    let due = view.status == Status::Running
        && length >= TIME_LEFT * 2
        && left <= TIME_LEFT
        && left > Duration::from_secs(COUNTDOWN_SECS);
    due.then(|| format!("{} left.", spoken_duration(TIME_LEFT)))
}

/// The cue of a phase that starts.
pub fn start_cue(phase: &Phase) -> Cue {
    match phase.kind {
        PhaseKind::Work(_) => Cue::WorkStart,
        PhaseKind::SwitchSides => Cue::SwitchSides,
        PhaseKind::GetReady | PhaseKind::Rest => Cue::RestStart,
    }
}

/// The cue of one part of a paced rep: a part named as a pause or a hold ticks;
/// otherwise the first part is low and the others high.
pub fn tempo_cue(name: &str, part: usize) -> Cue {
    let word = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let still = ["pause", "hold", "rest", "wait"]
        .iter()
        .any(|w| word.trim_end_matches(|c: char| !c.is_alphabetic()) == *w);
    if still {
        Cue::TempoTick
    } else if part == 0 {
        Cue::TempoLow
    } else {
        Cue::TempoHigh
    }
}

/// "Three, two, one." as the last three seconds begin; nothing for the later
/// seconds (the phrase covers them) or for a phase shorter than three seconds.
pub fn countdown_phrase(secs_left: u64) -> Option<&'static str> {
    (secs_left == 3).then_some(COUNTDOWN_PHRASE)
}

/// "Session complete, 11 minutes." (seconds under a minute).
pub fn complete_phrase(wall: Duration) -> String {
    let secs = (wall.as_millis() + 500) / 1000;
    if secs < 60 {
        format!("Session complete, {}.", count(secs as u64, "second"))
    } else {
        let minutes = (secs + 30) / 60;
        format!("Session complete, {}.", count(minutes as u64, "minute"))
    }
}

/// What is said as phase `index` of the plan starts:
/// "Get ready, 10 seconds. First: Plank."
/// "Plank, level 1, set 1 of 3. Hold 20 seconds."
/// "Rest, 30 seconds. Next: Push-up."
/// "Switch sides."
pub fn phase_phrase(plan: &Plan, index: usize) -> Option<String> {
    let phase = plan.phases.get(index)?;
    let length = plan.lengths.get(index).copied().unwrap_or_default();
    let phrase = match &phase.kind {
        PhaseKind::GetReady => {
            let first = plan
                .next_work(index)
                .and_then(|i| plan.steps.get(plan.phases[i].step))
                .map(|s| format!(" First: {}.", s.exercise_name))
                .unwrap_or_default();
            format!("Get ready, {}.{first}", spoken_duration(length))
        }
        PhaseKind::Rest => {
            let next = plan
                .next_work(index)
                .map(|i| format!(" Next: {}.", next_name(plan, i)))
                .unwrap_or_default();
            format!("Rest, {}.{next}", spoken_duration(length))
        }
        PhaseKind::SwitchSides => SWITCH_PHRASE.to_string(),
        PhaseKind::Work(work) => work_phrase(plan, phase, work),
    };
    Some(phrase)
}

/// "Plank, level 1, set 2 of 3, left side. Hold 20 seconds."
fn work_phrase(plan: &Plan, phase: &Phase, work: &Work) -> String {
    let mut who = match plan.steps.get(phase.step) {
        Some(step) => format!("{}, level {}", step.exercise_name, step.level),
        None => "Work".to_string(),
    };
    if phase.sets > 1 {
        who.push_str(&format!(", set {} of {}", phase.set, phase.sets));
    }
    if let Some(side) = phase.side {
        who.push_str(&format!(", {} side", side.as_str()));
    }
    let dose = match work {
        Work::Hold(d) => format!("Hold {}.", spoken_duration(*d)),
        Work::PacedReps { count, .. } => format!("{}.", count_reps(*count)),
        Work::SelfPacedReps { count } => format!("{} at your own pace.", count_reps(*count)),
        Work::OpenHold {
            target: Some(t), ..
        } => {
            format!("Hold as long as you can. Aim for {}.", spoken_duration(*t))
        }
        Work::OpenHold { target: None, .. } => "Hold as long as you can.".to_string(),
    };
    format!("{who}. {dose}")
}

/// The work phase at `index` as "Next:" names it: "Plank, set 2 of 3".
fn next_name(plan: &Plan, index: usize) -> String {
    let phase = &plan.phases[index];
    let name = plan
        .steps
        .get(phase.step)
        .map_or("the next exercise", |s| s.exercise_name.as_str());
    if phase.sets > 1 {
        format!("{name}, set {} of {}", phase.set, phase.sets)
    } else {
        name.to_string()
    }
}

/// A duration as it is said: "1 second", "20 seconds", "1 minute 30 seconds".
pub fn spoken_duration(d: Duration) -> String {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() >= 500_000_000);
    let (m, s) = (secs / 60, secs % 60);
    match (m, s) {
        (0, s) => count(s, "second"),
        (m, 0) => count(m, "minute"),
        (m, s) => format!("{} {}", count(m, "minute"), count(s, "second")),
    }
}

fn count(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn count_reps(n: u32) -> String {
    if n == 1 {
        "1 rep".to_string()
    } else {
        format!("{n} reps")
    }
}

#[cfg(test)]
mod tests;
