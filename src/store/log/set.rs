//! The logs of every machine in the data dir, read as one history.
//!
//! Each machine appends only to its own file, `sessions.HOST.jsonl`. Every
//! `sessions*.jsonl` in the data dir is read: the other machines' files, the
//! `sessions.jsonl` written before there were hosts (read, never written again)
//! and the conflict copies sync tools make (Syncthing's
//! `sessions.HOST.sync-conflict-….jsonl`, Dropbox's and Nextcloud's
//! `sessions.HOST (… conflicted copy …).jsonl`). Their events are joined by
//! session id and an event found in two files counts once
//! ([`crate::model::history::join`]). A file that cannot be read is skipped with
//! a warning and the others are shown; lines that cannot be used are set aside
//! per file, into that file's own `.corrupt` file. No log file is ever rewritten.

use std::io;
use std::path::{Path, PathBuf};

use super::{LoadedLog, corrupt_path, load, load_history};
use crate::model::history::History;
use crate::model::history::join::join;
use crate::model::host;
use crate::model::words::plural;

/// The log written before there were hosts.
pub const LEGACY_NAME: &str = "sessions.jsonl";

/// This machine's own log's file name.
pub fn own_name(host: &str) -> String {
    format!("sessions.{host}.jsonl")
}

/// Whether a file name is one of the session logs read.
pub fn is_log_name(name: &str) -> bool {
    name.starts_with("sessions") && name.ends_with(".jsonl")
}

/// What a log file in the data dir is, by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `sessions.jsonl`, from before hosts.
    Legacy,
    /// `sessions.HOST.jsonl`: the log that machine appends to.
    Host(String),
    /// Any other `sessions*.jsonl`: a sync tool's conflict copy or a copy made by
    /// hand; the host whose log it copies, when its name says.
    Copy { of: Option<String> },
}

/// What the file named `name` is.
pub fn kind(name: &str) -> Kind {
    if name == LEGACY_NAME {
        return Kind::Legacy;
    }
    let middle = name
        .strip_prefix("sessions.")
        .and_then(|m| m.strip_suffix(".jsonl"));
    if let Some(m) = middle.filter(|m| host::is_valid(m)) {
        return Kind::Host(m.to_string());
    }
    let of = middle
        .and_then(|m| m.split(['.', ' ']).next())
        .filter(|h| host::is_valid(h) && !h.starts_with("sync-conflict"))
        .map(str::to_string);
    Kind::Copy { of }
}

/// The order files are joined in: the legacy log, the copies, then the machines'
/// own logs, each group by name. Where a copy and its machine's log disagree, the
/// machine's log (read later) is what History shows.
fn rank(name: &str) -> (u8, String) {
    let group = match kind(name) {
        Kind::Legacy => 0,
        Kind::Copy { .. } => 1,
        Kind::Host(_) => 2,
    };
    (group, name.to_string())
}

/// Every session log in `dir`, in join order ([`rank`]). A missing or unreadable
/// dir has none.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_log_name(n))
        .collect();
    names.sort_by_key(|n| rank(n));
    names.into_iter().map(|n| dir.join(n)).collect()
}

/// What reading every log found.
#[derive(Debug, Default)]
pub struct LoadedSet {
    /// Each log read, in join order (its events already taken into the history).
    pub logs: Vec<LoadedLog>,
    /// The logs that could not be read at all, and why.
    pub failed: Vec<(PathBuf, String)>,
    /// Events found in more than one file and counted once.
    pub duplicates: usize,
}

impl LoadedSet {
    /// Lines set aside, in all files.
    pub fn set_aside(&self) -> usize {
        self.logs.iter().map(|l| l.set_aside.len()).sum()
    }

    /// One warning per set-aside line and per log that could not be read.
    pub fn warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.logs.iter().flat_map(LoadedLog::warnings).collect();
        out.extend(
            self.failed
                .iter()
                .map(|(_, why)| format!("{why}; the other logs are read without it")),
        );
        out
    }

    /// One line for a status bar, if anything could not be read.
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        for l in self.logs.iter().filter(|l| !l.set_aside.is_empty()) {
            let n = l.set_aside.len();
            let lines = plural(n as u64, "line", "lines");
            let corrupt = corrupt_path(&l.path);
            parts.push(match &l.quarantine_error {
                None => format!(
                    "{lines} of {} could not be read and {} set aside in {}",
                    l.path.display(),
                    if n == 1 { "was" } else { "were" },
                    corrupt.display()
                ),
                Some(why) => format!(
                    "{lines} of {} could not be read; {} in the log (copying to {} failed: {why})",
                    l.path.display(),
                    if n == 1 { "it stays" } else { "they stay" },
                    corrupt.display()
                ),
            });
        }
        parts.extend(self.failed.iter().map(|(_, why)| why.clone()));
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// Reads every session log in `dir` into one history, copying set-aside lines
/// into each file's `.corrupt` file. One log is streamed straight into the
/// history; several are read and joined.
pub fn load_all(dir: &Path) -> (History, LoadedSet) {
    load_files(&list(dir))
}

/// [`load_all`] over the given files, in the given order.
pub fn load_files(files: &[PathBuf]) -> (History, LoadedSet) {
    let mut set = LoadedSet::default();
    let failed = |e: io::Error, path: &Path| (path.to_path_buf(), e.to_string());
    if let [only] = files {
        return match load_history(only) {
            Ok((history, log)) => {
                set.logs.push(log);
                (history, set)
            }
            Err(e) => {
                set.failed.push(failed(e, only));
                (History::default(), set)
            }
        };
    }
    let mut per_file = Vec::with_capacity(files.len());
    for path in files {
        match load(path) {
            Ok(mut log) => {
                per_file.push(std::mem::take(&mut log.events));
                set.logs.push(log);
            }
            Err(e) => set.failed.push(failed(e, path)),
        }
    }
    let joined = join(per_file);
    set.duplicates = joined.duplicates;
    (joined.history, set)
}

#[cfg(test)]
mod tests;
