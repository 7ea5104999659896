//! What is due now, for the picker's "Due now" line: the schedule of
//! `[[reminder]]`s against when each routine was last done (from the history).
//! When a routine comes due, the picker selects it, so Enter starts it.

use std::time::Instant;

use chrono::{DateTime, Days, FixedOffset, Local, TimeZone};

use super::{App, Screen};
use crate::model::digest::last_done;
use crate::model::schedule::{LastDone, due_now, next_up};

/// A routine due now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueNote {
    pub routine: String,
    pub name: String,
    pub since: DateTime<FixedOffset>,
    pub last_done: Option<DateTime<FixedOffset>>,
}

/// The app's view of the schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reminders {
    /// When each routine was last done, from the history.
    last_done: LastDone,
    /// The history is in (until then nothing is known to be due).
    ready: bool,
    /// Due now, the one due longest first.
    pub due: Vec<DueNote>,
}

impl App {
    /// The history changed: when each routine was last done, and so what is due.
    pub(super) fn reminders_history_changed(&mut self) {
        if self.settings.reminders.is_empty() {
            return;
        }
        self.reminders.last_done = last_done(self.history.sessions());
        self.reminders.ready = true;
        self.update_due();
    }

    /// Works out what is due at `self.now`; a routine that has just come due is
    /// selected in the picker.
    pub(super) fn update_due(&mut self) {
        if self.settings.reminders.is_empty() || !self.reminders.ready {
            return;
        }
        let now = self.now.wall.with_timezone(&Local);
        let notes: Vec<DueNote> =
            due_now(&self.settings.reminders, &self.reminders.last_done, &now)
                .into_iter()
                .map(|d| DueNote {
                    name: self
                        .catalog
                        .find_routine(&d.routine)
                        .map_or_else(|_| d.routine.clone(), |r| r.name.clone()),
                    since: d.since.fixed_offset(),
                    last_done: d.last_done,
                    routine: d.routine,
                })
                .collect();
        let fresh = notes
            .iter()
            .find(|n| !self.reminders.due.iter().any(|o| o.routine == n.routine))
            .map(|n| n.routine.clone());
        if let Some(id) = fresh
            && matches!(self.screen, Screen::Main)
            && let Some(i) = self.catalog.routines().position(|r| r.id == id)
        {
            self.selected = i;
        }
        self.reminders.due = notes;
    }

    /// When what is due changes by itself: the next reminder time, or the end of
    /// the day (when due reminders lapse). `None` without reminders.
    pub(super) fn reminders_wake(&self) -> Option<Instant> {
        if self.settings.reminders.is_empty() {
            return None;
        }
        let now = self.now.wall.with_timezone(&Local);
        let next = next_up(&self.settings.reminders, &now).map(|n| n.at);
        let midnight = now
            .date_naive()
            .checked_add_days(Days::new(1))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| Local.from_local_datetime(&t).earliest());
        let at = match (next, midnight) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        let wait = (at.fixed_offset() - self.now.wall)
            .to_std()
            .unwrap_or_default();
        self.now.mono.checked_add(wait)
    }
}
