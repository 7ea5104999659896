//! The session log's part of `upright check`: reads the log (writing nothing) and
//! says what is in it, or where it cannot be used.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::diagnostic::Diagnostic;
use crate::model::event::{Event, Name};

use super::log;

/// What a readable log holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogSummary {
    pub path: PathBuf,
    /// Whether the file exists (a missing log is fine: the first session creates it).
    pub exists: bool,
    pub sessions: usize,
    /// Lines read, blank ones included.
    pub lines: usize,
}

impl fmt::Display for LogSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if !self.exists {
            return write!(
                f,
                "no session log yet ({path} will be created by the first session)"
            );
        }
        let s = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "session log {path}: {} session{}, {} line{}",
            self.sessions,
            s(self.sessions),
            self.lines,
            s(self.lines)
        )
    }
}

/// Checks the log at `path`: its summary when every line is usable, else one
/// located problem per set-aside line (or one for a file that cannot be read).
/// Reads only: nothing is copied to the .corrupt file.
pub fn check_log(path: &Path) -> Result<LogSummary, Vec<Diagnostic>> {
    // Only the sessions are counted, as the lines are read: memory holds their
    // ids, not the events or the file. A session is what the history makes of
    // the events with one id (level changes belong to none).
    let mut ids: HashSet<Name> = HashSet::new();
    let loaded = log::read_each(path, &mut |e| {
        if !matches!(e, Event::Level(_)) {
            ids.insert(e.session_name().clone());
        }
    })
    .map_err(|e| {
        vec![Diagnostic::whole_file(
            &path.display().to_string(),
            e.to_string(),
        )]
    })?;
    if !loaded.set_aside.is_empty() {
        return Err(loaded.diagnostics());
    }
    let sessions = ids.len();
    Ok(LogSummary {
        path: path.to_path_buf(),
        exists: loaded.exists,
        sessions,
        lines: loaded.lines,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = r#"{"type":"start","v":1,"session":"s1","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"Full"}"#;

    #[test]
    fn a_missing_log_is_fine_and_says_it_will_be_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let summary = check_log(&path).expect("missing log is ok");
        assert!(!summary.exists);
        assert_eq!(
            summary.to_string(),
            format!(
                "no session log yet ({} will be created by the first session)",
                path.display()
            )
        );
    }

    #[test]
    fn a_readable_log_is_summarised() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        std::fs::write(&path, format!("{START}\n")).expect("write");
        let summary = check_log(&path).expect("good log");
        assert_eq!((summary.sessions, summary.lines), (1, 1));
        assert_eq!(
            summary.to_string(),
            format!("session log {}: 1 session, 1 line", path.display())
        );
    }

    #[test]
    fn sessions_are_counted_as_the_history_counts_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let mut text = log::synthetic::lines(60, 2, 5).join("\n");
        text.push('\n');
        std::fs::write(&path, text).expect("write");
        let events = log::read(&path).expect("read").events;
        let history = crate::model::history::History::from_events(events);
        let summary = check_log(&path).expect("good log");
        assert_eq!(summary.sessions, history.sessions().len());
        assert_eq!(summary.sessions, 120);
    }

    #[test]
    fn bad_lines_are_located_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        std::fs::write(&path, format!("{START}\nnot an event\n")).expect("write");
        let diags = check_log(&path).unwrap_err();
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (2, 1));
        assert!(!log::corrupt_path(&path).exists());
    }

    #[test]
    fn a_log_that_cannot_be_read_is_one_whole_file_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let diags = check_log(dir.path()).unwrap_err();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 0);
        assert_eq!(diags[0].path, dir.path().display().to_string());
    }
}
