//! `status-cache.json` beside the session logs: what `upright status` needs of
//! the history ([`Digest`]) and of the library (routine names), so a status bar can
//! ask every few seconds without the whole log being read and folded each time.
//!
//! The cache is keyed on the set of log files, each by its length, its
//! modification time and a hash of its last bytes. A log that only grew (the
//! usual case: upright appends) is read from where the cache stopped; any other
//! change (a log rewritten, shortened, added or removed, another time zone) reads
//! every log again. Sessions that may still get events (those with an event in the
//! last [`OPEN_HOURS`]) are kept as their log lines and folded again each time,
//! so a session's later events count exactly as a full read counts them. Nothing
//! here is needed: without the cache (or with a broken one) the answer is the
//! same, only slower. Writing it is best effort.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{DateTime, Datelike, Offset, TimeDelta, TimeZone};
use serde::{Deserialize, Serialize};

use super::log;
use crate::model::digest::{Digest, session_end};
use crate::model::event::{Event, LineParser};
use crate::model::history::History;
use crate::model::history::join::join;

/// The cache file's name, in the data dir.
pub const FILE_NAME: &str = "status-cache.json";
const VERSION: u32 = 1;
/// A session with an event this recent may get more (the app offers to resume an
/// interrupted session for 12 hours): its lines stay in the cache.
pub const OPEN_HOURS: i64 = 14;
/// How many bytes before a log's cached length are hashed to see it only grew.
const TAIL: u64 = 64;
/// Appended bytes read again on each call before the cache is written anew.
pub const PENDING_LIMIT: u64 = 64 * 1024;

/// One log as the cache last read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LogMark {
    path: String,
    len: u64,
    modified: Option<i128>,
    tail: u64,
}

/// One library file as it was when the names were cached (`len` `None`: absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileMark {
    path: String,
    len: Option<u64>,
    modified: Option<i128>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LibraryMark {
    files: Vec<FileMark>,
    builtin: u64,
    names: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct CacheFile {
    v: u32,
    /// The local zone the days were counted in ([`zone_key`]).
    zone: String,
    logs: Vec<LogMark>,
    /// Every session but the open ones.
    settled: Digest,
    /// The log lines of the open sessions.
    open: Vec<String>,
    library: Option<LibraryMark>,
}

/// The cache, read from its file (an absent or unusable file is an empty cache).
#[derive(Debug)]
pub struct StatusCache {
    path: PathBuf,
    file: CacheFile,
    dirty: bool,
    /// Take every change in (see [`StatusCache::write_through`]).
    write_through: bool,
}

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A key for a time zone: its UTC offsets on the 1st and 15th of each month of
/// `year`. Two zones with the same key count the same days (near enough: the
/// exact change dates may differ).
pub fn zone_key<Tz: TimeZone>(tz: &Tz, year: i32) -> String {
    let mut key = String::new();
    for month in 1..=12 {
        for day in [1, 15] {
            let offset = chrono::NaiveDate::from_ymd_opt(year, month, day)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| tz.offset_from_utc_datetime(&t).fix().local_minus_utc());
            key.push_str(&format!("{},", offset.unwrap_or(0) / 60));
        }
    }
    key
}

fn modified(meta: &std::fs::Metadata) -> Option<i128> {
    let t = meta.modified().ok()?;
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    Some(i128::try_from(d.as_nanos()).unwrap_or(i128::MAX))
}

/// The hash of the `TAIL` bytes before `len`.
fn tail_hash(file: &mut File, len: u64) -> io::Result<u64> {
    let from = len.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(from))?;
    let mut buf = Vec::with_capacity(TAIL as usize);
    file.take(len - from).read_to_end(&mut buf)?;
    Ok(fnv1a(&buf))
}

/// A log opened under a shared lock (appends wait until it is dropped).
struct Locked {
    file: File,
    len: u64,
    modified: Option<i128>,
}

impl Locked {
    /// `None` for a log that does not exist.
    fn open(path: &Path) -> io::Result<Option<Locked>> {
        // Non-blocking, and only a regular file: a named pipe is refused, not
        // waited on.
        let Some(file) = crate::store::file::open_regular(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?
        else {
            return Ok(None);
        };
        // Where locks are not supported the log is read all the same.
        let _ = fs4::FileExt::lock_shared(&file);
        // Taken again under the lock: nothing is appended while it is held.
        let meta = file.metadata()?;
        Ok(Some(Locked {
            len: meta.len(),
            modified: modified(&meta),
            file,
        }))
    }

    fn mark(&mut self, path: &Path) -> io::Result<LogMark> {
        Ok(LogMark {
            path: path.display().to_string(),
            len: self.len,
            modified: self.modified,
            tail: tail_hash(&mut self.file, self.len)?,
        })
    }

    /// The events from `from` to the length taken under the lock.
    fn events_from(&mut self, from: u64, out: &mut Vec<Event>) -> io::Result<()> {
        self.file.seek(SeekFrom::Start(from))?;
        let part = (&self.file).take(self.len.saturating_sub(from));
        log::parse_into(part, &mut |e| out.push(e))?;
        Ok(())
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// A fold of the open sessions and the new lines over the settled digest.
struct Folded {
    /// Every session.
    whole: Digest,
    /// The settled digest with the sessions no longer open, if any are not.
    settled: Option<Digest>,
    /// The lines of the sessions still open.
    open: Vec<String>,
}

/// The bytes of all logs up to their marks.
fn total(marks: &[LogMark]) -> u64 {
    marks.iter().map(|m| m.len).sum()
}

/// How the logs stand against the cache.
enum Change {
    /// Some log was rewritten, added or removed: read them all.
    Rebuild,
    /// Each log is the same or only grew; the events appended.
    Grew(Vec<LogMark>, Vec<Event>),
}

impl StatusCache {
    /// Reads the cache at `path`.
    pub fn open(path: &Path) -> StatusCache {
        let file = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|f| f.v == VERSION)
            .unwrap_or_default();
        StatusCache {
            path: path.to_path_buf(),
            file,
            dirty: false,
            write_through: false,
        }
    }

    /// Takes every change to the logs in, to be written by [`StatusCache::save`].
    /// Otherwise lines appended since the cache was written are read again on
    /// each call until there are [`PENDING_LIMIT`] bytes of them or a session
    /// settles (reading a few lines costs less than writing the cache).
    pub fn write_through(mut self) -> StatusCache {
        self.write_through = true;
        self
    }

    /// The digest of every session in `logs`, with days in `now`'s zone; the cache
    /// is brought up to date. Only a log that cannot be read is an error.
    pub fn digest<Tz: TimeZone>(
        &mut self,
        logs: &[PathBuf],
        now: &DateTime<Tz>,
    ) -> io::Result<Digest> {
        let tz = now.timezone();
        let zone = zone_key(&tz, now.year());
        if self.file.zone == zone
            && let Change::Grew(marks, events) = self.changes(logs)?
        {
            let appended = total(&marks).saturating_sub(total(&self.file.logs));
            let mut parser = LineParser::new();
            let mut all: Vec<Event> = self
                .file
                .open
                .iter()
                .filter_map(|l| parser.parse(l).ok())
                .collect();
            all.extend(events);
            if let Some(folded) = self.fold(&all, now) {
                // Writing the cache costs more than reading a short tail again:
                // it is written when sessions settle, when the tail grows long,
                // or when a log was only touched.
                let touched = appended == 0 && marks != self.file.logs;
                if folded.settled.is_some()
                    || self.write_through
                    || appended >= PENDING_LIMIT
                    || touched
                {
                    return Ok(self.commit(folded, marks));
                }
                return Ok(folded.whole);
            }
        }
        self.rebuild(logs, now, zone)
    }

    /// Compares each log with its mark, reading what was appended.
    fn changes(&self, logs: &[PathBuf]) -> io::Result<Change> {
        let mut marks = Vec::new();
        let mut events = Vec::new();
        let mut cached = self.file.logs.iter();
        for path in logs {
            let Some(mut log) = Locked::open(path)? else {
                continue;
            };
            let shown = path.display().to_string();
            let Some(mark) = cached.next().filter(|m| m.path == shown) else {
                return Ok(Change::Rebuild);
            };
            if log.len == mark.len && log.modified == mark.modified {
                marks.push(mark.clone());
                continue;
            }
            if log.len < mark.len || tail_hash(&mut log.file, mark.len)? != mark.tail {
                return Ok(Change::Rebuild);
            }
            log.events_from(mark.len, &mut events)?;
            marks.push(log.mark(path)?);
        }
        if cached.next().is_some() {
            return Ok(Change::Rebuild);
        }
        Ok(Change::Grew(marks, events))
    }

    /// The settled digest with `events` (the open sessions' and the new ones)
    /// folded in; the sessions no longer open are settled. `None` if they cannot
    /// be added (a session whose start is already settled, or an earlier day).
    fn fold<Tz: TimeZone>(&self, events: &[Event], now: &DateTime<Tz>) -> Option<Folded> {
        let tz = now.timezone();
        let recent = History::from_events(events.iter().cloned());
        if recent.sessions().iter().any(|s| s.routine.is_none()) {
            return None;
        }
        let mut whole = self.file.settled.clone();
        whole.add(recent.sessions(), &tz).ok()?;
        let cutoff = now.fixed_offset() - TimeDelta::hours(OPEN_HOURS);
        let (open, settling): (Vec<_>, Vec<_>) = recent
            .sessions()
            .iter()
            .partition(|s| s.last_event.max(session_end(s)) >= cutoff);
        let settled = if settling.is_empty() {
            None
        } else {
            let mut settled = self.file.settled.clone();
            settled.add(settling, &tz).ok()?;
            Some(settled)
        };
        let open_ids: Vec<&str> = open.iter().map(|s| &*s.id).collect();
        let open = events
            .iter()
            .filter(|e| open_ids.contains(&e.session()))
            .map(Event::to_line)
            .collect();
        Some(Folded {
            whole,
            settled,
            open,
        })
    }

    /// Takes a fold (and the marks it was read up to) into the cache.
    fn commit(&mut self, folded: Folded, marks: Vec<LogMark>) -> Digest {
        self.file.logs = marks;
        if let Some(settled) = folded.settled {
            self.file.settled = settled;
        }
        self.file.open = folded.open;
        self.dirty = true;
        folded.whole
    }

    /// Reads every log from the start.
    fn rebuild<Tz: TimeZone>(
        &mut self,
        logs: &[PathBuf],
        now: &DateTime<Tz>,
        zone: String,
    ) -> io::Result<Digest> {
        let mut per_file = Vec::new();
        let mut marks = Vec::new();
        for path in logs {
            if let Some(mut log) = Locked::open(path)? {
                let mut events = Vec::new();
                log.events_from(0, &mut events)?;
                per_file.push(events);
                marks.push(log.mark(path)?);
            }
        }
        let events: Vec<Event> = per_file.iter().flatten().cloned().collect();
        let library = self.file.library.take();
        self.file = CacheFile {
            v: VERSION,
            zone,
            logs: marks,
            library,
            ..CacheFile::default()
        };
        // Everything is settled but what `fold` keeps open. Several machines'
        // logs are joined as the app joins them (an event in two files once).
        let history = join(per_file).history;
        let cutoff = now.fixed_offset() - TimeDelta::hours(OPEN_HOURS);
        let open_ids: Vec<&str> = history
            .sessions()
            .iter()
            .filter(|s| s.last_event.max(session_end(s)) >= cutoff)
            .map(|s| &*s.id)
            .collect();
        let settled = history
            .sessions()
            .iter()
            .filter(|s| !open_ids.contains(&&*s.id));
        self.file.settled = Digest::of(settled, &now.timezone());
        let open: Vec<Event> = events
            .into_iter()
            .filter(|e| open_ids.contains(&e.session()))
            .collect();
        let marks = self.file.logs.clone();
        match self.fold(&open, now) {
            Some(folded) => Ok(self.commit(folded, marks)),
            // Open sessions that cannot go over the settled ones (an open session
            // with no start line): count everything in one digest, uncached.
            None => {
                self.file = CacheFile {
                    library: self.file.library.take(),
                    ..CacheFile::default()
                };
                self.dirty = true;
                Ok(Digest::of(history.sessions(), &now.timezone()))
            }
        }
    }

    /// The routine names (id -> name) of the library, read by `load` only when a
    /// file of `files` or the built-in library (`builtin`, a hash) changed.
    pub fn routine_names<E>(
        &mut self,
        files: &[PathBuf],
        builtin: u64,
        load: impl FnOnce() -> Result<BTreeMap<String, String>, E>,
    ) -> Result<BTreeMap<String, String>, E> {
        let marks: Vec<FileMark> = files
            .iter()
            .map(|p| {
                let meta = std::fs::metadata(p).ok();
                FileMark {
                    path: p.display().to_string(),
                    len: meta.as_ref().map(std::fs::Metadata::len),
                    modified: meta.as_ref().and_then(modified),
                }
            })
            .collect();
        if let Some(lib) = &self.file.library
            && lib.files == marks
            && lib.builtin == builtin
        {
            return Ok(lib.names.clone());
        }
        let names = load()?;
        self.file.library = Some(LibraryMark {
            files: marks,
            builtin,
            names: names.clone(),
        });
        self.dirty = true;
        Ok(names)
    }

    /// Writes the cache if it changed: a new file renamed over the old one, so a
    /// reader never sees half of it. Nothing is written where the directory does
    /// not exist.
    pub fn save(&self) -> io::Result<()> {
        let Some(dir) = self.path.parent().filter(|d| d.is_dir()) else {
            return Ok(());
        };
        if !self.dirty {
            return Ok(());
        }
        let bytes = serde_json::to_vec(&self.file).map_err(io::Error::other)?;
        let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}
