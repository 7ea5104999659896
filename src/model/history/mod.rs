//! Past sessions rebuilt from the log's events, and the statistics shown in the
//! history and stats views and printed by `upright log` and `upright stats`.
//!
//! Nothing here reads the clock or a file: callers pass the events and `now`. Calendar
//! days are local days in `now`'s time zone (any [`chrono::TimeZone`], so tests can use
//! one with daylight-saving changes); a session counts once, on the local day it
//! started, even if it ran past midnight or across a clock change.

mod bests;
mod build;
mod calendar;
mod heatmap;
mod holds;
pub mod join;
mod levels;
mod pain;
mod progress;
mod search;
mod stats;
#[cfg(test)]
mod test_support;
mod trend;
#[cfg(test)]
mod weekly_tests;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde::Serialize;

pub use bests::{Best, BestValue, ExerciseSummary, NewBest};
pub use build::HistoryBuilder;
pub use calendar::{Calendar, DayActivity, WeekCount, week_start};
pub use heatmap::{HeatDay, Heatmap, Shade};
pub use holds::{Bucket, HoldBests, HoldColumn, LevelHolds};
pub use levels::LevelChange;
pub use pain::{PainPoint, PainSummary};
pub use progress::{ExerciseProgress, Hurt, LevelSpan, Record};
pub use search::Query;
pub use stats::Stats;
pub use trend::{CHANGE_WEEKS, PainChange, PainWhen, WeekPain};

use super::duration::format_clock_secs;
use super::event::{EndStatus, Event, Name, StepEvent};

/// How a session ended. One word for each, on every screen and in every export:
/// [`Status::word`] for people, [`Status::as_str`] for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every phase of the plan was reached.
    Completed,
    /// The user ended it before the end and kept what was done.
    #[serde(rename = "ended_early")]
    Partial,
    /// The user ended it and chose not to keep it: left out of History and the
    /// figures unless asked for (`upright log --all`).
    #[serde(rename = "discarded")]
    Abandoned,
    /// No `end` event: the app stopped mid-session (a crash, a closed terminal).
    /// Offered for resuming while recent.
    Interrupted,
}

impl Status {
    /// The word for exports: `completed`, `ended_early`, `interrupted`, `discarded`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Partial => "ended_early",
            Status::Abandoned => "discarded",
            Status::Interrupted => "interrupted",
        }
    }

    /// The word for people: "completed", "ended early", "interrupted", "discarded".
    pub fn word(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Partial => "ended early",
            Status::Abandoned => "discarded",
            Status::Interrupted => "interrupted",
        }
    }

    /// Whether the session stopped before its end (ended early or interrupted).
    pub fn is_partial(self) -> bool {
        matches!(self, Status::Partial | Status::Interrupted)
    }
}

impl From<EndStatus> for Status {
    fn from(s: EndStatus) -> Status {
        match s {
            EndStatus::Completed => Status::Completed,
            EndStatus::Partial => Status::Partial,
            EndStatus::Abandoned => Status::Abandoned,
            EndStatus::Interrupted => Status::Interrupted,
        }
    }
}

/// One past session, rebuilt from its events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub id: Name,
    /// The routine's id and name; `None` if the session's start line was lost.
    pub routine: Option<String>,
    pub routine_name: Option<String>,
    /// The start event's time (else the session's earliest event).
    pub started: DateTime<FixedOffset>,
    /// The end event's time; `None` for an interrupted session.
    pub ended: Option<DateTime<FixedOffset>>,
    /// The time of the session's latest event.
    pub last_event: DateTime<FixedOffset>,
    pub status: Status,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub note: Option<String>,
    /// Time in work and rest, pauses excluded: from the end event, else the sum of the
    /// steps' achieved seconds.
    pub active_secs: f64,
    /// Work phases in the session's plan, when the start event says.
    pub planned_steps: Option<u32>,
    /// One record per work phase reached, in plan order of first reaching; a phase
    /// done again keeps only its last record.
    pub steps: Vec<StepEvent>,
}

/// How a session's sets went, counted one way for every screen and export: each
/// set of the plan is done, skipped, stopped because it hurt, or never reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub done: usize,
    /// Skipped, not counting the sets that hurt.
    pub skipped: usize,
    pub hurt: usize,
    /// Sets of the plan the session never reached (it ended first).
    pub not_reached: usize,
}

impl Tally {
    /// "2 done · 4 skipped · 1 hurt · 1 not reached" (the parts that are not 0,
    /// but always "done").
    pub fn words(&self) -> String {
        let mut parts = vec![format!("{} done", self.done)];
        for (n, what) in [
            (self.skipped, "skipped"),
            (self.hurt, "hurt"),
            (self.not_reached, "not reached"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(" · ")
    }
}

impl SessionRecord {
    /// Its sets, counted: done, skipped, hurt, not reached.
    pub fn tally(&self) -> Tally {
        let hurt = self.hurt_steps();
        Tally {
            done: self.done_steps(),
            skipped: self.steps.iter().filter(|s| s.skipped && !s.hurt).count(),
            hurt,
            not_reached: self.total_steps() - self.steps.len(),
        }
    }

    /// "start to finish 1:09 · exercising 0:50": both times the screens show, each
    /// saying what it is, rounded to the second.
    pub fn times(&self) -> String {
        let clock = |secs: f64| format_clock_secs(secs.max(0.0).round() as u64);
        format!(
            "start to finish {} · exercising {}",
            clock(self.duration_secs()),
            clock(self.active_secs)
        )
    }

    /// Wall-clock time from start to end (or to the last event if interrupted).
    pub fn duration_secs(&self) -> f64 {
        let end = self.ended.unwrap_or(self.last_event).max(self.last_event);
        let ms = (end - self.started).num_milliseconds().max(0);
        ms as f64 / 1000.0
    }

    pub fn done_steps(&self) -> usize {
        self.steps.iter().filter(|s| s.done()).count()
    }

    pub fn skipped_steps(&self) -> usize {
        self.steps.iter().filter(|s| s.skipped).count()
    }

    pub fn hurt_steps(&self) -> usize {
        self.steps.iter().filter(|s| s.hurt).count()
    }

    /// Work phases the session had: its plan's count if known, else those logged.
    pub fn total_steps(&self) -> usize {
        let planned = self.planned_steps.map_or(0, |p| p as usize);
        planned.max(self.steps.len())
    }

    /// Whether the session counts (toward the streak, the weekly goal, the active
    /// days): at least one set of it was done (not skipped, not stopped because it
    /// hurt), and it was not discarded. A session that reached its end with every
    /// set skipped does not count.
    pub fn counts(&self) -> bool {
        self.status != Status::Abandoned && self.steps.iter().any(|s: &StepEvent| s.done())
    }

    /// The local calendar day the session started on.
    pub fn local_date<Tz: TimeZone>(&self, tz: &Tz) -> NaiveDate {
        local_date(&self.started, tz)
    }
}

fn local_date<Tz: TimeZone>(at: &DateTime<FixedOffset>, tz: &Tz) -> NaiveDate {
    at.with_timezone(tz).date_naive()
}

/// A recent session that stopped without an end, for the "resume?" offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Resume<'a> {
    pub session: &'a SessionRecord,
    /// Plan indices already logged (done, skipped or hurt), ascending.
    pub logged: Vec<u32>,
    /// The first plan index after the last one logged.
    pub next_index: u32,
}

/// Every past session and level choice, rebuilt from the log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    sessions: Vec<SessionRecord>,
    levels: Vec<LevelChange>,
}

impl History {
    /// Rebuilds sessions from events in log order. Events of one session may be
    /// interleaved with others'; a session missing its start still appears (routine
    /// unknown); level events are kept apart from sessions.
    pub fn from_events(events: impl IntoIterator<Item = Event>) -> History {
        let mut builder = HistoryBuilder::default();
        for event in events {
            builder.push(event);
        }
        builder.finish()
    }

    /// Adds events that follow the ones already in (e.g. those this run wrote to
    /// the log). An event seen again changes nothing: a repeated step replaces the
    /// same step, a repeated start only fills what is missing.
    pub fn extend(&mut self, events: impl IntoIterator<Item = Event>) {
        let mut builder = HistoryBuilder::continuing(std::mem::take(self));
        for event in events {
            builder.push(event);
        }
        *self = builder.finish();
    }

    /// The history as History, Stats and the exports show it: without the sessions
    /// the user discarded.
    pub fn without_discarded(&self) -> History {
        History {
            sessions: self
                .sessions
                .iter()
                .filter(|s| s.status != Status::Abandoned)
                .cloned()
                .collect(),
            levels: self.levels.clone(),
        }
    }

    /// [`History::without_discarded`], taking the history: nothing is copied, so
    /// a long history is not held twice (for the commands, which need the
    /// discarded sessions no more).
    pub fn into_without_discarded(mut self) -> History {
        self.sessions.retain(|s| s.status != Status::Abandoned);
        self
    }

    /// Calls `f` with the history as [`History::without_discarded`] gives it,
    /// without copying it: the discarded sessions are moved aside for the call
    /// and put back in their places after. For figures worked out from a long
    /// history, where a copy would double the memory it takes for a moment.
    pub fn as_shown<R>(&mut self, f: impl FnOnce(&History) -> R) -> R {
        let mut aside = Vec::new();
        let mut kept = Vec::with_capacity(self.sessions.len());
        for (i, s) in std::mem::take(&mut self.sessions).into_iter().enumerate() {
            if s.status == Status::Abandoned {
                aside.push((i, s));
            } else {
                kept.push(s);
            }
        }
        self.sessions = kept;
        let result = f(self);
        if !aside.is_empty() {
            let total = self.sessions.len() + aside.len();
            let mut kept = std::mem::take(&mut self.sessions).into_iter();
            let mut aside = aside.into_iter().peekable();
            self.sessions = (0..total)
                .filter_map(|i| match aside.next_if(|(at, _)| *at == i) {
                    Some((_, s)) => Some(s),
                    None => kept.next(),
                })
                .collect();
        }
        result
    }

    /// Every session, oldest first (by start time).
    pub fn sessions(&self) -> &[SessionRecord] {
        &self.sessions
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    pub fn session(&self, id: &str) -> Option<&SessionRecord> {
        self.sessions.iter().find(|s| &*s.id == id)
    }

    /// The sessions that started on or after a local date (all level changes kept).
    pub fn since<Tz: TimeZone>(&self, date: NaiveDate, tz: &Tz) -> History {
        // Local dates never decrease as time goes on, so the sessions sorted by start
        // are sorted by local date too.
        let from = self.sessions.partition_point(|s| s.local_date(tz) < date);
        History {
            sessions: self.sessions[from..].to_vec(),
            levels: self.levels.clone(),
        }
    }

    /// An exercise's name as last logged in a step, if it was ever done.
    pub fn exercise_name(&self, exercise: &str) -> Option<&str> {
        self.sessions.iter().rev().find_map(|s| {
            s.steps
                .iter()
                .rev()
                .find(|st| &*st.exercise == exercise)
                .map(|st| &*st.exercise_name)
        })
    }

    /// Each session's local start date, in session order (so ascending).
    fn local_dates<Tz: TimeZone>(&self, tz: &Tz) -> Vec<NaiveDate> {
        self.sessions.iter().map(|s| s.local_date(tz)).collect()
    }

    /// The most recent session, if it stopped without an end, started within
    /// `max_age` of `now` and its routine is known: what the app can offer to resume.
    /// A newer session (of any outcome) means the user moved on, so none is offered.
    pub fn last_interrupted<Tz: TimeZone>(
        &self,
        now: &DateTime<Tz>,
        max_age: chrono::Duration,
    ) -> Option<Resume<'_>> {
        Self::resumable(self.sessions.last()?, now, max_age)
    }

    /// [`History::last_interrupted`] among the sessions started on `host` (whose
    /// ids carry it): a machine offers to resume only its own sessions, since the
    /// other machines' may still be running or be resumed there.
    pub fn last_interrupted_on<Tz: TimeZone>(
        &self,
        host: &str,
        now: &DateTime<Tz>,
        max_age: chrono::Duration,
    ) -> Option<Resume<'_>> {
        let mine = self
            .sessions
            .iter()
            .rev()
            .find(|s| super::host::of_session(&s.id) == Some(host))?;
        Self::resumable(mine, now, max_age)
    }

    fn resumable<'a, Tz: TimeZone>(
        session: &'a SessionRecord,
        now: &DateTime<Tz>,
        max_age: chrono::Duration,
    ) -> Option<Resume<'a>> {
        // A session with an end (even one that says it stays interrupted, after
        // the user declined to resume it) is never offered.
        if session.status != Status::Interrupted
            || session.ended.is_some()
            || session.routine.is_none()
        {
            return None;
        }
        let age = now.fixed_offset() - session.started;
        if age < chrono::Duration::zero() || age > max_age {
            return None;
        }
        let mut logged: Vec<u32> = session.steps.iter().map(|s| s.index).collect();
        logged.sort_unstable();
        logged.dedup();
        let next_index = logged.last().map_or(0, |&i| i.saturating_add(1));
        Some(Resume {
            session,
            logged,
            next_index,
        })
    }
}
