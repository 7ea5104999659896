//! The dialogs over the views: the help, the first-run safety notice, the
//! resume offer, the end-session question and the pain and note prompts. One
//! shows at a time; others wait their turn.

use chrono::Duration as TimeDelta;

use super::{App, Screen};
use crate::model::event::{EndStatus, Event};
use crate::model::words::plural;

/// How long after its start an interrupted session is offered for resuming.
pub const RESUME_WINDOW_HOURS: i64 = 12;

/// The question of a pain prompt.
pub const PAIN_QUESTION: &str = "How is your upper back right now? 0-10";

/// What a text prompt is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Pain before starting `routine`.
    PainBefore {
        routine: String,
    },
    PainAfter,
    Note,
    /// Where to write the log events that could not be saved (empty: a new
    /// file in the cache dir).
    SaveEventsTo,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The first-run safety notice.
    Notice,
    /// "End session? save partial / discard / keep going"
    ConfirmEnd,
    /// A question with typed input: a pain score (0-10) or a note.
    Prompt {
        ask: Ask,
        input: String,
    },
    /// "Resume the interrupted session?"
    Resume,
    /// Quitting with log events not saved: retry / write them to a file /
    /// quit anyway / stay.
    QuitUnsaved,
}

/// An interrupted session the user can pick up again.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeOffer {
    pub session_id: String,
    pub routine_id: String,
    pub routine_name: String,
    /// The plan phase to start from.
    pub next_index: usize,
    /// Sets done, sets skipped (or stopped because they hurt), of all the sets
    /// the session had.
    pub done: usize,
    pub skipped: usize,
    pub total: usize,
}

impl ResumeOffer {
    /// "3 of 12 sets done, 2 skipped".
    pub fn progress(&self) -> String {
        let mut text = format!(
            "{} of {} done",
            self.done,
            plural(self.total as u64, "set", "sets")
        );
        if self.skipped > 0 {
            text.push_str(&format!(", {} skipped", self.skipped));
        }
        text
    }
}

impl App {
    /// Shows an overlay now, or after the one already open.
    pub(super) fn show(&mut self, overlay: Overlay) {
        if self.overlay.is_none() {
            self.overlay = Some(overlay);
        } else {
            self.queued.push(overlay);
        }
    }

    /// Closes the current overlay and opens the next one waiting, if any.
    pub(super) fn close_overlay(&mut self) {
        self.overlay = if self.queued.is_empty() {
            None
        } else {
            Some(self.queued.remove(0))
        };
    }

    /// Shows the safety notice (first run).
    pub fn show_notice(&mut self) {
        self.show(Overlay::Notice);
    }

    /// Whether the safety notice's marker was written (if not, it shows again at
    /// the next start, and the status bar says why).
    pub fn notice_saved(&mut self, result: Result<(), String>) {
        if let Err(why) = result {
            self.status_line = Some(why);
        }
    }

    /// Offers to resume an interrupted session.
    pub fn offer_resume(&mut self, offer: ResumeOffer) {
        self.resume_offer = Some(offer);
        self.show(Overlay::Resume);
    }

    /// The interrupted session to offer, if there is a recent one whose routine
    /// still exists.
    pub fn resume_candidate(&self) -> Option<ResumeOffer> {
        let r = self.history.last_interrupted_on(
            &self.host,
            &self.now.wall,
            TimeDelta::hours(RESUME_WINDOW_HOURS),
        )?;
        let routine_id = r.session.routine.clone()?;
        let routine = self.catalog.routine(&routine_id)?;
        Some(ResumeOffer {
            session_id: r.session.id.to_string(),
            routine_id,
            routine_name: routine.name.clone(),
            next_index: r.next_index as usize,
            done: r.session.done_steps(),
            skipped: r.session.steps.len() - r.session.done_steps(),
            total: r.session.total_steps(),
        })
    }

    /// "Not now": the interrupted session gets its end (it stays interrupted), so
    /// it is never offered again.
    pub(super) fn decline_resume(&mut self, offer: &ResumeOffer) {
        let active = self
            .history
            .session(&offer.session_id)
            .map_or(0.0, |s| s.active_secs);
        let end = Event::end(
            &offer.session_id,
            EndStatus::Interrupted,
            active,
            self.now.wall,
        );
        self.record(end);
        self.refresh_figures();
    }

    /// Leaves the app at the user's request (the quit key, or back from a top
    /// view): a session in progress ends as partial. If log events are not
    /// saved, the runner asks first ([`App::hold_quit`]).
    pub fn quit_app(&mut self) {
        if self.in_session() {
            self.end_session(EndStatus::Partial);
        }
        self.quit = true;
    }

    /// The runner is about to leave with every answer of the log's writer in:
    /// if events are still not saved and the user has not said to quit anyway,
    /// the quit waits for the question "not saved to the log" (returns true).
    pub fn hold_quit(&mut self) -> bool {
        if self.unsaved.is_none() || self.quit_anyway {
            return false;
        }
        self.quit = false;
        if !matches!(self.overlay, Some(Overlay::QuitUnsaved)) {
            self.overlay = None;
            self.queued.clear();
            self.show(Overlay::QuitUnsaved);
        }
        true
    }

    /// An answer to the quit question.
    pub(super) fn quit_unsaved_input(&mut self, action: Option<super::Action>) {
        use super::{Action, Effect};
        match action {
            Some(Action::RetrySave) => {
                // Quits once the writer says all is saved; asks again if not.
                self.close_overlay();
                self.effects.push(Effect::RetrySave);
                self.quit = true;
            }
            Some(Action::SaveElsewhere) => {
                self.close_overlay();
                self.ask(Ask::SaveEventsTo);
            }
            Some(Action::QuitAnyway | Action::Quit) => {
                self.close_overlay();
                self.quit_anyway = true;
                self.quit = true;
            }
            Some(Action::KeepGoing) => self.close_overlay(),
            _ => {}
        }
    }

    /// The events waiting were written to another file (how many, where), or
    /// could not be. Written: the app quits, as asked; not: the question again.
    pub fn events_saved_to(&mut self, result: Result<(usize, String), String>) {
        match result {
            Ok((n, path)) => {
                self.unsaved = None;
                self.unsaved_events = None;
                self.status_line = Some(format!(
                    "{} written to {path}, not to the log.",
                    plural(n as u64, "event", "events")
                ));
                self.quit_anyway = true;
                self.quit = true;
            }
            Err(why) => {
                self.status_line = Some(format!("Could not write the events: {why}"));
                self.show(Overlay::QuitUnsaved);
            }
        }
    }

    /// Asks a question with typed input.
    pub(super) fn ask(&mut self, ask: Ask) {
        self.show(Overlay::Prompt {
            ask,
            input: String::new(),
        });
    }

    /// What the user answered to a prompt (`None`: skipped).
    pub(super) fn answer(&mut self, ask: Ask, answer: Option<String>) {
        let pain = answer
            .as_deref()
            .and_then(|a| a.parse::<u8>().ok())
            .filter(|v| *v <= 10);
        match ask {
            Ask::PainBefore { routine } => {
                self.pain_before = pain;
                self.begin(&routine, None);
            }
            Ask::PainAfter => {
                if let Screen::Summary(s) = &mut self.screen {
                    s.pain_after = pain;
                }
                self.ask(Ask::Note);
            }
            Ask::Note => {
                if let Screen::Summary(s) = &mut self.screen {
                    s.note = answer;
                }
                self.write_answers();
            }
            Ask::SaveEventsTo => {
                self.effects.push(super::Effect::SaveEventsTo(
                    answer.map(|a| a.trim().to_string()),
                ));
            }
        }
    }
}
