//! What the app knows of past sessions: the history (read from the log in the
//! background, then kept up to date with every event this run records), the
//! figures of the Stats view, the History list and its filter, and how saving
//! the log goes.

use chrono::{DateTime, Local, TimeZone};

use super::keymap::Context;
use super::session::READING_LOG;
use super::{App, Effect, Screen};
use crate::model::event::{Event, Unsaved};
use crate::model::history::{Heatmap, History, HoldBests, Stats, WeekPain};
use crate::model::words::plural;

/// Months in the Stats heatmap (fewer show when the terminal is narrow).
pub const HEATMAP_MONTHS: u32 = 12;

/// The exercise whose best open hold at each level Stats charts over time.
pub const CHARTED_HOLD: &str = "plank";

/// What the Stats view shows, worked out when the history changes (not at each
/// frame).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub stats: Stats,
    /// The last [`HEATMAP_MONTHS`] months, day by day.
    pub heatmap: Heatmap,
    /// Pain before and after sessions week by week, from the first week with a
    /// score to this one.
    pub pain_weeks: Vec<WeekPain>,
    /// The best open hold of [`CHARTED_HOLD`] at each level over time, up to
    /// today; `None` before its first.
    pub best_holds: Option<HoldBests>,
}

impl Figures {
    /// The figures of a history (as shown: without discarded sessions) as of
    /// `now`, in `now`'s time zone.
    pub fn new<Tz: TimeZone>(shown: &History, now: &DateTime<Tz>, weekly_goal: u32) -> Figures {
        Figures {
            stats: shown.stats(now, weekly_goal),
            heatmap: shown.heatmap(now, HEATMAP_MONTHS),
            pain_weeks: shown.weekly_pain(&now.timezone(), None, now.date_naive()),
            best_holds: shown.best_holds(CHARTED_HOLD, &now.timezone(), now.date_naive()),
        }
    }
}

impl App {
    /// Records an event of this run: it counts in the history at once, and goes
    /// to the log (the runner reports with [`App::log_saved`]).
    pub(super) fn record(&mut self, event: Event) {
        // A set changes nothing History lists or filters by; the others may.
        let listed = !matches!(event, Event::Step(_));
        self.history.extend([event.clone()]);
        if listed {
            self.refresh_rows();
        }
        self.recorded.push(event.clone());
        self.effects.push(Effect::Log(event));
    }

    /// The log as read at start-up (in the background) is in: it goes under what
    /// this run recorded meanwhile; a warning (lines set aside, an unreadable log)
    /// shows in the status bar; an interrupted session may be offered.
    pub fn history_loaded(&mut self, loaded: History, warning: Option<String>) {
        let mut history = loaded;
        // Seeing an event twice (if the read caught one of this run's) changes nothing.
        history.extend(self.recorded.iter().cloned());
        self.history = history;
        self.refresh_figures();
        self.awaiting_history = false;
        if self.status_line.as_deref() == Some(READING_LOG) {
            self.status_line = None;
        }
        if self.status_line.is_none() {
            self.status_line = warning;
        }
        if let Some((routine, resume)) = self.pending_begin.take() {
            self.begin(&routine, resume);
        }
        if self.settings.session.resume
            && self.resume_on_load
            && !self.in_session()
            && let Some(offer) = self.resume_candidate()
        {
            self.offer_resume(offer);
        }
    }

    /// The log is being read in the background: a session asked for before it
    /// is in begins when it is, with the levels and bests it holds.
    pub fn await_history(&mut self) {
        self.awaiting_history = true;
    }

    /// Not to offer an interrupted session when the log is in (the app was
    /// started straight into a session).
    pub fn skip_resume_offer(&mut self) {
        self.resume_on_load = false;
    }

    /// How writing the log went: `Ok` with the log's path, or the events kept in
    /// memory. The status bar says so until they are saved.
    pub fn log_saved(&mut self, result: Result<String, Unsaved>) {
        match result {
            Err(u) => {
                let retry = super::Action::RetrySave;
                let key = self
                    .keymap
                    .first_key(self.context(), retry)
                    .or_else(|| self.keymap.first_key(Context::Picker, retry))
                    .unwrap_or_else(|| retry.name().to_string());
                let msg = format!(
                    "Not saved: press {key} to retry. {} kept in memory. {}",
                    plural(u.kept as u64, "event", "events"),
                    u.reason
                );
                self.status_line = Some(msg.clone());
                self.unsaved = Some(msg);
                self.unsaved_events = Some(u);
            }
            Ok(path) => {
                self.unsaved_events = None;
                if self.unsaved.take().is_some() {
                    self.status_line = Some(format!("Saved: {path} is up to date."));
                }
            }
        }
    }

    /// Works out the Stats figures and the bests again from the history, in
    /// local time, and the end screen's level suggestions.
    pub(super) fn refresh_figures(&mut self) {
        let now = self.now.wall.with_timezone(&Local);
        let goal = self.settings.session.weekly_goal;
        let figures = self
            .history
            .as_shown(|shown| Figures::new(shown, &now, goal));
        let history = std::mem::take(&mut self.history);
        self.set_history(history, Some(figures));
    }

    /// Takes a history with its figures (worked out for a given moment and zone).
    pub fn set_history(&mut self, history: History, figures: Option<Figures>) {
        self.history = history;
        self.figures = figures;
        self.refresh_rows();
        self.suggest_levels();
        let mut new_bests = self.history.new_bests();
        self.new_best_sessions = new_bests.keys().cloned().collect();
        if let Screen::Summary(s) = &mut self.screen {
            s.new_bests = new_bests.remove(s.session_id.as_str()).unwrap_or_default();
        }
        self.reminders_history_changed();
    }

    /// The user's current level of an exercise (the last one they took), if any.
    pub fn current_level(&self, exercise: &str) -> Option<usize> {
        self.history.current_level(exercise).map(|l| l as usize)
    }

    /// The user's longest open hold of an exercise at a level, and when it was
    /// held.
    pub fn best_hold(
        &self,
        exercise_id: &str,
        level: u32,
    ) -> Option<(std::time::Duration, chrono::DateTime<chrono::FixedOffset>)> {
        self.history.best_hold(exercise_id, level)
    }
}
