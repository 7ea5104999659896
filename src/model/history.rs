//! Past sessions rebuilt from the log's events, and the statistics shown in the
//! history and stats views and printed by `upright log` and `upright stats`.
//!
//! Nothing here reads the clock or a file: callers pass the events and `now`. Calendar
//! days are local days in `now`'s time zone (any [`chrono::TimeZone`], so tests can use
//! one with daylight-saving changes); a session counts once, on the local day it
//! started, even if it ran past midnight or across a clock change.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, TimeZone};
use serde::Serialize;

use super::event::{DoseKind, EndStatus, Event, LevelReason, Name, Side, StepEvent};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Completed,
    /// Ended early and saved.
    Partial,
    /// Ended early; the user discarded it.
    Abandoned,
    /// No `end` event: the app stopped mid-session (crash, closed terminal). Shown as
    /// partial, and offered for resuming while recent.
    Interrupted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Partial => "partial",
            Status::Abandoned => "abandoned",
            Status::Interrupted => "interrupted",
        }
    }

    /// Whether the session stopped before its end (partial or interrupted).
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
        }
    }
}

/// A hold is taken as done when it falls short of its plan by less than this
/// (timers stop a few milliseconds either side of a deadline).
pub const HOLD_TOLERANCE_SECS: f64 = 0.25;

/// One work phase of a past session: what was planned and what was achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRecord {
    pub at: DateTime<FixedOffset>,
    pub index: u32,
    pub exercise: Name,
    pub exercise_name: Name,
    pub level: u32,
    pub set: u32,
    pub sets: u32,
    pub side: Option<Side>,
    pub dose: DoseKind,
    pub planned_secs: Option<f64>,
    pub achieved_secs: Option<f64>,
    pub planned_reps: Option<u32>,
    pub achieved_reps: Option<u32>,
    pub skipped: bool,
    pub hurt: bool,
}

impl StepRecord {
    fn from_event(e: StepEvent) -> StepRecord {
        StepRecord {
            at: e.at,
            index: e.index,
            exercise: e.exercise,
            exercise_name: e.exercise_name,
            level: e.level,
            set: e.set,
            sets: e.sets,
            side: e.side,
            dose: e.dose,
            planned_secs: e.planned_secs,
            achieved_secs: e.achieved_secs,
            planned_reps: e.planned_reps,
            achieved_reps: e.achieved_reps,
            skipped: e.skipped,
            hurt: e.hurt,
        }
    }

    /// Done: neither skipped nor stopped because it hurt.
    pub fn done(&self) -> bool {
        !self.skipped && !self.hurt
    }

    /// Done, and as much as planned: reps reached, hold held to its time (or target).
    /// A missing achieved value is not held against the set.
    pub fn met(&self) -> bool {
        if !self.done() {
            return false;
        }
        let reps_ok = match (self.planned_reps, self.achieved_reps) {
            (Some(p), Some(a)) => a >= p,
            _ => true,
        };
        let secs_ok = match (self.planned_secs, self.achieved_secs) {
            (Some(p), Some(a)) => a + HOLD_TOLERANCE_SECS >= p,
            _ => true,
        };
        reps_ok && secs_ok
    }

    /// What was achieved against the plan, for a detail view: "0:31 of 0:30",
    /// "8 of 10 reps", "skipped", "0:12 of 0:30, stopped: it hurt".
    pub fn describe(&self) -> String {
        use super::duration::format_clock_secs;
        let clock = |secs: f64| format_clock_secs(secs.max(0.0).round() as u64);
        let what = match self.dose {
            DoseKind::Reps => match (self.achieved_reps, self.planned_reps) {
                (Some(a), Some(p)) => format!("{a} of {p} reps"),
                (Some(n), None) | (None, Some(n)) => format!("{n} reps"),
                (None, None) => "reps".to_string(),
            },
            DoseKind::Hold | DoseKind::Open => match (self.achieved_secs, self.planned_secs) {
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
    pub steps: Vec<StepRecord>,
}

impl SessionRecord {
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

    /// Whether the session makes its day an active day: completed, or at least one
    /// step done.
    pub fn counts(&self) -> bool {
        self.status == Status::Completed || self.steps.iter().any(StepRecord::done)
    }

    /// The local calendar day the session started on.
    pub fn local_date<Tz: TimeZone>(&self, tz: &Tz) -> NaiveDate {
        local_date(&self.started, tz)
    }
}

fn local_date<Tz: TimeZone>(at: &DateTime<FixedOffset>, tz: &Tz) -> NaiveDate {
    at.with_timezone(tz).date_naive()
}

/// A level the user accepted for an exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelChange {
    pub exercise: Name,
    pub level: u32,
    pub reason: LevelReason,
    pub at: DateTime<FixedOffset>,
    pub session: Name,
}

/// A personal best's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BestValue {
    /// The longest open hold ("as long as you can"), in seconds.
    Hold { secs: f64 },
    /// The most reps in one set.
    Reps { reps: u32 },
}

/// A personal best of one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Best {
    pub exercise: Name,
    pub exercise_name: Name,
    #[serde(flatten)]
    pub value: BestValue,
    pub level: u32,
    pub at: DateTime<FixedOffset>,
    pub session: Name,
}

/// Pain before and after one session (0-10).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PainPoint {
    pub session: Name,
    pub date: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// The pain series and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct PainSummary {
    /// Sessions with a pain score, oldest first.
    pub series: Vec<PainPoint>,
    pub average_before: Option<f64>,
    pub average_after: Option<f64>,
    /// Sessions with both scores, and by how much pain fell on average across them
    /// (positive: lower after the session).
    pub paired: usize,
    pub average_relief: Option<f64>,
}

impl PainSummary {
    pub fn first(&self) -> Option<&PainPoint> {
        self.series.first()
    }
    pub fn last(&self) -> Option<&PainPoint> {
        self.series.last()
    }
}

/// Sessions in one Monday-based week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeekCount {
    /// The Monday.
    pub start: NaiveDate,
    pub sessions: u32,
}

/// What one calendar day holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct DayActivity {
    /// Sessions that count (completed, or with a step done).
    pub sessions: u32,
    pub completed: u32,
    pub active_secs: f64,
}

/// Active days over whole months, for a calendar view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calendar {
    /// The first day of the first month shown.
    pub first: NaiveDate,
    /// Today.
    pub today: NaiveDate,
    /// Active days only; a day not here had no session that counts.
    pub days: BTreeMap<NaiveDate, DayActivity>,
}

impl Calendar {
    pub fn day(&self, date: NaiveDate) -> Option<&DayActivity> {
        self.days.get(&date)
    }

    pub fn is_active(&self, date: NaiveDate) -> bool {
        self.days.contains_key(&date)
    }

    /// The (year, month) pairs shown, oldest first.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let mut d = self.first;
        while d <= self.today {
            out.push((d.year(), d.month()));
            match d.checked_add_months(Months::new(1)) {
                Some(next) => d = next,
                None => break,
            }
        }
        out
    }
}

/// What was done of one exercise over the sessions in a history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseSummary {
    pub exercise: Name,
    pub exercise_name: Name,
    /// Sessions in which at least one set of it was done.
    pub sessions: usize,
    pub sets_done: usize,
    pub sets_skipped: usize,
    pub sets_hurt: usize,
    /// Levels of its first and last done set, and the range seen.
    pub first_level: u32,
    pub last_level: u32,
    pub min_level: u32,
    pub max_level: u32,
    pub bests: Vec<Best>,
}

/// The numbers of the stats view and `upright stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub today: NaiveDate,
    /// Consecutive active days up to today or yesterday; 0 if the last active day
    /// is older.
    pub current_streak: u32,
    pub longest_streak: u32,
    pub last_active: Option<NaiveDate>,
    pub active_days: usize,
    /// The current Monday-based week.
    pub week_start: NaiveDate,
    pub week_sessions: u32,
    pub weekly_goal: u32,
    pub sessions: usize,
    pub completed: usize,
    /// Partial and interrupted sessions.
    pub partial: usize,
    pub abandoned: usize,
    pub active_secs: f64,
    pub bests: Vec<Best>,
    /// The current level of each exercise with a level event, by exercise id.
    pub levels: Vec<LevelChange>,
    pub pain: PainSummary,
}

impl Stats {
    pub fn active_minutes(&self) -> f64 {
        self.active_secs / 60.0
    }
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
        let History { sessions, levels } = std::mem::take(self);
        let by_id = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut builder = HistoryBuilder {
            sessions,
            by_id,
            levels,
            last: None,
        };
        for event in events {
            builder.push(event);
        }
        *self = builder.finish();
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

    /// Every level choice, in log order.
    pub fn level_changes(&self) -> &[LevelChange] {
        &self.levels
    }

    /// The current level of an exercise: the last level event's, if any.
    pub fn current_level(&self, exercise: &str) -> Option<u32> {
        self.levels
            .iter()
            .rev()
            .find(|l| &*l.exercise == exercise)
            .map(|l| l.level)
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

    /// The current level of every exercise with a level event, by exercise id.
    pub fn current_levels(&self) -> Vec<LevelChange> {
        let mut latest: BTreeMap<&str, &LevelChange> = BTreeMap::new();
        for l in &self.levels {
            latest.insert(&l.exercise, l);
        }
        latest.into_values().cloned().collect()
    }

    /// Local days with at least one session that counts.
    pub fn active_days<Tz: TimeZone>(&self, tz: &Tz) -> BTreeMap<NaiveDate, DayActivity> {
        let mut days: BTreeMap<NaiveDate, DayActivity> = BTreeMap::new();
        for s in self.sessions.iter().filter(|s| s.counts()) {
            let day = days.entry(s.local_date(tz)).or_default();
            day.sessions += 1;
            day.completed += u32::from(s.status == Status::Completed);
            day.active_secs += s.active_secs;
        }
        days
    }

    /// Active days of the last `months` calendar months, this one included.
    pub fn calendar<Tz: TimeZone>(&self, now: &DateTime<Tz>, months: u32) -> Calendar {
        let today = now.date_naive();
        let this_month = today.with_day(1).unwrap_or(today);
        let first = this_month
            .checked_sub_months(Months::new(months.saturating_sub(1)))
            .unwrap_or(this_month);
        let tz = now.timezone();
        let days = self
            .active_days(&tz)
            .into_iter()
            .filter(|(d, _)| (first..=today).contains(d))
            .collect();
        Calendar { first, today, days }
    }

    /// Sessions that count in each of the last `weeks` Monday-based weeks, oldest first.
    pub fn weekly_counts<Tz: TimeZone>(&self, now: &DateTime<Tz>, weeks: u32) -> Vec<WeekCount> {
        let tz = now.timezone();
        let this_week = week_start(now.date_naive());
        let mut out: Vec<WeekCount> = (0..weeks)
            .rev()
            .filter_map(|back| {
                this_week
                    .checked_sub_days(Days::new(7 * u64::from(back)))
                    .map(|start| WeekCount { start, sessions: 0 })
            })
            .collect();
        let Some(first) = out.first().map(|w| w.start) else {
            return out;
        };
        for s in self.sessions.iter().filter(|s| s.counts()) {
            let d = s.local_date(&tz);
            if d < first {
                continue;
            }
            let i = ((d - first).num_days() / 7) as usize;
            if let Some(w) = out.get_mut(i) {
                w.sessions += 1;
            }
        }
        out
    }

    /// The longest open hold and the most reps in a set, per exercise, from sets
    /// done (not skipped, not hurt). Sorted by exercise id, holds before reps.
    pub fn bests(&self) -> Vec<Best> {
        // (exercise, 0 for holds or 1 for reps, the best step and its session).
        let mut best: Vec<(&str, u8, &StepRecord, &Name)> = Vec::new();
        for s in &self.sessions {
            for st in &s.steps {
                let kind = match (st.dose, st.achieved_secs, st.achieved_reps) {
                    (DoseKind::Open, Some(secs), _) if secs > 0.0 => 0,
                    (DoseKind::Reps, _, Some(reps)) if reps > 0 => 1,
                    _ => continue,
                };
                if !st.done() {
                    continue;
                }
                match best
                    .iter_mut()
                    .find(|(e, k, _, _)| *k == kind && *e == &*st.exercise)
                {
                    None => best.push((&st.exercise, kind, st, &s.id)),
                    Some(slot) => {
                        let better = if kind == 0 {
                            st.achieved_secs > slot.2.achieved_secs
                        } else {
                            st.achieved_reps > slot.2.achieved_reps
                        };
                        if better {
                            slot.2 = st;
                            slot.3 = &s.id;
                        }
                    }
                }
            }
        }
        best.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        best.into_iter()
            .map(|(_, kind, st, session)| Best {
                exercise: st.exercise.clone(),
                exercise_name: st.exercise_name.clone(),
                value: if kind == 0 {
                    BestValue::Hold {
                        secs: st.achieved_secs.unwrap_or(0.0),
                    }
                } else {
                    BestValue::Reps {
                        reps: st.achieved_reps.unwrap_or(0),
                    }
                },
                level: st.level,
                at: st.at,
                session: session.clone(),
            })
            .collect()
    }

    /// Each session's local start date, in session order (so ascending).
    fn local_dates<Tz: TimeZone>(&self, tz: &Tz) -> Vec<NaiveDate> {
        self.sessions.iter().map(|s| s.local_date(tz)).collect()
    }

    /// Pain before and after each session that has a score, with averages.
    pub fn pain<Tz: TimeZone>(&self, tz: &Tz) -> PainSummary {
        self.pain_on(&self.local_dates(tz))
    }

    fn pain_on(&self, dates: &[NaiveDate]) -> PainSummary {
        let series: Vec<PainPoint> = self
            .sessions
            .iter()
            .zip(dates)
            .filter(|(s, _)| s.pain_before.is_some() || s.pain_after.is_some())
            .map(|(s, &date)| PainPoint {
                session: s.id.clone(),
                date,
                at: s.started,
                before: s.pain_before,
                after: s.pain_after,
            })
            .collect();
        let average = |values: Vec<u8>| {
            (!values.is_empty())
                .then(|| values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64)
        };
        let before: Vec<u8> = series.iter().filter_map(|p| p.before).collect();
        let after: Vec<u8> = series.iter().filter_map(|p| p.after).collect();
        let relief: Vec<f64> = series
            .iter()
            .filter_map(|p| Some(f64::from(p.before?) - f64::from(p.after?)))
            .collect();
        PainSummary {
            average_before: average(before),
            average_after: average(after),
            paired: relief.len(),
            average_relief: (!relief.is_empty())
                .then(|| relief.iter().sum::<f64>() / relief.len() as f64),
            series,
        }
    }

    /// Streaks, this week's sessions against the goal, totals, bests, levels and pain,
    /// as of `now` in `now`'s time zone.
    pub fn stats<Tz: TimeZone>(&self, now: &DateTime<Tz>, weekly_goal: u32) -> Stats {
        let tz = now.timezone();
        let today = now.date_naive();
        let dates = self.local_dates(&tz);
        // Sessions are in start order, so their local dates ascend.
        let mut active: Vec<NaiveDate> = self
            .sessions
            .iter()
            .zip(&dates)
            .filter(|(s, _)| s.counts())
            .map(|(_, &d)| d)
            .collect();
        let week_start = week_start(today);
        let week_end = week_start.checked_add_days(Days::new(7));
        let week_sessions = active
            .iter()
            .filter(|&&d| d >= week_start && week_end.is_none_or(|end| d < end))
            .count() as u32;
        active.dedup();
        let (current_streak, longest_streak) = streaks(&active, today);
        let last_active = active[..active.partition_point(|&d| d <= today)]
            .last()
            .copied();
        let count = |st: Status| self.sessions.iter().filter(|s| s.status == st).count();
        Stats {
            today,
            current_streak,
            longest_streak,
            last_active,
            active_days: active.len(),
            week_start,
            week_sessions,
            weekly_goal,
            sessions: self.sessions.len(),
            completed: count(Status::Completed),
            partial: count(Status::Partial) + count(Status::Interrupted),
            abandoned: count(Status::Abandoned),
            active_secs: self.sessions.iter().map(|s| s.active_secs).sum(),
            bests: self.bests(),
            levels: self.current_levels(),
            pain: self.pain_on(&dates),
        }
    }

    /// What was done of each exercise, in order of first appearance.
    pub fn exercise_summaries(&self) -> Vec<ExerciseSummary> {
        let mut order: Vec<ExerciseSummary> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for s in &self.sessions {
            let mut seen_here: BTreeSet<usize> = BTreeSet::new();
            for st in &s.steps {
                let i = *index.entry(&*st.exercise).or_insert_with(|| {
                    order.push(ExerciseSummary {
                        exercise: st.exercise.clone(),
                        exercise_name: st.exercise_name.clone(),
                        sessions: 0,
                        sets_done: 0,
                        sets_skipped: 0,
                        sets_hurt: 0,
                        first_level: 0,
                        last_level: 0,
                        min_level: 0,
                        max_level: 0,
                        bests: Vec::new(),
                    });
                    order.len() - 1
                });
                let e = &mut order[i];
                e.exercise_name.clone_from(&st.exercise_name);
                if st.skipped {
                    e.sets_skipped += 1;
                }
                if st.hurt {
                    e.sets_hurt += 1;
                }
                if !st.done() {
                    continue;
                }
                e.sets_done += 1;
                if seen_here.insert(i) {
                    e.sessions += 1;
                }
                if e.first_level == 0 {
                    e.first_level = st.level;
                    e.min_level = st.level;
                }
                e.last_level = st.level;
                e.min_level = e.min_level.min(st.level);
                e.max_level = e.max_level.max(st.level);
            }
        }
        for b in self.bests() {
            if let Some(&i) = index.get(&*b.exercise) {
                order[i].bests.push(b);
            }
        }
        order
    }

    /// The most recent session, if it stopped without an end, started within
    /// `max_age` of `now` and its routine is known: what the app can offer to resume.
    /// A newer session (of any outcome) means the user moved on, so none is offered.
    pub fn last_interrupted<Tz: TimeZone>(
        &self,
        now: &DateTime<Tz>,
        max_age: chrono::Duration,
    ) -> Option<Resume<'_>> {
        let session = self.sessions.last()?;
        if session.status != Status::Interrupted || session.routine.is_none() {
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

    /// Whether to suggest the level after `level` for an exercise: the last three
    /// sessions that had it at that level (since its level was last changed) each had
    /// every set of it met (not skipped, not hurt, achieved at least the plan) up to
    /// its last set.
    pub fn suggest_next_level(&self, exercise: &str, level: u32) -> bool {
        const SESSIONS: usize = 3;
        let cutoff = self
            .levels
            .iter()
            .rev()
            .find(|l| &*l.exercise == exercise)
            .map(|l| l.at);
        let mut judged = 0;
        for s in self.sessions.iter().rev() {
            let mut steps = s
                .steps
                .iter()
                .filter(|st| &*st.exercise == exercise && st.level == level)
                .filter(|st| cutoff.is_none_or(|c| st.at > c))
                .peekable();
            if steps.peek().is_none() {
                continue;
            }
            let mut all_met = true;
            let mut reached_last_set = false;
            for st in steps {
                all_met &= st.met();
                reached_last_set |= st.set >= st.sets;
            }
            if !(all_met && reached_last_set) {
                return false;
            }
            judged += 1;
            if judged == SESSIONS {
                return true;
            }
        }
        false
    }
}

/// Builds a [`History`] one event at a time, in log order, so a reader can feed it
/// while reading without keeping the events ([`History::from_events`] does this).
#[derive(Debug, Default)]
pub struct HistoryBuilder {
    sessions: Vec<SessionRecord>,
    by_id: HashMap<Name, usize>,
    levels: Vec<LevelChange>,
    last: Option<usize>,
}

impl HistoryBuilder {
    pub fn push(&mut self, event: Event) {
        if let Event::Level(l) = event {
            self.levels.push(LevelChange {
                exercise: l.exercise,
                level: l.level,
                reason: l.reason,
                at: l.at,
                session: l.session,
            });
            return;
        }
        let at = event.at();
        // Events of one session usually follow each other: skip the lookup.
        let slot = match self
            .last
            .filter(|&i| *self.sessions[i].id == *event.session())
        {
            Some(i) => i,
            None => match self.by_id.get(event.session()) {
                Some(&i) => i,
                None => {
                    let id = event.session_name().clone();
                    self.by_id.insert(id.clone(), self.sessions.len());
                    self.sessions.push(SessionRecord {
                        id,
                        routine: None,
                        routine_name: None,
                        started: at,
                        ended: None,
                        last_event: at,
                        status: Status::Interrupted,
                        pain_before: None,
                        pain_after: None,
                        note: None,
                        active_secs: 0.0,
                        planned_steps: None,
                        steps: Vec::new(),
                    });
                    self.sessions.len() - 1
                }
            },
        };
        self.last = Some(slot);
        let s = &mut self.sessions[slot];
        s.last_event = s.last_event.max(at);
        match event {
            Event::Start(e) => {
                if s.routine.is_none() {
                    // The first start fixes the session's start; a repeated one
                    // (a resumed session) only fills what is missing.
                    s.started = e.at;
                    s.routine = Some(e.routine);
                    s.routine_name = Some(e.routine_name);
                }
                s.pain_before = s.pain_before.or(e.pain_before);
                s.planned_steps = s.planned_steps.or(e.planned_steps);
                if let Some(n) = e.planned_steps {
                    s.steps.reserve((n as usize).min(256));
                }
            }
            Event::Step(e) => {
                if s.routine.is_none() {
                    s.started = s.started.min(e.at);
                }
                let record = StepRecord::from_event(e);
                let redo = match s.steps.last() {
                    Some(prev) if prev.index < record.index => None,
                    None => None,
                    Some(_) => s.steps.iter().rposition(|p| p.index == record.index),
                };
                match redo {
                    Some(i) => s.steps[i] = record,
                    None => s.steps.push(record),
                }
            }
            Event::End(e) => {
                s.ended = Some(e.at);
                s.status = e.status.into();
                s.pain_after = e.pain_after.or(s.pain_after);
                s.note = e.note.or(s.note.take());
                s.active_secs = e.active_secs;
            }
            Event::Level(_) => {}
        }
    }

    pub fn finish(self) -> History {
        let HistoryBuilder {
            mut sessions,
            levels,
            ..
        } = self;
        for s in &mut sessions {
            if s.ended.is_none() {
                s.active_secs = s.steps.iter().filter_map(|st| st.achieved_secs).sum();
            }
        }
        sessions.sort_by_key(|s| s.started);
        History { sessions, levels }
    }
}

/// The Monday of a date's week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

/// (current, longest) runs of consecutive days. The current run is the one ending on
/// the last active day up to today, if that day is today or yesterday.
fn streaks(active: &[NaiveDate], today: NaiveDate) -> (u32, u32) {
    let mut longest = 0u32;
    let mut run = 0u32;
    let mut prev: Option<NaiveDate> = None;
    let mut current = 0u32;
    let yesterday = today.pred_opt();
    for &d in active {
        run = match prev {
            Some(p) if p.succ_opt() == Some(d) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        if d == today || Some(d) == yesterday {
            current = run;
        }
        prev = Some(d);
    }
    (current, longest)
}
