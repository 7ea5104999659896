//! The figures of the Stats view and `upright stats`.

use chrono::{DateTime, Days, NaiveDate, TimeZone};
use serde::Serialize;

use super::{Best, History, LevelChange, PainSummary, Status, week_start};

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
    /// Sessions by how they ended (of those in the history it was worked out from:
    /// discarded ones are left out of the figures, see [`History::without_discarded`]).
    pub completed: usize,
    pub ended_early: usize,
    pub interrupted: usize,
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

    /// How the sessions ended, in the words every view uses: "12 completed, 3
    /// ended early, 1 interrupted".
    pub fn outcomes(&self) -> String {
        format!(
            "{} {}, {} {}, {} {}",
            self.completed,
            Status::Completed.word(),
            self.ended_early,
            Status::Partial.word(),
            self.interrupted,
            Status::Interrupted.word()
        )
    }
}

impl History {
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
            ended_early: count(Status::Partial),
            interrupted: count(Status::Interrupted),
            active_secs: self.sessions.iter().map(|s| s.active_secs).sum(),
            bests: self.bests(),
            levels: self.current_levels(),
            pain: self.pain_on(&dates),
        }
    }
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
