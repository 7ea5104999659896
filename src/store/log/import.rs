//! `upright log import FILE`: another log (an old machine's, a backup) merged
//! into this machine's history. Only the events the data dir does not hold yet
//! are appended, to this machine's own log, in one locked, synced write; the
//! imported file and the other machines' logs are only read.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use super::{SetAside, append_raw, context, read_numbered, set};
use crate::model::event::{Event, Name};
use crate::model::history::join::{EventKey, Place};

/// An event of the imported file that differs from the data dir's event with the
/// same key: it is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Its line in the imported file.
    pub line: usize,
    pub key: EventKey,
    /// Where the data dir's version is.
    pub theirs: (PathBuf, usize),
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub file: PathBuf,
    /// The log appended to (this machine's).
    pub into: PathBuf,
    /// Sessions that got at least one event, and those that got none (all their
    /// events were there already).
    pub sessions_added: usize,
    pub sessions_skipped: usize,
    /// Of the sessions added, how many were in the history already (it gained
    /// events of them).
    pub sessions_extended: usize,
    pub events_added: usize,
    pub events_skipped: usize,
    pub conflicts: Vec<Conflict>,
    /// Lines of the imported file that could not be read.
    pub set_aside: Vec<SetAside>,
}

/// Imports `file` into the history of the logs in `data_dir`, appending what is
/// new to `own`. A log of the data dir that cannot be read stops the import (what
/// it holds cannot be known, so duplicates could be made).
pub fn import(file: &Path, data_dir: &Path, own: &Path) -> io::Result<Imported> {
    let (incoming, loaded) =
        read_numbered(file).map_err(|e| context(e, format!("cannot import {}", file.display())))?;
    if !loaded.exists {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("cannot import {}: no such file", file.display()),
        ));
    }
    let logs = set::list(data_dir);
    let mut known: HashMap<EventKey, (Place, Event)> = HashMap::new();
    let mut sessions: HashSet<Name> = HashSet::new();
    for (i, path) in logs.iter().enumerate() {
        let (events, _) = read_numbered(path).map_err(|e| {
            context(
                e,
                "cannot import: what the data dir holds is unknown".to_string(),
            )
        })?;
        for (line, e) in events {
            sessions.insert(e.session_name().clone());
            let place = Place { file: i, line };
            known.entry(EventKey::of(&e)).or_insert((place, e));
        }
    }
    let mut report = Imported {
        file: file.to_path_buf(),
        into: own.to_path_buf(),
        set_aside: loaded.set_aside,
        ..Imported::default()
    };
    let mut out = Vec::new();
    // Per session of the import: whether it got an event.
    let mut got: Vec<(Name, bool)> = Vec::new();
    let mut got_at: HashMap<Name, usize> = HashMap::new();
    for (line, e) in incoming {
        let name = e.session_name().clone();
        let slot = *got_at.entry(name.clone()).or_insert_with(|| {
            got.push((name.clone(), false));
            got.len() - 1
        });
        let key = EventKey::of(&e);
        match known.get(&key) {
            Some((_, theirs)) if *theirs == e => report.events_skipped += 1,
            Some((place, _)) => {
                report.events_skipped += 1;
                let path = logs
                    .get(place.file)
                    .cloned()
                    .unwrap_or_else(|| file.to_path_buf());
                report.conflicts.push(Conflict {
                    line,
                    key,
                    theirs: (path, place.line),
                });
            }
            None => {
                out.extend_from_slice(e.to_line().as_bytes());
                out.push(b'\n');
                report.events_added += 1;
                got[slot].1 = true;
                // Imported lines count as the data dir's from here on.
                let place = Place {
                    file: logs.len(),
                    line,
                };
                known.insert(key, (place, e));
            }
        }
    }
    for (name, added) in got {
        match (added, sessions.contains(&name)) {
            (true, true) => {
                report.sessions_added += 1;
                report.sessions_extended += 1;
            }
            (true, false) => report.sessions_added += 1,
            (false, _) => report.sessions_skipped += 1,
        }
    }
    if !out.is_empty() {
        append_raw(own, &out)?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests;
