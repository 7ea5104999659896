//! The session log, `sessions.jsonl`: appended one event per line, read back
//! without ever being rewritten.
//!
//! Appending ([`append`]) takes an exclusive lock, writes the whole line with one
//! `write_all` and calls `sync_data` before reporting success, so two upright
//! processes can log at the same time and a crash leaves at most one torn last line.
//! Reading ([`read`], [`read_history`]) keeps every line it can use and sets the
//! others aside; [`load`] and [`load_history`] also copy each set-aside line, once,
//! into `sessions.jsonl.corrupt` beside the log ([`corrupt_path`]), preceded by a
//! comment saying which line it was and why, and the caller gets a warning to show.
//! Nothing is lost.
//!
//! [`synthetic`] makes realistic logs for benchmarks, tests and trying the views on a
//! long history.

mod append;
pub mod import;
mod lines;
mod quarantine;
mod read;
pub mod set;
pub mod synthetic;

use std::io;
use std::path::{Path, PathBuf};

use crate::model::diagnostic::Diagnostic;
use crate::model::event::{Event, SCHEMA_VERSION};
use crate::model::history::History;

pub use append::{append, append_raw};
pub use lines::MAX_LINE;
pub use quarantine::{CORRUPT_SUFFIX, Cut, SetAside, corrupt_path, quarantine};
pub use read::{parse, parse_into, parse_numbered, read, read_each, read_history, read_numbered};

/// What reading the log found.
#[derive(Debug, Clone, Default)]
pub struct LoadedLog {
    pub path: PathBuf,
    /// The usable events, in file order.
    pub events: Vec<Event>,
    /// The lines that were set aside, in file order.
    pub set_aside: Vec<SetAside>,
    /// Lines read (blank ones included).
    pub lines: usize,
    /// Whether the file existed.
    pub exists: bool,
    /// How many set-aside lines this load copied into the .corrupt file (the others
    /// were there from an earlier load).
    pub newly_quarantined: usize,
    /// Why copying to the .corrupt file failed, if it did (the load still succeeds).
    pub quarantine_error: Option<String>,
}

impl LoadedLog {
    /// One warning per set-aside line, plus one if they could not be copied, for
    /// the caller to show (stderr, a status line).
    pub fn warnings(&self) -> Vec<String> {
        let corrupt = corrupt_path(&self.path);
        // Say a copy is kept only when it is.
        let kept = match &self.quarantine_error {
            None => format!("a copy is kept in {}", corrupt.display()),
            Some(_) => "it stays in the log (see below)".to_string(),
        };
        let mut out: Vec<String> = self
            .set_aside
            .iter()
            .map(|s| {
                format!(
                    "{}:{}: line set aside ({}); {kept}",
                    self.path.display(),
                    s.line,
                    s.reason,
                )
            })
            .collect();
        if let Some(err) = &self.quarantine_error {
            out.push(format!(
                "{}: the set-aside lines could not be copied to {}: {err}",
                self.path.display(),
                corrupt.display()
            ));
        }
        out
    }

    /// The set-aside lines as located problems, for `upright check`.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let path = self.path.display().to_string();
        self.set_aside
            .iter()
            .map(|s| Diagnostic {
                path: path.clone(),
                line: s.line,
                column: 1,
                message: format!("line set aside: {}", s.reason),
                expected: Some(format!(
                    "one JSON event (start, step, end or level) of schema version {SCHEMA_VERSION} per line"
                )),
            })
            .collect()
    }

    /// Copies the set-aside lines not copied before into the .corrupt file, noting
    /// how many were copied or why that failed.
    fn copy_set_aside(&mut self) {
        if !self.set_aside.is_empty() {
            match quarantine(&self.path, &self.set_aside) {
                Ok(n) => self.newly_quarantined = n,
                Err(e) => self.quarantine_error = Some(e.to_string()),
            }
        }
    }
}

/// Reads the log and copies any set-aside line not copied before into the .corrupt
/// file. Failing to copy is reported in the result, not as an error: the events
/// still load. Only failing to read the log is an error.
pub fn load(path: &Path) -> io::Result<LoadedLog> {
    let mut log = read(path)?;
    log.copy_set_aside();
    Ok(log)
}

/// [`read_history`], and copies set-aside lines to the .corrupt file as [`load`]
/// does: what the history and stats views and `upright log` call.
pub fn load_history(path: &Path) -> io::Result<(History, LoadedLog)> {
    let (history, mut log) = read_history(path)?;
    log.copy_set_aside();
    Ok((history, log))
}

/// An I/O error with what was being done (and to which path) in front.
fn context(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

/// A start event for tests: session `session` at the RFC 3339 time `at`.
#[cfg(test)]
fn test_start(session: &str, at: &str) -> Event {
    Event::Start(crate::model::event::StartEvent {
        v: 1,
        session: session.into(),
        at: chrono::DateTime::parse_from_rfc3339(at).expect("test time"),
        routine: "full".into(),
        routine_name: "Full upper-back routine".into(),
        pain_before: Some(3),
        planned_steps: None,
    })
}
