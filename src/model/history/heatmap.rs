//! The calendar heatmap: the days of the last months in Monday-based weeks, each
//! day in one of a few shades by the minutes exercised (local days).

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone};
use serde::Serialize;

use super::{DayActivity, History, week_start};

/// How much a day had, in steps a legend can name: a day with no session that
/// counts, then by the minutes exercised in the sessions that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shade {
    None,
    Light,
    Medium,
    Strong,
    Full,
}

/// The lower bounds of [`Shade::Medium`], [`Shade::Strong`] and [`Shade::Full`],
/// in minutes exercised in a day.
const BOUNDS: [u32; 3] = [5, 10, 20];

impl Shade {
    pub const ALL: [Shade; 5] = [
        Shade::None,
        Shade::Light,
        Shade::Medium,
        Shade::Strong,
        Shade::Full,
    ];

    /// The shade of a day: none without a session that counts, else by the
    /// seconds exercised (a day with a session that counts is never "none").
    pub fn of(day: Option<&DayActivity>) -> Shade {
        let Some(day) = day.filter(|d| d.sessions > 0) else {
            return Shade::None;
        };
        let minutes = day.active_secs.max(0.0) / 60.0;
        match BOUNDS.iter().filter(|&&b| minutes >= f64::from(b)).count() {
            0 => Shade::Light,
            1 => Shade::Medium,
            2 => Shade::Strong,
            _ => Shade::Full,
        }
    }

    /// What the shade stands for, for legends: "no session", "under 5 min",
    /// "5-9 min", "10-19 min", "20 min or more".
    pub fn meaning(self) -> String {
        let [a, b, c] = BOUNDS;
        match self {
            Shade::None => "no session".to_string(),
            Shade::Light => format!("under {a} min"),
            Shade::Medium => format!("{a}-{} min", b - 1),
            Shade::Strong => format!("{b}-{} min", c - 1),
            Shade::Full => format!("{c} min or more"),
        }
    }

    /// 0 (none) to 4 (most).
    pub fn level(self) -> usize {
        self as usize
    }
}

/// One day of the heatmap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatDay {
    pub date: NaiveDate,
    /// Sessions that count, and the seconds exercised in them.
    pub sessions: u32,
    pub active_secs: f64,
    pub shade: Shade,
}

/// Whole months up to today, a column per Monday-based week and a row per day
/// of the week (Monday first).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heatmap {
    /// The first day shown: the first of a month.
    pub first: NaiveDate,
    pub today: NaiveDate,
    /// The weeks, oldest first, each Monday to Sunday; a day before `first` or
    /// after `today` is `None`.
    pub weeks: Vec<[Option<HeatDay>; 7]>,
}

impl Heatmap {
    /// The Monday of a column.
    pub fn monday(&self, column: usize) -> NaiveDate {
        week_start(self.first)
            .checked_add_days(Days::new(7 * column as u64))
            .unwrap_or(self.first)
    }

    /// The columns where a month begins, with the month's first day: the column
    /// holding the first of each month shown.
    pub fn month_starts(&self) -> Vec<(usize, NaiveDate)> {
        let mut out = Vec::new();
        let mut month = self.first;
        while month <= self.today {
            let column = ((month - week_start(self.first)).num_days() / 7) as usize;
            out.push((column, month));
            match month.checked_add_months(Months::new(1)) {
                Some(next) => month = next,
                None => break,
            }
        }
        out
    }

    /// The months shown.
    pub fn months(&self) -> usize {
        self.month_starts().len()
    }

    /// The last `months` months of this one (all of it if it has fewer).
    pub fn last_months(&self, months: usize) -> Heatmap {
        let starts = self.month_starts();
        let Some(&(column, first)) = starts.get(starts.len().saturating_sub(months.max(1))) else {
            return self.clone();
        };
        let mut weeks = self.weeks[column.min(self.weeks.len())..].to_vec();
        if let Some(week) = weeks.first_mut() {
            for day in week.iter_mut() {
                if day.is_some_and(|d| d.date < first) {
                    *day = None;
                }
            }
        }
        Heatmap {
            first,
            today: self.today,
            weeks,
        }
    }

    /// Every day shown, oldest first.
    pub fn days(&self) -> impl Iterator<Item = &HeatDay> {
        self.weeks.iter().flatten().flatten()
    }

    /// Days with a session that counts.
    pub fn active_days(&self) -> usize {
        self.days().filter(|d| d.sessions > 0).count()
    }

    /// Seconds exercised over the days shown.
    pub fn active_secs(&self) -> f64 {
        self.days().map(|d| d.active_secs).sum()
    }
}

impl History {
    /// The heatmap of the last `months` calendar months, this one included, up
    /// to today, in `now`'s time zone.
    pub fn heatmap<Tz: TimeZone>(&self, now: &DateTime<Tz>, months: u32) -> Heatmap {
        let today = now.date_naive();
        let this_month = today.with_day(1).unwrap_or(today);
        let first = this_month
            .checked_sub_months(Months::new(months.max(1) - 1))
            .unwrap_or(this_month);
        let active = self.active_days(&now.timezone());
        let monday = week_start(first);
        let columns = (week_start(today) - monday).num_days() / 7 + 1;
        let weeks = (0..columns.max(0) as u64)
            .map(|w| {
                std::array::from_fn(|d| {
                    let date = monday.checked_add_days(Days::new(7 * w + d as u64))?;
                    if date < first || date > today {
                        return None;
                    }
                    let activity = active.get(&date);
                    Some(HeatDay {
                        date,
                        sessions: activity.map_or(0, |a| a.sessions),
                        active_secs: activity.map_or(0.0, |a| a.active_secs),
                        shade: Shade::of(activity),
                    })
                })
            })
            .collect();
        Heatmap {
            first,
            today,
            weeks,
        }
    }
}
