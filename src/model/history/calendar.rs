//! Active days: the calendar and the weekly counts, in local days.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone};
use serde::Serialize;

use super::{History, Status};

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

impl History {
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
}

/// The Monday of a date's week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}
