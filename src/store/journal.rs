//! The session log as the app writes it: each event is appended (locked, one
//! write, synced) in order; an event that cannot be written is kept in memory
//! with the ones after it, and written again before the next one or when asked.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use super::log;
use crate::model::event::{Event, Unsaved};

/// Appends events to one log file, keeping those it could not write yet.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    pending: VecDeque<Event>,
}

impl Journal {
    pub fn new(path: PathBuf) -> Journal {
        Journal {
            path,
            pending: VecDeque::new(),
        }
    }

    /// A journal holding `events` as waiting (nothing is written until asked).
    pub fn holding(path: PathBuf, events: Vec<Event>) -> Journal {
        Journal {
            path,
            pending: events.into(),
        }
    }

    /// The log file written to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `event` after any still waiting. `Err` says how many are kept and why.
    pub fn append(&mut self, event: Event) -> Result<(), Unsaved> {
        self.pending.push_back(event);
        self.flush()
    }

    /// Writes the events waiting, in order, stopping at the first failure.
    pub fn flush(&mut self) -> Result<(), Unsaved> {
        while let Some(first) = self.pending.front() {
            if let Err(e) = log::append(&self.path, first) {
                return Err(Unsaved {
                    kept: self.pending.len(),
                    reason: e.to_string(),
                });
            }
            self.pending.pop_front();
        }
        Ok(())
    }

    /// How many events are waiting to be written.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Writes the events waiting into another file (a log of their own, which
    /// `upright log import` takes), in order, and forgets those written. Returns
    /// how many were written; on an error, the rest are still waiting.
    pub fn export(&mut self, path: &Path) -> std::io::Result<usize> {
        let mut written = 0;
        while let Some(first) = self.pending.front() {
            log::append(path, first)?;
            self.pending.pop_front();
            written += 1;
        }
        Ok(written)
    }

    /// The events waiting, oldest first.
    pub fn pending(&self) -> impl Iterator<Item = &Event> {
        self.pending.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::event::{EndStatus, Event};

    fn end(session: &str) -> Event {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T08:30:00+01:00").expect("time");
        Event::end(session, EndStatus::Completed, 60.0, at)
    }

    #[test]
    fn events_kept_after_a_failure_are_written_in_order_once_it_clears() {
        let dir = tempfile::tempdir().expect("tempdir");
        // The data dir is a file for now: nothing can be written under it.
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, "not a directory").expect("write");
        let mut journal = Journal::new(blocker.join("sessions.jsonl"));
        let err = journal.append(end("a")).expect_err("cannot write");
        assert_eq!(err.kept, 1);
        assert!(err.reason.contains("data"), "{}", err.reason);
        assert_eq!(journal.append(end("b")).expect_err("still").kept, 2);
        std::fs::remove_file(&blocker).expect("remove");
        assert_eq!(journal.flush(), Ok(()));
        assert_eq!(journal.unsaved(), 0);
        let text = std::fs::read_to_string(journal.path()).expect("log");
        let sessions: Vec<&str> = text
            .lines()
            .map(|l| if l.contains("\"a\"") { "a" } else { "b" })
            .collect();
        assert_eq!(sessions, ["a", "b"]);
    }
}
