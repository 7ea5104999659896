//! What a read does with the lines it sets aside: counts them, keeps the first
//! few for the warnings, and (when loading) copies each into the .corrupt file as
//! it is found. Memory holds those few lines and the .corrupt file's keys, however
//! many lines are set aside.

use std::path::Path;

use super::quarantine::Copier;
use super::{LoadedLog, SetAside};

/// How many set-aside lines of a file are kept to be named one by one in
/// warnings and problems; the others are counted ("and N more").
pub const SHOWN: usize = 20;

pub(super) struct Aside<'a> {
    log: &'a Path,
    /// Whether to copy the lines into the .corrupt file.
    copy: bool,
    shown: Vec<SetAside>,
    total: usize,
    copier: Option<Copier>,
    error: Option<String>,
}

impl Aside<'_> {
    pub fn new(log: &Path, copy: bool) -> Aside<'_> {
        Aside {
            log,
            copy,
            shown: Vec::new(),
            total: 0,
            copier: None,
            error: None,
        }
    }

    /// One line set aside: copied (the .corrupt file is opened at the first),
    /// counted, and kept if it is among the first [`SHOWN`].
    pub fn take(&mut self, line: SetAside) {
        self.total += 1;
        if self.copy && self.error.is_none() {
            if self.copier.is_none() {
                match Copier::open(self.log) {
                    Ok(c) => self.copier = Some(c),
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            if let Some(copier) = &mut self.copier
                && let Err(e) = copier.copy(&line)
            {
                self.error = Some(e.to_string());
                self.copier = None;
            }
        }
        if self.shown.len() < SHOWN {
            self.shown.push(line);
        }
    }

    /// Finishes the copy and puts what was set aside into `log`.
    pub fn finish(self, log: LoadedLog) -> LoadedLog {
        let mut newly = 0;
        let mut error = self.error;
        if let Some(copier) = self.copier {
            match copier.finish() {
                Ok(n) => newly = n,
                Err(e) => error = Some(e.to_string()),
            }
        }
        LoadedLog {
            set_aside: self.shown,
            set_aside_total: self.total,
            newly_quarantined: newly,
            quarantine_error: error,
            ..log
        }
    }
}
