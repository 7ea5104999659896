//! What `upright status` needs of the history, in a few hundred bytes however long
//! the history is: when each routine was last done, its name, the latest run of
//! active days (for the streak) and the sessions of the last days (for this week).
//! Built from sessions, and extended by later ones without the earlier ones.
//!
//! Days are local days in the zone given; a session counts as
//! [`SessionRecord::counts`] says, on the local day it started, as in the stats.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};

use super::history::{SessionRecord, week_start};
use super::schedule::LastDone;

/// Active days kept with their counts, back from the last active day: enough for
/// any week that has not ended before the last active day.
pub const RECENT_DAYS: u64 = 14;

/// The condensed history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest {
    /// Routine id -> the end of its latest session that counts.
    pub last_done: LastDone,
    /// Routine id -> its name as last logged.
    pub names: BTreeMap<String, String>,
    /// The latest run of consecutive active days: (first, last).
    pub run: Option<(NaiveDate, NaiveDate)>,
    /// Sessions that count per active day, for the [`RECENT_DAYS`] days up to the
    /// last active day.
    pub recent: BTreeMap<NaiveDate, u32>,
}

/// Sessions that started before what a digest already holds cannot be added to it
/// (they might join runs it no longer knows): build it again from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooEarly;

/// When a session ended, or its last event if it has no end.
pub fn session_end(s: &SessionRecord) -> DateTime<FixedOffset> {
    s.ended.unwrap_or(s.last_event)
}

/// Notes `s` in `done` if it counts and ended later than what is there.
fn note_done(done: &mut LastDone, s: &SessionRecord) {
    if let (Some(id), true) = (&s.routine, s.counts()) {
        let end = session_end(s);
        let slot = done.entry(id.clone()).or_insert(end);
        *slot = (*slot).max(end);
    }
}

/// When each routine was last done: the end of its latest session that counts.
pub fn last_done<'a>(sessions: impl IntoIterator<Item = &'a SessionRecord>) -> LastDone {
    let mut done = LastDone::new();
    for s in sessions {
        note_done(&mut done, s);
    }
    done
}

impl Digest {
    /// The digest of `sessions` (in any order), with days in `tz`.
    pub fn of<'a, Tz: TimeZone>(
        sessions: impl IntoIterator<Item = &'a SessionRecord>,
        tz: &Tz,
    ) -> Digest {
        let mut d = Digest::default();
        let mut sessions: Vec<&SessionRecord> = sessions.into_iter().collect();
        sessions.sort_by_key(|s| s.started);
        // Nothing held yet, so nothing can be too early.
        let _ = d.add(sessions, tz);
        d
    }

    /// Adds later sessions. `Err(TooEarly)` (and the digest unchanged in its days)
    /// when one started on a day before the latest run this digest holds.
    pub fn add<'a, Tz: TimeZone>(
        &mut self,
        sessions: impl IntoIterator<Item = &'a SessionRecord>,
        tz: &Tz,
    ) -> Result<(), TooEarly> {
        let mut days: BTreeMap<NaiveDate, u32> = BTreeMap::new();
        let mut routines: Vec<&SessionRecord> = Vec::new();
        for s in sessions {
            if s.routine.is_some() {
                routines.push(s);
            }
            if s.counts() {
                *days.entry(s.local_date(tz)).or_default() += 1;
            }
        }
        if let (Some((first, _)), Some(earliest)) = (self.run, days.keys().next())
            && *earliest < first
        {
            return Err(TooEarly);
        }
        routines.sort_by_key(|s| s.started);
        for s in routines {
            if let (Some(id), Some(name)) = (&s.routine, &s.routine_name) {
                self.names.insert(id.clone(), name.clone());
            }
            note_done(&mut self.last_done, s);
        }
        for (day, n) in days {
            self.run = match self.run {
                Some((first, last)) if day <= last => Some((first, last)),
                Some((first, last)) if last.succ_opt() == Some(day) => Some((first, day)),
                _ => Some((day, day)),
            };
            *self.recent.entry(day).or_default() += n;
        }
        if let Some((_, last)) = self.run {
            let from = last.checked_sub_days(Days::new(RECENT_DAYS - 1));
            self.recent.retain(|d, _| from.is_none_or(|f| *d >= f));
        }
        Ok(())
    }

    /// Consecutive active days up to today or yesterday (as the stats count them).
    pub fn streak(&self, today: NaiveDate) -> u32 {
        let Some((first, last)) = self.run else {
            return 0;
        };
        let end = if (first..=last).contains(&today) {
            today
        } else if last.succ_opt() == Some(today) {
            last
        } else {
            return 0;
        };
        u32::try_from((end - first).num_days() + 1).unwrap_or(u32::MAX)
    }

    /// Sessions that count in today's Monday-based week.
    pub fn week_sessions(&self, today: NaiveDate) -> u32 {
        let start = week_start(today);
        let end = start.checked_add_days(Days::new(7));
        self.recent
            .iter()
            .filter(|(d, _)| **d >= start && end.is_none_or(|e| **d < e))
            .map(|(_, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::{EndStatus, Event, parse_line};
    use crate::model::history::History;

    /// A completed session of `routine` on 2024-05-`day` at `hour` (UTC+1), 10
    /// minutes, with one set done.
    fn session(id: &str, routine: &str, day: u32, hour: u32) -> [Event; 3] {
        let stamp = |min: u32| format!("2024-05-{day:02}T{hour:02}:{min:02}:00+01:00");
        let at = |min: u32| DateTime::parse_from_rfc3339(&stamp(min)).expect("time");
        let step = parse_line(&format!(
            "{{\"type\":\"step\",\"v\":1,\"session\":\"{id}\",\"at\":\"{}\",\"index\":0,\
             \"exercise\":\"plank\",\"exercise_name\":\"Plank\",\"level\":1,\"set\":1,\"sets\":1,\
             \"dose\":\"hold\",\"planned_secs\":30,\"achieved_secs\":30,\"skipped\":false,\"hurt\":false}}",
            stamp(5)
        ))
        .expect("a step line");
        [
            Event::start(id, (routine, "A routine"), None, 1, at(0)),
            step,
            Event::end(id, EndStatus::Completed, 600.0, at(10)),
        ]
    }

    fn tz() -> FixedOffset {
        FixedOffset::east_opt(3600).expect("offset")
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, d).expect("date")
    }

    #[test]
    fn the_latest_run_and_the_recent_days() {
        let events: Vec<Event> = [(1, 8), (3, 8), (4, 8), (4, 18), (5, 8)]
            .iter()
            .enumerate()
            .flat_map(|(i, &(d, h))| session(&format!("s{i}"), "full", d, h))
            .collect();
        let h = History::from_events(events);
        let d = Digest::of(h.sessions(), &tz());
        assert_eq!(d.run, Some((day(3), day(5))));
        assert_eq!(d.recent.get(&day(4)), Some(&2));
        assert_eq!(d.streak(day(5)), 3);
        assert_eq!(d.streak(day(6)), 3, "yesterday still counts");
        assert_eq!(d.streak(day(7)), 0);
        // Wednesday 1 May to Sunday 5 May is one week.
        assert_eq!(d.week_sessions(day(5)), 5);
        assert_eq!(d.week_sessions(day(6)), 0, "Monday 6 May starts a new week");
        assert_eq!(
            d.last_done.get("full").map(|t| t.to_rfc3339()),
            Some("2024-05-05T08:10:00+01:00".into())
        );
        assert_eq!(d.names.get("full").map(String::as_str), Some("A routine"));
    }

    #[test]
    fn later_sessions_extend_it_and_earlier_ones_are_refused() {
        let h = History::from_events(session("a", "full", 10, 8));
        let mut d = Digest::of(h.sessions(), &tz());
        let next = History::from_events(session("b", "desk-break", 11, 9));
        assert_eq!(d.add(next.sessions(), &tz()), Ok(()));
        assert_eq!(d.run, Some((day(10), day(11))));
        assert!(d.last_done.contains_key("desk-break"));
        let before = d.clone();
        let early = History::from_events(session("c", "full", 9, 9));
        assert_eq!(d.add(early.sessions(), &tz()), Err(TooEarly));
        assert_eq!(d, before);
    }

    #[test]
    fn a_session_that_does_not_count_is_not_done() {
        let mut events = session("a", "full", 10, 8).to_vec();
        if let Event::End(e) = &mut events[2] {
            e.status = EndStatus::Abandoned;
        }
        let h = History::from_events(events);
        let d = Digest::of(h.sessions(), &tz());
        assert!(d.last_done.is_empty());
        assert_eq!(d.run, None);
        assert_eq!(d.names.len(), 1);
    }
}
