//! The session log's part of `upright check`: reads the log (writing nothing) and
//! says what is in it, or where it cannot be used.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::diagnostic::Diagnostic;
use crate::model::event::Event;
use crate::model::history::join::{Clash, clashes, join};
use crate::model::host;

use super::log::{self, set};

/// What the readable logs of a data dir hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogSummary {
    /// The log this machine writes (named when there is none yet).
    pub own: PathBuf,
    /// Each log read, with its lines (blank ones included), in join order.
    pub files: Vec<(PathBuf, usize)>,
    /// Sessions in the joined history.
    pub sessions: usize,
    /// What is worth knowing but needs no repair: events found in two files
    /// (shown once), conflict copies, sessions in another host's log.
    pub notes: Vec<String>,
}

impl fmt::Display for LogSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        match self.files.as_slice() {
            [] => write!(
                f,
                "no session log yet ({} will be created by the first session)",
                self.own.display()
            ),
            [(path, lines)] => write!(
                f,
                "session log {}: {} session{}, {lines} line{}",
                path.display(),
                self.sessions,
                s(self.sessions),
                s(*lines)
            ),
            files => {
                let lines: usize = files.iter().map(|(_, n)| n).sum();
                let dir = self.own.parent().unwrap_or(Path::new("."));
                write!(
                    f,
                    "session logs in {}: {} session{} in {} files, {lines} line{}",
                    dir.display(),
                    self.sessions,
                    s(self.sessions),
                    files.len(),
                    s(lines)
                )
            }
        }
    }
}

/// Checks every session log in `dir` (`own` is this machine's, named when none
/// exists yet): the summary when every line of every file is usable and no two
/// files disagree on an event, else one located problem per set-aside line, per
/// file that cannot be read and per conflicting event. Reads only: nothing is
/// copied to a .corrupt file.
pub fn check_logs(dir: &Path, own: &Path) -> Result<LogSummary, Vec<Diagnostic>> {
    let paths = set::list(dir);
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut read = Vec::new();
    for path in &paths {
        match log::read_numbered(path) {
            Ok((events, loaded)) => {
                problems.extend(loaded.diagnostics());
                files.push((path.clone(), loaded.lines));
                read.push((path.clone(), events));
            }
            Err(e) => problems.push(Diagnostic::whole_file(
                &path.display().to_string(),
                e.to_string(),
            )),
        }
    }
    let numbered: Vec<Vec<(usize, Event)>> = read.iter().map(|(_, e)| e.clone()).collect();
    let found = clashes(&numbered);
    let shown = |i: usize| read[i].0.display().to_string();
    for c in found.iter().filter(|c| c.conflict) {
        problems.push(Diagnostic {
            path: shown(c.again.file),
            line: c.again.line,
            column: 1,
            message: format!(
                "the {} differs from the one at {}:{}",
                c.key.describe(),
                shown(c.first.file),
                c.first.line
            ),
            expected: Some(
                "the same event in both files, or in one only (History shows one of them)"
                    .to_string(),
            ),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut notes = duplicate_notes(&found, &read);
    notes.extend(host_notes(&read));
    let events = read
        .into_iter()
        .map(|(_, e)| e.into_iter().map(|(_, e)| e).collect())
        .collect();
    Ok(LogSummary {
        own: own.to_path_buf(),
        files,
        sessions: join(events).history.sessions().len(),
        notes,
    })
}

/// One note per pair of files sharing events: which lines of one are already in
/// the other (of a sync tool's copy, when one of the two is a copy).
fn duplicate_notes(found: &[Clash], read: &[(PathBuf, Vec<(usize, Event)>)]) -> Vec<String> {
    // (first file, later file) and the lines of each shared event in both.
    type Pair = ((usize, usize), Vec<(usize, usize)>);
    let mut pairs: Vec<Pair> = Vec::new();
    for c in found.iter().filter(|c| !c.conflict) {
        let pair = (c.first.file, c.again.file);
        let lines = (c.first.line, c.again.line);
        match pairs.iter_mut().find(|(p, _)| *p == pair) {
            Some((_, all)) => all.push(lines),
            None => pairs.push((pair, vec![lines])),
        }
    }
    let is_copy = |i: usize| {
        let name = read[i]
            .0
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        matches!(name.map(|n| set::kind(&n)), Some(set::Kind::Copy { .. }))
    };
    pairs
        .into_iter()
        .map(|((first, again), both)| {
            let (this, other, mut lines): (usize, usize, Vec<usize>) = if is_copy(first) {
                (first, again, both.iter().map(|l| l.0).collect())
            } else {
                (again, first, both.iter().map(|l| l.1).collect())
            };
            lines.sort_unstable();
            lines.dedup();
            let all = is_copy(this) && lines.len() == read[this].1.len();
            format!(
                "{}: {} ({}) {} also in {} and shown once{}",
                read[this].0.display(),
                crate::model::words::plural(lines.len() as u64, "event", "events"),
                line_ranges(&lines),
                if lines.len() == 1 { "is" } else { "are" },
                read[other].0.display(),
                if all {
                    "; the copy holds nothing else and can be deleted"
                } else {
                    ""
                }
            )
        })
        .collect()
}

/// "line 4", "lines 1-3, 7, 9-12".
fn line_ranges(lines: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            lines[i].to_string()
        } else {
            format!("{}-{}", lines[i], lines[j])
        });
        i = j + 1;
    }
    let word = if lines.len() == 1 { "line" } else { "lines" };
    format!("{word} {}", parts.join(", "))
}

/// Notes on files that claim a host: a conflict copy of a machine's own log
/// (two machines wrote it: they share a host id), and a machine's log holding
/// sessions another host started.
fn host_notes(read: &[(PathBuf, Vec<(usize, Event)>)]) -> Vec<String> {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let hosts: Vec<String> = read
        .iter()
        .filter_map(|(p, _)| match set::kind(&name(p)?) {
            set::Kind::Host(h) => Some(h),
            _ => None,
        })
        .collect();
    let mut notes = Vec::new();
    for (path, events) in read {
        let Some(file) = name(path) else { continue };
        match set::kind(&file) {
            set::Kind::Copy { of: Some(h) } if hosts.contains(&h) => notes.push(format!(
                "{}: a sync tool's copy of {}: two machines wrote that log, so they share the host id \"{h}\"; give each its own with [data] host or UPRIGHT_HOST",
                path.display(),
                set::own_name(&h)
            )),
            set::Kind::Host(h) => {
                let mut others: Vec<&str> = events
                    .iter()
                    .filter_map(|(_, e)| host::of_session(e.session()))
                    .filter(|o| *o != h)
                    .collect();
                others.sort_unstable();
                others.dedup();
                if !others.is_empty() {
                    notes.push(format!(
                        "{}: holds sessions started on {} (imported, or the file was renamed)",
                        path.display(),
                        others.join(", ")
                    ));
                }
            }
            _ => {}
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = r#"{"type":"start","v":1,"session":"s1","at":"2024-03-29T07:30:00+01:00","routine":"full","routine_name":"Full"}"#;
    const END: &str = r#"{"type":"end","v":2,"session":"s1","at":"2024-03-29T07:40:00+01:00","status":"completed","active_secs":600}"#;
    const OTHER: &str = r#"{"type":"start","v":2,"session":"20240330T080000+0100-desktop-1","at":"2024-03-30T08:00:00+01:00","routine":"full","routine_name":"Full"}"#;

    fn own(dir: &Path) -> PathBuf {
        dir.join("sessions.laptop.jsonl")
    }

    #[test]
    fn a_missing_log_is_fine_and_says_it_will_be_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = check_logs(dir.path(), &own(dir.path())).expect("missing log is ok");
        assert!(summary.files.is_empty());
        assert_eq!(
            summary.to_string(),
            format!(
                "no session log yet ({} will be created by the first session)",
                own(dir.path()).display()
            )
        );
    }

    #[test]
    fn readable_logs_are_summarised_one_or_several() {
        let dir = tempfile::tempdir().expect("tempdir");
        let legacy = dir.path().join("sessions.jsonl");
        std::fs::write(&legacy, format!("{START}\n")).expect("write");
        let summary = check_logs(dir.path(), &own(dir.path())).expect("good log");
        assert_eq!(
            summary.to_string(),
            format!("session log {}: 1 session, 1 line", legacy.display())
        );
        std::fs::write(own(dir.path()), format!("{OTHER}\n{END}\n")).expect("write");
        let summary = check_logs(dir.path(), &own(dir.path())).expect("good logs");
        assert_eq!(
            summary.to_string(),
            format!(
                "session logs in {}: 2 sessions in 2 files, 3 lines",
                dir.path().display()
            )
        );
        assert_eq!(summary.notes.len(), 1, "{:?}", summary.notes);
        assert!(summary.notes[0].contains("holds sessions started on desktop"));
    }

    #[test]
    fn duplicates_are_noted_with_their_lines_and_conflicts_are_problems() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(own(dir.path()), format!("{START}\n{END}\n")).expect("write");
        let copy = dir
            .path()
            .join("sessions.laptop.sync-conflict-20240330-080000-ABCDEFG.jsonl");
        std::fs::write(&copy, format!("{START}\n{END}\n")).expect("write");
        let summary = check_logs(dir.path(), &own(dir.path())).expect("duplicates are ok");
        assert_eq!(summary.sessions, 1);
        assert_eq!(summary.notes.len(), 2, "{:?}", summary.notes);
        assert_eq!(
            summary.notes[0],
            format!(
                "{}: 2 events (lines 1-2) are also in {} and shown once; the copy holds nothing else and can be deleted",
                copy.display(),
                own(dir.path()).display()
            )
        );
        assert!(summary.notes[1].contains("share the host id \"laptop\""));
        let changed = END.replace("600", "610");
        std::fs::write(&copy, format!("{START}\n{changed}\n")).expect("write");
        let problems = check_logs(dir.path(), &own(dir.path())).unwrap_err();
        assert_eq!(problems.len(), 1);
        let d = &problems[0];
        assert_eq!(
            (d.path.as_str(), d.line),
            (own(dir.path()).to_str().expect("utf-8"), 2)
        );
        assert!(
            d.message.starts_with(
                "the end event of session s1 at 2024-03-29T07:40:00+01:00 differs from the one at "
            ),
            "{}",
            d.message
        );
        assert!(
            d.message.ends_with(&format!("{}:2", copy.display())),
            "{}",
            d.message
        );
    }

    #[test]
    fn bad_lines_and_unreadable_files_are_located_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = own(dir.path());
        std::fs::write(&path, format!("{START}\nnot an event\n")).expect("write");
        std::fs::create_dir(dir.path().join("sessions.desktop.jsonl")).expect("mkdir");
        let diags = check_logs(dir.path(), &path).unwrap_err();
        assert_eq!(diags.len(), 2, "{diags:?}");
        // In the order the files are read: desktop, then laptop.
        assert_eq!(diags[0].line, 0);
        assert!(diags[0].path.ends_with("sessions.desktop.jsonl"));
        assert!(
            diags[0].message.contains("directory"),
            "{}",
            diags[0].message
        );
        assert_eq!((diags[1].line, diags[1].column), (2, 1));
        assert!(!log::corrupt_path(&path).exists());
    }

    #[test]
    fn line_ranges_are_short() {
        assert_eq!(line_ranges(&[4]), "line 4");
        assert_eq!(line_ranges(&[1, 2, 3, 7, 9, 10]), "lines 1-3, 7, 9-10");
    }
}
