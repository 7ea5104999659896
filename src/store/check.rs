//! The session log's part of `upright check`: reads the log (writing nothing) and
//! says what is in it, or where it cannot be used.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::diagnostic::Diagnostic;
use crate::model::event::{Event, Name};
use crate::model::history::join::{Clash, ClashFinder, Place, hash128};
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
/// files disagree on an event, else one located problem per set-aside line (the
/// first few of a file, then how many more), per file that cannot be read and
/// per conflicting event. Reads only: nothing is copied to a .corrupt file.
///
/// The files are streamed: what is kept while reading is a small key per event
/// of every file but the last (to find the events two files share) and a hash
/// per session, never the events themselves ([`Tally`]).
pub fn check_logs(dir: &Path, own: &Path) -> Result<LogSummary, Vec<Diagnostic>> {
    let paths = set::list(dir);
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut tally = Tally::new(&paths);
    for (i, path) in paths.iter().enumerate() {
        // A file that fails part way is reported; the events read before the
        // failure are compared all the same.
        match log::read_numbered_each(path, &mut |line, e| tally.push(i, line, &e)) {
            Ok(loaded) => {
                problems.extend(loaded.diagnostics());
                files.push((path.clone(), loaded.lines));
            }
            Err(e) => problems.push(Diagnostic::whole_file(
                &path.display().to_string(),
                e.to_string(),
            )),
        }
    }
    let shown = |i: usize| paths[i].display().to_string();
    for c in &tally.conflicts {
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
    let mut notes = duplicate_notes(&tally, &paths);
    notes.extend(host_notes(&tally, &paths));
    Ok(LogSummary {
        own: own.to_path_buf(),
        files,
        sessions: tally.sessions.len(),
        notes,
    })
}

/// What `check` keeps while the logs are read, instead of their events.
struct Tally {
    /// Each file's kind, by its name.
    kinds: Vec<Option<set::Kind>>,
    /// Events read per file.
    events: Vec<usize>,
    finder: ClashFinder,
    /// Events two files disagree on, in the order found.
    conflicts: Vec<Clash>,
    /// Per pair of files sharing events (first file, later file): the lines of
    /// the shared events in the file the note will be about (the copy).
    shared: Vec<((usize, usize), Lines)>,
    /// A hash of each session id (level changes belong to no session): the
    /// joined history has one session per id.
    sessions: HashSet<[u64; 2]>,
    last_session: Option<Name>,
    /// Per file, the hosts other than its own that started its sessions (only
    /// for a machine's own log).
    others: Vec<BTreeSet<String>>,
}

impl Tally {
    fn new(paths: &[PathBuf]) -> Tally {
        let kinds = paths
            .iter()
            .map(|p| Some(set::kind(&p.file_name()?.to_string_lossy())))
            .collect();
        Tally {
            kinds,
            events: vec![0; paths.len()],
            finder: ClashFinder::default(),
            conflicts: Vec::new(),
            shared: Vec::new(),
            sessions: HashSet::new(),
            last_session: None,
            others: vec![BTreeSet::new(); paths.len()],
        }
    }

    fn is_copy(&self, file: usize) -> bool {
        matches!(self.kinds[file], Some(set::Kind::Copy { .. }))
    }

    fn push(&mut self, file: usize, line: usize, e: &Event) {
        self.events[file] += 1;
        let id = e.session_name();
        if !matches!(e, Event::Level(_)) && self.last_session.as_ref() != Some(id) {
            self.sessions.insert(hash128(&**id));
            self.last_session = Some(id.clone());
        }
        if let Some(set::Kind::Host(h)) = &self.kinds[file]
            && let Some(other) = host::of_session(id).filter(|o| o != h)
            && !self.others[file].contains(other)
        {
            self.others[file].insert(other.to_string());
        }
        let files = self.events.len();
        if files < 2 {
            return;
        }
        let here = Place { file, line };
        let Some(clash) = self.finder.push(here, e, file + 1 < files) else {
            return;
        };
        if clash.conflict {
            self.conflicts.push(clash);
            return;
        }
        let pair = (clash.first.file, clash.again.file);
        let line = if self.is_copy(pair.0) {
            clash.first.line
        } else {
            clash.again.line
        };
        match self.shared.iter_mut().rev().find(|(p, _)| *p == pair) {
            Some((_, lines)) => lines.add(line),
            None => {
                let mut lines = Lines::default();
                lines.add(line);
                self.shared.push((pair, lines));
            }
        }
    }
}

/// One note per pair of files sharing events: which lines of one are already in
/// the other (of a sync tool's copy, when one of the two is a copy).
fn duplicate_notes(tally: &Tally, paths: &[PathBuf]) -> Vec<String> {
    tally
        .shared
        .iter()
        .map(|((first, again), lines)| {
            let (this, other) = if tally.is_copy(*first) {
                (*first, *again)
            } else {
                (*again, *first)
            };
            let (count, ranges) = lines.merged();
            let all = tally.is_copy(this) && count == tally.events[this];
            format!(
                "{}: {} ({}) {} also in {} and shown once{}",
                paths[this].display(),
                crate::model::words::plural(count as u64, "event", "events"),
                line_ranges(count, &ranges),
                if count == 1 { "is" } else { "are" },
                paths[other].display(),
                if all {
                    "; the copy holds nothing else and can be deleted"
                } else {
                    ""
                }
            )
        })
        .collect()
}

/// Line numbers as ranges: the lines one file shares with another come mostly in
/// order, so a few ranges hold them however many there are.
#[derive(Debug, Default)]
struct Lines(Vec<(usize, usize)>);

impl Lines {
    fn add(&mut self, line: usize) {
        match self.0.last_mut() {
            Some(last) if last.1 + 1 == line => last.1 = line,
            Some(last) if (last.0..=last.1).contains(&line) => {}
            _ => self.0.push((line, line)),
        }
    }

    /// How many lines, and their ranges in order, overlaps and neighbours joined.
    fn merged(&self) -> (usize, Vec<(usize, usize)>) {
        let mut ranges = self.0.clone();
        ranges.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match out.last_mut() {
                Some(last) if start <= last.1 + 1 => last.1 = last.1.max(end),
                _ => out.push((start, end)),
            }
        }
        let count = out.iter().map(|(a, b)| b - a + 1).sum();
        (count, out)
    }
}

/// "line 4", "lines 1-3, 7, 9-12".
fn line_ranges(count: usize, ranges: &[(usize, usize)]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    let word = if count == 1 { "line" } else { "lines" };
    format!("{word} {}", parts.join(", "))
}

/// Notes on files that claim a host: a conflict copy of a machine's own log
/// (two machines wrote it: they share a host id), and a machine's log holding
/// sessions another host started.
fn host_notes(tally: &Tally, paths: &[PathBuf]) -> Vec<String> {
    let hosts: Vec<&String> = tally
        .kinds
        .iter()
        .filter_map(|k| match k {
            Some(set::Kind::Host(h)) => Some(h),
            _ => None,
        })
        .collect();
    let mut notes = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        match &tally.kinds[i] {
            Some(set::Kind::Copy { of: Some(h) }) if hosts.contains(&h) => notes.push(format!(
                "{}: a sync tool's copy of {}: two machines wrote that log, so they share the host id \"{h}\"; give each its own with [data] host or UPRIGHT_HOST",
                path.display(),
                set::own_name(h)
            )),
            Some(set::Kind::Host(_)) if !tally.others[i].is_empty() => {
                let others: Vec<&str> = tally.others[i].iter().map(String::as_str).collect();
                notes.push(format!(
                    "{}: holds sessions started on {} (imported, or the file was renamed)",
                    path.display(),
                    others.join(", ")
                ));
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
        let ranges = |lines: &[usize]| {
            let mut all = Lines::default();
            lines.iter().for_each(|&l| all.add(l));
            let (count, ranges) = all.merged();
            line_ranges(count, &ranges)
        };
        assert_eq!(ranges(&[4]), "line 4");
        assert_eq!(ranges(&[1, 2, 3, 7, 9, 10]), "lines 1-3, 7, 9-10");
        // Out of order and repeated, as the lines of an earlier file may come.
        assert_eq!(ranges(&[9, 2, 3, 1, 2, 10, 7, 3]), "lines 1-3, 7, 9-10");
    }
}
