//! What `upright remind` does at each wake-up: which notifications to send, and
//! when to wake next. A pure state machine over the schedule, when each routine
//! was last done and `now`; the command only sleeps and sends.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone};

use super::{LastDone, Reminder, due_now};

/// One notification to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub routine: String,
    /// Due since (see [`super::Due::since`]).
    pub since: DateTime<FixedOffset>,
    pub last_done: Option<DateTime<FixedOffset>>,
    /// 0 for the first notification of a due time, then 1, 2... for each repeat.
    pub repeat: u32,
}

/// What to do now, and when to look again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub notices: Vec<Notice>,
    /// The next moment something may be due (a reminder's next time, or a
    /// repeat); `None` with an empty schedule.
    pub wake: Option<DateTime<FixedOffset>>,
}

/// What was sent for a routine that is still due.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sent {
    /// The latest due time it was sent for.
    latest: DateTime<FixedOffset>,
    repeats: u32,
    at: DateTime<FixedOffset>,
}

/// The reminders sent and not yet answered, by routine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reminding {
    sent: BTreeMap<String, Sent>,
}

impl Reminding {
    pub fn new() -> Reminding {
        Reminding::default()
    }

    /// Looks at the schedule at `now`: a routine that came due since the last look
    /// (or since it was last sent, at a newer time) is sent; one sent and still not
    /// done is sent again `snooze` after the last time, at most `max_repeats` times
    /// (`snooze` zero: never). A routine done, or no longer due (its day ended), is
    /// forgotten.
    pub fn step<Tz: TimeZone>(
        &mut self,
        reminders: &[Reminder],
        last_done: &LastDone,
        snooze: Duration,
        max_repeats: u32,
        now: &DateTime<Tz>,
    ) -> Plan {
        let now_f = now.fixed_offset();
        let due = due_now(reminders, last_done, now);
        self.sent
            .retain(|routine, _| due.iter().any(|d| d.routine == *routine));
        let snooze = TimeDelta::from_std(snooze).unwrap_or(TimeDelta::zero());
        let mut notices = Vec::new();
        for d in &due {
            let latest = d.latest.fixed_offset();
            let repeat = match self.sent.get(&d.routine) {
                Some(s) if s.latest == latest => {
                    let again =
                        !snooze.is_zero() && s.repeats < max_repeats && now_f >= s.at + snooze;
                    if !again {
                        continue;
                    }
                    s.repeats + 1
                }
                _ => 0,
            };
            self.sent.insert(
                d.routine.clone(),
                Sent {
                    latest,
                    repeats: repeat,
                    at: now_f,
                },
            );
            notices.push(Notice {
                routine: d.routine.clone(),
                since: d.since.fixed_offset(),
                last_done: d.last_done,
                repeat,
            });
        }
        let next_time = reminders
            .iter()
            .filter_map(|r| r.next_after(now))
            .map(|t| t.fixed_offset())
            .min();
        let next_repeat = self
            .sent
            .values()
            .filter(|s| !snooze.is_zero() && s.repeats < max_repeats)
            .map(|s| s.at + snooze)
            .min();
        let wake = match (next_time, next_repeat) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Plan { notices, wake }
    }
}
