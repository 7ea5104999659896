//! Reminders: the schedule of `[[reminder]]` tables, when each one comes due, and
//! whether it is due now.
//!
//! Everything here is a pure function of the schedule, when each routine was last
//! done and `now`, in any [`TimeZone`] (tests use one with daylight-saving
//! changes). Times are local wall-clock times: "09:00" is nine on the clock that
//! day, whatever the offset. A time the clock skips (spring forward) comes at the
//! first minute after the skip, and a time the clock shows twice (fall back) comes
//! once, the first time; two times that land on the same instant come once. So a
//! clock change neither skips nor doubles a reminder.
//!
//! A reminder is due from one of its times today until its routine is done (a
//! session that counts, ending at or after that time) or the day ends. It has been
//! due since the first of its times today that came after the routine was last
//! done.

mod remind;
#[cfg(test)]
mod tests;
mod text;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{
    DateTime, Datelike, Days as DayCount, FixedOffset, LocalResult, NaiveDate, NaiveDateTime,
    NaiveTime, TimeDelta, TimeZone, Timelike, Weekday,
};

pub use remind::{Notice, Plan, Reminding};
pub use text::{format_ago, format_due_for, parse_day, parse_time_of_day, parse_window};

use super::diagnostic::Diagnostic;
use super::suggest::nearest;

/// When each routine was last done: routine id -> the end of the latest session of
/// it that counts.
pub type LastDone = BTreeMap<String, DateTime<FixedOffset>>;

/// The shortest `every` interval.
pub const MIN_EVERY: Duration = Duration::from_secs(5 * 60);
/// The longest `every` interval.
pub const MAX_EVERY: Duration = Duration::from_secs(24 * 3600);

/// The days of the week a reminder is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(u8);

impl Days {
    /// Every day of the week.
    pub const ALL: Days = Days(0x7f);
    /// The names written in `days`, Monday first.
    pub const NAMES: [&'static str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    pub fn none() -> Days {
        Days(0)
    }

    pub fn with(self, day: Weekday) -> Days {
        Days(self.0 | (1 << day.num_days_from_monday()))
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The part of each day an `every` reminder runs in, e.g. 09:00-17:30.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveTime,
    /// Inclusive; after `start`.
    pub end: NaiveTime,
}

/// A reminder's times of day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Times {
    /// From the window's start (else midnight), every `interval`, up to its end
    /// (else the end of the day).
    Every {
        interval: Duration,
        window: Option<Window>,
    },
    /// At each of these times, in order, each once.
    At(Vec<NaiveTime>),
}

/// Where something was written: for a located problem found after reading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl Place {
    pub fn problem(&self, message: impl Into<String>, expected: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: self.path.clone(),
            line: self.line,
            column: self.column,
            message: message.into(),
            expected: Some(expected.into()),
        }
    }
}

/// One `[[reminder]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// The id of the routine to do.
    pub routine: String,
    pub times: Times,
    pub days: Days,
    /// Where `routine` was written, to report an id no routine has.
    pub place: Place,
}

/// A reminder that is due now.
#[derive(Debug, Clone, PartialEq)]
pub struct Due<Tz: TimeZone> {
    /// Its index in the schedule.
    pub reminder: usize,
    pub routine: String,
    /// The first of its times today that came after the routine was last done.
    pub since: DateTime<Tz>,
    /// The latest of its times so far today.
    pub latest: DateTime<Tz>,
    pub last_done: Option<DateTime<FixedOffset>>,
}

/// The next time a reminder comes.
#[derive(Debug, Clone, PartialEq)]
pub struct Upcoming<Tz: TimeZone> {
    pub reminder: usize,
    pub routine: String,
    pub at: DateTime<Tz>,
}

/// The instant a local date and time stand for: the first of two when the clock
/// shows it twice; the first minute after the gap when the clock skips it.
fn resolve<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Tz>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t),
        LocalResult::Ambiguous(first, _) => Some(first),
        LocalResult::None => {
            let mut t = local.with_second(0)?.with_nanosecond(0)?;
            // A gap is at most a day long (a zone changing sides of the date line).
            for _ in 0..(25 * 60) {
                t += TimeDelta::minutes(1);
                if let Some(found) = tz.from_local_datetime(&t).earliest() {
                    return Some(found);
                }
            }
            None
        }
    }
}

/// Seconds from midnight of a time of day.
fn secs_of(t: NaiveTime) -> u32 {
    t.num_seconds_from_midnight()
}

impl Times {
    /// The times of one day, as times of day, in order, each once.
    fn of_day(&self) -> Vec<NaiveTime> {
        match self {
            Times::At(times) => times.clone(),
            Times::Every { interval, window } => {
                let step = interval.as_secs().max(1);
                let (start, end) = match window {
                    Some(w) => (secs_of(w.start), secs_of(w.end)),
                    None => (0, 24 * 3600 - 1),
                };
                (u64::from(start)..=u64::from(end))
                    .step_by(usize::try_from(step).unwrap_or(usize::MAX))
                    .filter_map(|s| {
                        NaiveTime::from_num_seconds_from_midnight_opt(u32::try_from(s).ok()?, 0)
                    })
                    .collect()
            }
        }
    }
}

impl Reminder {
    /// Its times on one local date, as instants in order, each once (none on a day
    /// it is not on).
    pub fn times_on<Tz: TimeZone>(&self, date: NaiveDate, tz: &Tz) -> Vec<DateTime<Tz>> {
        if !self.days.contains(date.weekday()) {
            return Vec::new();
        }
        let mut out: Vec<DateTime<Tz>> = self
            .times
            .of_day()
            .into_iter()
            .filter_map(|t| resolve(tz, date.and_time(t)))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The first of its times after `after`, looking a week ahead.
    pub fn next_after<Tz: TimeZone>(&self, after: &DateTime<Tz>) -> Option<DateTime<Tz>> {
        let tz = after.timezone();
        let today = after.date_naive();
        (0..=8u64)
            .filter_map(|d| today.checked_add_days(DayCount::new(d)))
            .find_map(|date| self.times_on(date, &tz).into_iter().find(|t| t > after))
    }

    /// Whether it is due at `now`, given when its routine was last done: `None`
    /// unless one of its times today has come and the routine was not done since.
    pub fn due<Tz: TimeZone>(
        &self,
        last_done: Option<&DateTime<FixedOffset>>,
        now: &DateTime<Tz>,
    ) -> Option<(DateTime<Tz>, DateTime<Tz>)> {
        let today = self.times_on(now.date_naive(), &now.timezone());
        let unanswered: Vec<DateTime<Tz>> = today
            .into_iter()
            .filter(|t| t <= now && last_done.is_none_or(|d| *d < *t))
            .collect();
        Some((unanswered.first()?.clone(), unanswered.last()?.clone()))
    }
}

/// The reminders due at `now`, one per routine (the one due longest), the one due
/// longest first.
pub fn due_now<Tz: TimeZone>(
    reminders: &[Reminder],
    last_done: &LastDone,
    now: &DateTime<Tz>,
) -> Vec<Due<Tz>> {
    let mut out: Vec<Due<Tz>> = Vec::new();
    for (i, r) in reminders.iter().enumerate() {
        let done = last_done.get(&r.routine);
        let Some((since, latest)) = r.due(done, now) else {
            continue;
        };
        match out.iter_mut().find(|d| d.routine == r.routine) {
            Some(d) => {
                if since < d.since {
                    d.since = since;
                }
                if latest > d.latest {
                    d.latest = latest;
                }
            }
            None => out.push(Due {
                reminder: i,
                routine: r.routine.clone(),
                since,
                latest,
                last_done: done.cloned(),
            }),
        }
    }
    out.sort_by(|a, b| a.since.cmp(&b.since).then(a.reminder.cmp(&b.reminder)));
    out
}

/// The next time any reminder comes after `now` (the first in the schedule when
/// two come at once).
pub fn next_up<Tz: TimeZone>(reminders: &[Reminder], now: &DateTime<Tz>) -> Option<Upcoming<Tz>> {
    reminders
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.next_after(now).map(|at| Upcoming {
                reminder: i,
                routine: r.routine.clone(),
                at,
            })
        })
        .min_by(|a, b| a.at.cmp(&b.at).then(a.reminder.cmp(&b.reminder)))
}

/// A located problem for each reminder whose routine is not among `ids`.
pub fn unknown_routines(reminders: &[Reminder], ids: &[&str]) -> Vec<Diagnostic> {
    reminders
        .iter()
        .filter(|r| !ids.contains(&r.routine.as_str()))
        .map(|r| {
            let hint = nearest(&r.routine, ids.iter().copied())
                .map(|n| format!(" (did you mean \"{n}\"?)"))
                .unwrap_or_default();
            r.place.problem(
                format!("no routine has the id \"{}\"{hint}", r.routine),
                format!(
                    "a routine id, one of: {} (`upright routines` lists them)",
                    ids.join(", ")
                ),
            )
        })
        .collect()
}
