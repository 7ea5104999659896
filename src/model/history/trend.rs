//! Pain week by week: the average score before and after sessions in each
//! Monday-based local week, and how it changed over the weeks (the Stats chart,
//! the HTML report).

use chrono::{Days, NaiveDate, TimeZone};
use serde::Serialize;

use super::{History, week_start};
use crate::model::words::plural;

/// The pain scores of one Monday-based week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekPain {
    /// The Monday.
    pub start: NaiveDate,
    /// The average score before sessions that week; `None` without a score.
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// How many scores each average is of.
    pub before_scores: u32,
    pub after_scores: u32,
}

/// Which of a session's two pain scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PainWhen {
    Before,
    After,
}

impl PainWhen {
    pub const BOTH: [PainWhen; 2] = [PainWhen::Before, PainWhen::After];

    /// "before sessions", "after sessions".
    pub fn words(self) -> &'static str {
        match self {
            PainWhen::Before => "before sessions",
            PainWhen::After => "after sessions",
        }
    }

    /// "before", "after" (for machines: CSS classes, JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            PainWhen::Before => "before",
            PainWhen::After => "after",
        }
    }
}

impl WeekPain {
    /// The week's average of one of the scores.
    pub fn value(&self, when: PainWhen) -> Option<f64> {
        match when {
            PainWhen::Before => self.before,
            PainWhen::After => self.after,
        }
    }

    /// Weeks in a row (oldest first) as one point of a chart too long for a
    /// point a week: from the first one's Monday, each score the mean of the
    /// weekly averages that have it (every such week counts once). `None`
    /// without a week.
    pub fn merged(weeks: &[WeekPain]) -> Option<WeekPain> {
        let first = weeks.first()?;
        let mean = |when: PainWhen| {
            let (sum, n) = weeks
                .iter()
                .filter_map(|w| w.value(when))
                .fold((0.0, 0u32), |(sum, n), v| (sum + v, n + 1));
            (n > 0).then(|| sum / f64::from(n))
        };
        Some(WeekPain {
            start: first.start,
            before: mean(PainWhen::Before),
            after: mean(PainWhen::After),
            before_scores: weeks.iter().map(|w| w.before_scores).sum(),
            after_scores: weeks.iter().map(|w| w.after_scores).sum(),
        })
    }
}

/// Weeks compared at each end of the period by [`PainChange`].
pub const CHANGE_WEEKS: usize = 4;

/// How a weekly average changed: from the mean of the first weeks with a score
/// to the mean of the last ones ([`CHANGE_WEEKS`] at each end, or half the
/// weeks with a score when there are fewer than twice as many), so one unusual
/// week does not decide it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PainChange {
    pub from: f64,
    pub to: f64,
    /// Weeks from the first week with a score to the last, both counted.
    pub weeks: u32,
    /// Weeks with a score.
    pub scored_weeks: u32,
}

impl PainChange {
    /// How one score changed over `weeks` (oldest first); `None` without a score.
    pub fn of(weeks: &[WeekPain], when: PainWhen) -> Option<PainChange> {
        let scored: Vec<(usize, f64)> = weeks
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some((i, w.value(when)?)))
            .collect();
        let (first, last) = (scored.first()?.0, scored.last()?.0);
        let k = (scored.len() / 2).clamp(1, CHANGE_WEEKS);
        let mean = |part: &[(usize, f64)]| part.iter().map(|(_, v)| v).sum::<f64>() / k as f64;
        Some(PainChange {
            from: mean(&scored[..k]),
            to: mean(&scored[scored.len() - k..]),
            weeks: u32::try_from(last - first + 1).unwrap_or(u32::MAX),
            scored_weeks: u32::try_from(scored.len()).unwrap_or(u32::MAX),
        })
    }

    /// "4.1 → 2.6 over 12 weeks"; "2.6 in 1 week" when there is one week.
    pub fn words(&self) -> String {
        if self.scored_weeks <= 1 {
            format!("{:.1} in {}", self.to, plural(self.weeks, "week", "weeks"))
        } else {
            format!(
                "{:.1} → {:.1} over {}",
                self.from,
                self.to,
                plural(self.weeks, "week", "weeks")
            )
        }
    }
}

impl History {
    /// The average pain before and after sessions in every Monday-based local
    /// week from the week of `from` (by default the first session with a score)
    /// to the week of `to` (or of the last score, if later), oldest first. A week
    /// without a score is there with `None`. Empty when no session has a score
    /// and no `from` is given.
    pub fn weekly_pain<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Vec<WeekPain> {
        let scored: Vec<(NaiveDate, Option<u8>, Option<u8>)> = self
            .sessions
            .iter()
            .filter(|s| s.pain_before.is_some() || s.pain_after.is_some())
            .map(|s| (s.local_date(tz), s.pain_before, s.pain_after))
            .collect();
        let Some(first) = from.or_else(|| scored.first().map(|s| s.0)) else {
            return Vec::new();
        };
        let first = week_start(first);
        let last_score = scored.last().map_or(first, |s| week_start(s.0));
        let last = week_start(to).max(last_score).max(first);
        let count = (last - first).num_days() / 7 + 1;
        let mut sums: Vec<[(f64, u32); 2]> = vec![[(0.0, 0); 2]; count as usize];
        for (date, before, after) in scored {
            if date < first {
                continue;
            }
            let i = ((date - first).num_days() / 7) as usize;
            let Some(week) = sums.get_mut(i) else {
                continue;
            };
            for (slot, score) in week.iter_mut().zip([before, after]) {
                if let Some(v) = score {
                    slot.0 += f64::from(v);
                    slot.1 += 1;
                }
            }
        }
        let average = |(sum, n): (f64, u32)| (n > 0).then(|| sum / f64::from(n));
        sums.into_iter()
            .enumerate()
            .map(|(i, [b, a])| WeekPain {
                start: first
                    .checked_add_days(Days::new(7 * i as u64))
                    .unwrap_or(first),
                before: average(b),
                after: average(a),
                before_scores: b.1,
                after_scores: a.1,
            })
            .collect()
    }
}
