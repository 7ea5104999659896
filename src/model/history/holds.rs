//! The best open hold of an exercise at each level over time (the Stats chart
//! of the plank): a step series per level, and its days gathered into the
//! columns of a chart of a given width.

use chrono::{Days, NaiveDate, TimeZone};

use super::{History, week_start};
use crate::model::event::{DoseKind, Name};

/// The best open hold at one level over time.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelHolds {
    pub level: u32,
    /// Each day the best went up, with what it became (seconds), oldest
    /// first; the first is the first hold at this level.
    pub steps: Vec<(NaiveDate, f64)>,
    /// The last day a hold was done at this level: the series ends there.
    pub last: NaiveDate,
}

/// The best open hold of one exercise at each level, over time.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldBests {
    pub exercise: Name,
    pub exercise_name: Name,
    /// At least one, lowest level first.
    pub levels: Vec<LevelHolds>,
    /// The chart's last day: today, or the last hold's day if that is later
    /// (a clock set back).
    pub to: NaiveDate,
}

/// How many days a column of the chart gathers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    /// Whole weeks, Monday to Sunday.
    Weeks(u32),
}

/// Some days of the chart, and the best at each level that ran then.
#[derive(Debug, Clone, PartialEq)]
pub struct HoldColumn {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The best at the end of the part of the column the level ran in, for
    /// each level that ran then (lowest first).
    pub bests: Vec<(u32, f64)>,
}

impl LevelHolds {
    fn new(level: u32, date: NaiveDate) -> LevelHolds {
        LevelHolds {
            level,
            steps: Vec::new(),
            last: date,
        }
    }

    /// A hold of `secs` on `date` (holds come oldest first).
    fn add(&mut self, date: NaiveDate, secs: f64) {
        self.last = self.last.max(date);
        match self.steps.last_mut() {
            Some((_, best)) if secs <= *best => {}
            // A day keeps its best, not each hold that went up.
            Some((day, best)) if *day == date => *best = secs,
            _ => self.steps.push((date, secs)),
        }
    }

    /// The day of the first hold.
    pub fn first(&self) -> Option<NaiveDate> {
        self.steps.first().map(|s| s.0)
    }

    /// The best as it stood at the end of `day`, if a hold was done by then.
    pub fn best_on(&self, day: NaiveDate) -> Option<f64> {
        let held = self.steps.partition_point(|(d, _)| *d <= day);
        held.checked_sub(1).map(|i| self.steps[i].1)
    }

    /// The best at the end of the part of `from..=to` that the level ran in
    /// (from its first hold to its last), if it ran then.
    pub fn best_within(&self, from: NaiveDate, to: NaiveDate) -> Option<f64> {
        let first = self.first()?;
        if to < first || from > self.last {
            return None;
        }
        self.best_on(to.min(self.last))
    }
}

impl HoldBests {
    /// The day of the first hold at any level.
    pub fn first(&self) -> NaiveDate {
        self.levels
            .iter()
            .filter_map(LevelHolds::first)
            .min()
            .unwrap_or(self.to)
    }

    /// The longest hold at any level, in seconds.
    pub fn top(&self) -> f64 {
        self.levels
            .iter()
            .filter_map(|l| l.steps.last().map(|s| s.1))
            .fold(0.0, f64::max)
    }

    /// The days from the first hold to [`HoldBests::to`] in at most `max`
    /// columns: a day a column when they fit, else as few whole weeks a column
    /// as fit (the first column starting on the Monday of the first hold).
    pub fn columns(&self, max: usize) -> (Bucket, Vec<HoldColumn>) {
        let max = u64::try_from(max.max(1)).unwrap_or(u64::MAX);
        let first = self.first();
        let days =
            |from: NaiveDate, to: NaiveDate| u64::try_from((to - from).num_days()).unwrap_or(0) + 1;
        let (start, bucket, per) = if days(first, self.to) <= max {
            (first, Bucket::Day, 1)
        } else {
            let start = week_start(first);
            let weeks = days(start, week_start(self.to)).div_ceil(7);
            let per = weeks.div_ceil(max);
            let bucket = Bucket::Weeks(u32::try_from(per).unwrap_or(u32::MAX));
            (start, bucket, per * 7)
        };
        let count = days(start, self.to).div_ceil(per);
        let columns = (0..count)
            .map_while(|c| {
                let from = start.checked_add_days(Days::new(c * per))?;
                let to = from.checked_add_days(Days::new(per - 1))?;
                let bests = self
                    .levels
                    .iter()
                    .filter_map(|l| l.best_within(from, to).map(|b| (l.level, b)))
                    .collect();
                Some(HoldColumn { from, to, bests })
            })
            .collect();
        (bucket, columns)
    }
}

impl History {
    /// The best open hold of `exercise` at each level over time, by local days
    /// in `tz` (a session counts on the day it started), up to `today`; `None`
    /// without a hold of it. Only holds done count (not skipped, not hurt), as
    /// in [`History::bests`].
    pub fn best_holds<Tz: TimeZone>(
        &self,
        exercise: &str,
        tz: &Tz,
        today: NaiveDate,
    ) -> Option<HoldBests> {
        let mut name: Option<&Name> = None;
        let mut levels: Vec<LevelHolds> = Vec::new();
        for s in &self.sessions {
            let date = s.local_date(tz);
            let holds = s
                .steps
                .iter()
                .filter(|st| st.done() && st.dose == DoseKind::Open && &*st.exercise == exercise);
            for st in holds {
                let Some(secs) = st.achieved_secs().filter(|&secs| secs > 0.0) else {
                    continue;
                };
                name = Some(&st.exercise_name);
                let i = match levels.iter().position(|l| l.level == st.level) {
                    Some(i) => i,
                    None => {
                        levels.push(LevelHolds::new(st.level, date));
                        levels.len() - 1
                    }
                };
                levels[i].add(date, secs);
            }
        }
        let name = name?.clone();
        levels.sort_by_key(|l| l.level);
        let last = levels.iter().map(|l| l.last).max().unwrap_or(today);
        Some(HoldBests {
            exercise: exercise.into(),
            exercise_name: name,
            levels,
            to: today.max(last),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::Utc;
    use chrono_tz::Europe::Berlin;

    use super::*;
    use crate::model::history::SessionRecord;
    use crate::model::record::SetRecord;

    /// A set of `exercise` at `level`, held open for `secs` (or a fixed hold).
    fn hold(exercise: &str, level: u32, secs: u64, open: bool) -> SetRecord {
        SetRecord {
            index: 0,
            exercise: exercise.into(),
            exercise_name: "Plank".into(),
            level,
            set: 1,
            sets: 1,
            side: None,
            dose: if open { DoseKind::Open } else { DoseKind::Hold },
            planned: Some(Duration::from_secs(30)),
            achieved: Some(Duration::from_secs(secs)),
            planned_reps: None,
            achieved_reps: None,
            skipped: false,
            hurt: false,
        }
    }

    fn plank(level: u32, secs: u64) -> SetRecord {
        hold("plank", level, secs, true)
    }

    /// A session started at `when` (RFC 3339), named by it.
    fn session(when: &str, sets: Vec<SetRecord>) -> SessionRecord {
        super::super::test_support::session(when, when, sets)
    }

    /// Sessions at 08:00 UTC on these days.
    fn history(days: Vec<(&str, Vec<SetRecord>)>) -> History {
        History {
            sessions: days
                .into_iter()
                .map(|(day, sets)| session(&format!("{day}T08:00:00Z"), sets))
                .collect(),
            levels: Vec::new(),
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn each_level_keeps_its_own_best_as_steps_and_runs_to_its_last_hold() {
        let mut hurt = plank(1, 90);
        hurt.hurt = true;
        let mut skipped = plank(1, 95);
        skipped.skipped = true;
        let h = history(vec![
            (
                "2026-03-02",
                vec![plank(1, 20), hold("plank", 1, 60, false)],
            ),
            // Two holds that go up the same day: the day keeps the longer.
            (
                "2026-03-03",
                vec![plank(1, 25), plank(1, 30), hurt, skipped],
            ),
            (
                "2026-03-04",
                vec![plank(1, 28), hold("side-plank", 1, 99, true)],
            ),
            // A new level: its first hold is its first best, though shorter.
            ("2026-03-09", vec![plank(2, 15)]),
            ("2026-03-10", vec![plank(2, 14)]),
            ("2026-03-12", vec![plank(2, 40)]),
        ]);
        let bests = h.best_holds("plank", &Utc, d("2026-03-15")).expect("holds");
        assert_eq!(&*bests.exercise_name, "Plank");
        assert_eq!(bests.to, d("2026-03-15"));
        assert_eq!(
            bests.levels,
            [
                LevelHolds {
                    level: 1,
                    steps: vec![(d("2026-03-02"), 20.0), (d("2026-03-03"), 30.0)],
                    last: d("2026-03-04"),
                },
                LevelHolds {
                    level: 2,
                    steps: vec![(d("2026-03-09"), 15.0), (d("2026-03-12"), 40.0)],
                    last: d("2026-03-12"),
                },
            ],
            "fixed, hurt and skipped holds and other exercises count for nothing"
        );
        assert_eq!(bests.first(), d("2026-03-02"));
        assert_eq!(bests.top(), 40.0);
        let two = &bests.levels[1];
        assert_eq!(two.best_on(d("2026-03-08")), None);
        assert_eq!(two.best_on(d("2026-03-11")), Some(15.0));
        assert_eq!(two.best_on(d("2026-03-20")), Some(40.0));
        assert_eq!(
            bests.levels[0].best_within(d("2026-03-04"), d("2026-03-10")),
            Some(30.0)
        );
        assert_eq!(
            bests.levels[0].best_within(d("2026-03-05"), d("2026-03-10")),
            None,
            "the level ended on the 4th"
        );
        assert_eq!(h.best_holds("push-up", &Utc, d("2026-03-15")), None);
        assert_eq!(
            History::default().best_holds("plank", &Utc, d("2026-03-15")),
            None
        );
    }

    #[test]
    fn a_day_a_column_when_the_days_fit() {
        let h = history(vec![
            ("2026-03-02", vec![plank(1, 20)]),
            ("2026-03-04", vec![plank(1, 30)]),
            ("2026-03-05", vec![plank(2, 15)]),
        ]);
        let bests = h.best_holds("plank", &Utc, d("2026-03-06")).expect("holds");
        let (bucket, columns) = bests.columns(5);
        assert_eq!(bucket, Bucket::Day);
        let got: Vec<(NaiveDate, Vec<(u32, f64)>)> =
            columns.into_iter().map(|c| (c.from, c.bests)).collect();
        assert_eq!(
            got,
            [
                (d("2026-03-02"), vec![(1, 20.0)]),
                (d("2026-03-03"), vec![(1, 20.0)]),
                (d("2026-03-04"), vec![(1, 30.0)]),
                (d("2026-03-05"), vec![(2, 15.0)]),
                (d("2026-03-06"), vec![]),
            ],
            "a level's line ends on its last hold"
        );
        // One hold today: one column.
        let one = history(vec![("2026-03-02", vec![plank(3, 42)])]);
        let bests = one
            .best_holds("plank", &Utc, d("2026-03-02"))
            .expect("holds");
        assert_eq!(bests.columns(80).1.len(), 1);
        assert_eq!(bests.columns(0).1.len(), 1, "never no column");
    }

    #[test]
    fn whole_weeks_a_column_when_the_days_do_not_fit() {
        // Wednesday 4 March to Monday 13 April 2026: seven weeks from the Monday
        // 2 March, in four columns of two weeks.
        let h = history(vec![
            ("2026-03-04", vec![plank(1, 20)]),
            ("2026-03-17", vec![plank(1, 35)]),
            ("2026-03-18", vec![plank(2, 10)]),
            ("2026-03-30", vec![plank(2, 25)]),
        ]);
        let bests = h.best_holds("plank", &Utc, d("2026-04-13")).expect("holds");
        let (bucket, columns) = bests.columns(4);
        assert_eq!(bucket, Bucket::Weeks(2));
        let column = |from: &str, to: &str, bests: Vec<(u32, f64)>| HoldColumn {
            from: d(from),
            to: d(to),
            bests,
        };
        assert_eq!(
            columns,
            [
                column("2026-03-02", "2026-03-15", vec![(1, 20.0)]),
                column("2026-03-16", "2026-03-29", vec![(1, 35.0), (2, 10.0)]),
                column("2026-03-30", "2026-04-12", vec![(2, 25.0)]),
                column("2026-04-13", "2026-04-26", vec![]),
            ],
            "a level shows from its first hold to its last"
        );
        // Ten years in 200 columns: weeks, never more columns than asked for.
        let long = history(vec![
            ("2015-01-05", vec![plank(1, 20)]),
            ("2024-12-30", vec![plank(4, 90)]),
        ]);
        let bests = long
            .best_holds("plank", &Utc, d("2025-01-02"))
            .expect("holds");
        let (bucket, columns) = bests.columns(200);
        assert_eq!(bucket, Bucket::Weeks(3));
        assert!(columns.len() <= 200, "{}", columns.len());
        assert_eq!(
            columns.last().map(|c| c.bests.clone()),
            Some(vec![(4, 90.0)])
        );
    }

    /// A hold counts on the local day its session started, across Berlin's
    /// clock changes (summer time from 31 March 2024 02:00, back on 27 October
    /// 2024 03:00), and the weeks still start on Mondays.
    #[test]
    fn days_are_local_across_clock_changes() {
        let h = History {
            sessions: vec![
                // Saturday 30 March, 23:30 in Berlin (UTC+1).
                session("2024-03-30T22:30:00Z", vec![plank(1, 20)]),
                // Sunday 31 March 00:30, still UTC+1, then 03:30 at UTC+2.
                session("2024-03-30T23:30:00Z", vec![plank(1, 25)]),
                session("2024-03-31T01:30:00Z", vec![plank(1, 30)]),
                // Monday 1 April 00:30 at UTC+2: still 31 March in UTC.
                session("2024-03-31T22:30:00Z", vec![plank(1, 40)]),
                // Sunday 27 October 00:30 at UTC+2.
                session("2024-10-26T22:30:00Z", vec![plank(2, 15)]),
            ],
            levels: Vec::new(),
        };
        let bests = h
            .best_holds("plank", &Berlin, d("2024-10-28"))
            .expect("holds");
        assert_eq!(
            bests.levels[0].steps,
            [
                (d("2024-03-30"), 20.0),
                (d("2024-03-31"), 30.0),
                (d("2024-04-01"), 40.0),
            ]
        );
        assert_eq!(bests.levels[1].steps, [(d("2024-10-27"), 15.0)]);
        let in_utc = h.best_holds("plank", &Utc, d("2024-10-28")).expect("holds");
        assert_eq!(
            in_utc.levels[0].steps,
            [(d("2024-03-30"), 25.0), (d("2024-03-31"), 40.0)],
            "in UTC the first two and the last two are each one day"
        );
        let (bucket, columns) = bests.columns(40);
        assert_eq!(bucket, Bucket::Weeks(1));
        assert_eq!(columns[0].from, d("2024-03-25"), "the Monday before");
        assert_eq!(columns[0].bests, [(1, 30.0)]);
        assert_eq!(columns[1].from, d("2024-04-01"));
        assert_eq!(columns[1].bests, [(1, 40.0)]);
        assert_eq!(columns.last().map(|c| c.from), Some(d("2024-10-28")));
        assert_eq!(columns[30].bests, [(2, 15.0)], "week of 21 October");
    }
}
