//! The session log, `sessions.jsonl`: appended one event per line, read back
//! without ever being rewritten.
//!
//! Appending takes an exclusive lock, writes the whole line with one `write_all`
//! and calls `sync_data` before reporting success, so two upright processes can log
//! at the same time and a crash leaves at most one torn last line. Reading keeps
//! every line it can use and sets the others aside: each is copied, once, into
//! `sessions.jsonl.corrupt` beside the log, preceded by a comment saying which line
//! it was and why, and the caller gets a warning to show. Nothing is lost.

use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{Duration as TimeDelta, FixedOffset, NaiveDate, TimeZone};

use crate::model::diagnostic::Diagnostic;
use crate::model::event::{
    DoseKind, EndEvent, EndStatus, Event, LevelEvent, LevelReason, LineParser, SCHEMA_VERSION,
    Side, StartEvent, StepEvent, session_id,
};
use crate::model::history::{History, HistoryBuilder};

/// The quarantine file's name is the log's with this appended.
pub const CORRUPT_SUFFIX: &str = ".corrupt";

/// Where lines set aside from `log` are kept: `sessions.jsonl.corrupt`.
pub fn corrupt_path(log: &Path) -> PathBuf {
    let mut name = log.as_os_str().to_os_string();
    name.push(CORRUPT_SUFFIX);
    PathBuf::from(name)
}

fn context(e: io::Error, what: String) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

/// Appends one event to the log at `path`, creating the data directory and the file
/// if needed. Returns only once the line is on disk (`sync_data`). Errors name the
/// path; nothing here panics.
pub fn append(path: &Path, event: &Event) -> io::Result<()> {
    let mut line = event.to_line();
    line.push('\n');
    append_raw(path, line.as_bytes())
}

/// Appends bytes that already form one whole line (ending in '\n'), with the log's
/// locking and torn-line rules. Public for tests and tools that replay lines.
pub fn append_raw(path: &Path, line: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            context(
                e,
                format!("cannot create the data directory {}", dir.display()),
            )
        })?;
    }
    let fail = |e: io::Error| {
        context(
            e,
            format!("cannot append to the session log {}", path.display()),
        )
    };
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(fail)?;
    fs4::FileExt::lock(&file).map_err(fail)?;
    let written = write_line_locked(&mut file, line);
    // Closing the file releases the lock too; unlocking early just lets a waiting
    // process go on sooner.
    let _ = fs4::FileExt::unlock(&file);
    written.map_err(fail)
}

fn write_line_locked(file: &mut File, line: &[u8]) -> io::Result<()> {
    let len = file.metadata()?.len();
    let torn = if len > 0 {
        file.seek(SeekFrom::End(-1))?;
        let mut last = [0u8; 1];
        file.read_exact(&mut last)?;
        last[0] != b'\n'
    } else {
        false
    };
    if torn {
        // The previous write was cut short: start this event on its own line so
        // only the torn one is lost to parsing (and it is kept in .corrupt).
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.push(b'\n');
        buf.extend_from_slice(line);
        file.write_all(&buf)?;
    } else {
        file.write_all(line)?;
    }
    file.sync_data()
}

/// A line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// 1-based line number in the log.
    pub line: usize,
    /// The line exactly as read, without its newline.
    pub bytes: Vec<u8>,
    pub reason: String,
}

impl SetAside {
    /// The line as text (invalid UTF-8 shown as U+FFFD).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// A stable hash of the line's bytes, recorded in the .corrupt file so a line is
    /// copied only once.
    pub fn hash(&self) -> u64 {
        fnv1a(&self.bytes)
    }
}

/// FNV-1a, 64 bits: small, and stable across builds (unlike std's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

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
        let mut out: Vec<String> = self
            .set_aside
            .iter()
            .map(|s| {
                format!(
                    "{}:{}: line set aside ({}); a copy is kept in {}",
                    self.path.display(),
                    s.line,
                    s.reason,
                    corrupt.display()
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
}

/// Parses log lines from any reader, streaming: the file is read in blocks into one
/// buffer and each line parsed where it lies, so memory holds one block (or one
/// line, if longer) besides the events. Returns the events, the set-aside lines and
/// the number of lines read.
pub fn parse(reader: impl Read) -> io::Result<(Vec<Event>, Vec<SetAside>, usize)> {
    let mut events = Vec::new();
    let (set_aside, lines) = parse_into(reader, &mut |e| events.push(e))?;
    Ok((events, set_aside, lines))
}

/// [`parse`], handing each event to `sink` as it is read instead of keeping them.
/// Returns the set-aside lines and the number of lines read.
pub fn parse_into(
    reader: impl Read,
    sink: &mut dyn FnMut(Event),
) -> io::Result<(Vec<SetAside>, usize)> {
    let mut reader = reader;
    let mut set_aside = Vec::new();
    let mut number = 0usize;
    let mut parser = LineParser::new();
    let mut take = |bytes: &[u8], number: usize| {
        let mut bytes = bytes;
        if let [rest @ .., b'\r'] = bytes {
            bytes = rest;
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let result = match std::str::from_utf8(bytes) {
            Ok(text) => parser.parse(text).map_err(|r| r.0),
            Err(e) => Err(format!(
                "not UTF-8 text (invalid byte at column {})",
                e.valid_up_to() + 1
            )),
        };
        match result {
            Ok(event) => sink(event),
            Err(reason) => set_aside.push(SetAside {
                line: number,
                bytes: bytes.to_vec(),
                reason,
            }),
        }
    };
    let mut buf = vec![0u8; 64 * 1024];
    let (mut start, mut end) = (0usize, 0usize);
    loop {
        if let Some(len) = memchr::memchr(b'\n', &buf[start..end]) {
            number += 1;
            take(&buf[start..start + len], number);
            start += len + 1;
            continue;
        }
        // No whole line left: keep the partial one and read more after it.
        buf.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buf.len() {
            buf.resize(buf.len() * 2, 0);
        }
        let n = match reader.read(&mut buf[end..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            if end > 0 {
                number += 1;
                take(&buf[..end], number);
            }
            break;
        }
        end += n;
    }
    Ok((set_aside, number))
}

/// With [`read_with_threads`], logs at least this large are read in parallel parts.
const PARALLEL_FROM: u64 = 4 * 1024 * 1024;

type Parsed = (Vec<Event>, Vec<SetAside>, usize);

/// How many threads [`read`] and [`read_history`] use for a log of 4 MiB or more:
/// the cores, at most four.
pub fn read_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Parses a large log in parts on several threads (each streaming its own byte
/// range, split at line ends), a small one on this thread. The result is the same
/// as [`parse`]'s: events in file order, set-aside lines with their line numbers.
fn parse_in_parts(path: &Path, file: &File, threads: u64, min_len: u64) -> io::Result<Parsed> {
    let len = file.metadata()?.len();
    if len < min_len || threads < 2 {
        return parse(file);
    }
    // Part boundaries: just after the first line end at or past each even split.
    let mut bounds = vec![0u64];
    for k in 1..threads {
        let from = (len * k / threads).max(bounds[bounds.len() - 1]);
        match next_line_start(path, from, len)? {
            Some(b) if b < len => bounds.push(b),
            _ => break,
        }
    }
    bounds.push(len);
    bounds.dedup();
    let parts: Vec<io::Result<Parsed>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                scope.spawn(move || {
                    let mut part = File::open(path)?;
                    part.seek(SeekFrom::Start(start))?;
                    parse(part.take(end - start))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a thread reading the log stopped")))
            })
            .collect()
    });
    let mut all: Parsed = (Vec::new(), Vec::new(), 0);
    for part in parts {
        let (events, set_aside, lines) = part?;
        let offset = all.2;
        all.0.extend(events);
        all.1.extend(set_aside.into_iter().map(|mut s| {
            s.line += offset;
            s
        }));
        all.2 += lines;
    }
    Ok(all)
}

/// The offset just after the first '\n' at or after `from`, if any.
fn next_line_start(path: &Path, from: u64, len: u64) -> io::Result<Option<u64>> {
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(from))?;
    let mut buf = [0u8; 4096];
    let mut at = from;
    while at < len {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            return Ok(Some(at + i as u64 + 1));
        }
        at += n as u64;
    }
    Ok(None)
}

/// Reads the log without writing anything, streaming it (a log of 4 MiB or more in
/// parts on [`read_threads`] threads). A missing file is an empty log.
pub fn read(path: &Path) -> io::Result<LoadedLog> {
    read_with_threads(path, read_threads())
}

/// [`read`] with up to `threads` threads for a log of 4 MiB or more, each reading
/// a part split at line ends (1: one pass). The result is the same either way.
pub fn read_with_threads(path: &Path, threads: usize) -> io::Result<LoadedLog> {
    let mut events = Vec::new();
    let mut log = read_log(path, |file| {
        let (mut all, set_aside, lines) =
            parse_in_parts(path, file, threads as u64, PARALLEL_FROM)?;
        events.append(&mut all);
        Ok((set_aside, lines))
    })?;
    log.events = events;
    Ok(log)
}

/// [`read`], handing each event to `sink` as it is read; the result's `events` is
/// empty.
pub fn read_into(path: &Path, sink: &mut dyn FnMut(Event)) -> io::Result<LoadedLog> {
    read_log(path, |file| parse_into(file, sink))
}

/// Reads the log into a [`History`] (the result's `events` is empty). A small log
/// is read in one streaming pass that builds the history as it goes; one of 4 MiB
/// or more is read in parts on [`read_threads`] threads. Writes nothing.
pub fn read_history(path: &Path) -> io::Result<(History, LoadedLog)> {
    let threads = read_threads();
    let mut builder = HistoryBuilder::default();
    let log = read_log(path, |file| {
        if threads > 1 && file.metadata()?.len() >= PARALLEL_FROM {
            let (events, set_aside, lines) =
                parse_in_parts(path, file, threads as u64, PARALLEL_FROM)?;
            events.into_iter().for_each(|e| builder.push(e));
            Ok((set_aside, lines))
        } else {
            parse_into(file, &mut |e| builder.push(e))
        }
    })?;
    Ok((builder.finish(), log))
}

/// [`read_history`], and copies set-aside lines to the .corrupt file as [`load`]
/// does: what the history and stats views and `upright log` call.
pub fn load_history(path: &Path) -> io::Result<(History, LoadedLog)> {
    let (history, mut log) = read_history(path)?;
    copy_set_aside(&mut log);
    Ok((history, log))
}

/// Opens the log (a missing one is empty; a directory is an error) and runs `parse`
/// on it under a shared lock: an append in progress in another upright finishes
/// first, so a line being written is never read half-done (and set aside as torn).
/// Where locks are not supported the log is read all the same.
fn read_log(
    path: &Path,
    parse: impl FnOnce(&File) -> io::Result<(Vec<SetAside>, usize)>,
) -> io::Result<LoadedLog> {
    let fail = |e: io::Error| context(e, format!("cannot read the session log {}", path.display()));
    let empty = LoadedLog {
        path: path.to_path_buf(),
        ..LoadedLog::default()
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(empty),
        Err(e) => return Err(fail(e)),
    };
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(fail(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory, not a file",
        )));
    }
    // A device or a pipe (e.g. a link to /dev/zero or /dev/full) may never end:
    // reading it would fill memory or block start-up.
    if !meta.is_file() {
        return Err(fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file (a device or a pipe?)",
        )));
    }
    let locked = fs4::FileExt::lock_shared(&file).is_ok();
    let parsed = parse(&file);
    if locked {
        let _ = fs4::FileExt::unlock(&file);
    }
    let (set_aside, lines) = parsed.map_err(fail)?;
    Ok(LoadedLog {
        set_aside,
        lines,
        exists: true,
        ..empty
    })
}

/// Reads the log and copies any set-aside line not copied before into the .corrupt
/// file. Failing to copy is reported in the result, not as an error: the events
/// still load. Only failing to read the log is an error.
pub fn load(path: &Path) -> io::Result<LoadedLog> {
    let mut log = read(path)?;
    copy_set_aside(&mut log);
    Ok(log)
}

fn copy_set_aside(log: &mut LoadedLog) {
    if !log.set_aside.is_empty() {
        match quarantine(&log.path, &log.set_aside) {
            Ok(n) => log.newly_quarantined = n,
            Err(e) => log.quarantine_error = Some(e.to_string()),
        }
    }
}

const HEADER: &str = "# upright set aside line ";

fn header(line: &SetAside, log: &Path) -> String {
    let reason = line.reason.replace(['\n', '\r'], " ");
    format!(
        "{HEADER}{} (fnv {:016x}) of {}: {reason}\n",
        line.line,
        line.hash(),
        log.display()
    )
}

/// Reads the (line, hash) keys of the entries already in a .corrupt file.
fn copied_keys(reader: impl BufRead) -> io::Result<Vec<(usize, u64)>> {
    let mut reader = reader;
    let mut keys = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let Some(rest) = buf.strip_prefix(HEADER.as_bytes()) else {
            continue;
        };
        let Ok(rest) = std::str::from_utf8(rest) else {
            continue;
        };
        let key = (|| {
            let (number, rest) = rest.split_once(" (fnv ")?;
            let (hash, _) = rest.split_once(')')?;
            Some((number.parse().ok()?, u64::from_str_radix(hash, 16).ok()?))
        })();
        keys.extend(key);
    }
    Ok(keys)
}

/// Copies set-aside lines into the .corrupt file beside `log`, each under a header
/// naming its line, hash and reason, skipping those copied before. Returns how many
/// were copied now.
pub fn quarantine(log: &Path, lines: &[SetAside]) -> io::Result<usize> {
    let path = corrupt_path(log);
    let fail = |e: io::Error| context(e, format!("cannot write {}", path.display()));
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)
        .map_err(fail)?;
    fs4::FileExt::lock(&file).map_err(fail)?;
    let result = (|| {
        file.seek(SeekFrom::Start(0))?;
        let known = copied_keys(BufReader::new(&mut file))?;
        let mut buf = Vec::new();
        let mut copied = 0;
        for line in lines {
            if known.contains(&(line.line, line.hash())) {
                continue;
            }
            buf.extend_from_slice(header(line, log).as_bytes());
            buf.extend_from_slice(&line.bytes);
            buf.push(b'\n');
            copied += 1;
        }
        if !buf.is_empty() {
            file.write_all(&buf)?;
            file.sync_data()?;
        }
        Ok(copied)
    })();
    let _ = fs4::FileExt::unlock(&file);
    result.map_err(fail)
}

/// A small deterministic random source for synthetic logs (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    /// True with the given chance in percent.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct SynthStep {
    exercise: &'static str,
    name: &'static str,
    sets: u32,
    per_side: bool,
}

const SYNTH_ROUTINES: [(&str, &str, &[SynthStep]); 3] = [
    (
        "full",
        "Full upper-back routine",
        &[
            SynthStep {
                exercise: "plank",
                name: "Plank",
                sets: 3,
                per_side: false,
            },
            SynthStep {
                exercise: "push-up",
                name: "Push-up",
                sets: 2,
                per_side: false,
            },
            SynthStep {
                exercise: "ostrich",
                name: "Ostrich (neck glide)",
                sets: 2,
                per_side: false,
            },
            SynthStep {
                exercise: "shoulder-blade-stretch",
                name: "Stretch between the shoulder blades",
                sets: 2,
                per_side: true,
            },
            SynthStep {
                exercise: "childs-pose",
                name: "Child's pose",
                sets: 1,
                per_side: false,
            },
        ],
    ),
    (
        "desk-break",
        "Desk break",
        &[
            SynthStep {
                exercise: "ostrich",
                name: "Ostrich (neck glide)",
                sets: 2,
                per_side: false,
            },
            SynthStep {
                exercise: "shoulder-blade-stretch",
                name: "Stretch between the shoulder blades",
                sets: 1,
                per_side: true,
            },
        ],
    ),
    (
        "core-shoulders",
        "Core and shoulders",
        &[
            SynthStep {
                exercise: "plank",
                name: "Plank",
                sets: 2,
                per_side: false,
            },
            SynthStep {
                exercise: "push-up",
                name: "Push-up",
                sets: 2,
                per_side: false,
            },
            SynthStep {
                exercise: "shoulder-blade-stretch",
                name: "Stretch between the shoulder blades",
                sets: 1,
                per_side: true,
            },
            SynthStep {
                exercise: "childs-pose",
                name: "Child's pose",
                sets: 1,
                per_side: false,
            },
        ],
    ),
];

/// The dose of a synthetic exercise at a level: kind, planned seconds, planned reps.
fn synth_dose(exercise: &str, level: u32) -> (DoseKind, Option<f64>, Option<u32>) {
    match (exercise, level) {
        ("plank", 1) => (DoseKind::Hold, Some(20.0), None),
        ("plank", 2) => (DoseKind::Open, Some(45.0), None),
        ("plank", _) => (DoseKind::Hold, Some(30.0), None),
        ("push-up", 1) => (DoseKind::Reps, None, Some(10)),
        ("push-up", _) => (DoseKind::Reps, None, Some(8)),
        ("ostrich", _) => (DoseKind::Reps, None, Some(10)),
        ("childs-pose", _) => (DoseKind::Hold, Some(60.0), None),
        _ => (DoseKind::Hold, Some(30.0), None),
    }
}

/// A Central-European-like offset without a time zone database: summer time from
/// April to October.
fn synth_offset(date: NaiveDate) -> FixedOffset {
    use chrono::Datelike;
    let hours = if (4..=10).contains(&date.month()) {
        2
    } else {
        1
    };
    FixedOffset::east_opt(hours * 3600).unwrap_or(chrono::Offset::fix(&chrono::Utc))
}

/// Synthetic events: `days` days from Monday 2015-01-05, `sessions_per_day` sessions
/// a day, with a realistic mix of routines, pain scores, skipped and hurt sets,
/// partial, abandoned and interrupted sessions, open-hold bests and level changes.
/// The same seed gives the same events.
pub fn synthetic_events(days: u32, sessions_per_day: u32, seed: u64) -> Vec<Event> {
    let mut rng = Rng(seed);
    let mut events = Vec::new();
    let Some(first_day) = NaiveDate::from_ymd_opt(2015, 1, 5) else {
        return events;
    };
    let mut levels = [("plank", 1u32, 4u32), ("push-up", 1, 3)];
    let mut counter = 0u32;
    for day in 0..days {
        let Some(date) = first_day.checked_add_days(chrono::Days::new(u64::from(day))) else {
            break;
        };
        let offset = synth_offset(date);
        for slot in 0..sessions_per_day {
            counter = counter.wrapping_add(1);
            let minutes = 7 * 60 + i64::from(slot) * 150 + rng.below(45) as i64;
            let Some(naive) = date.and_hms_opt(0, 0, 0) else {
                continue;
            };
            let naive = naive + TimeDelta::minutes(minutes % (24 * 60));
            let Some(start) = offset.from_local_datetime(&naive).single() else {
                continue;
            };
            let session: crate::model::event::Name = session_id(start, counter).into();
            // Half full routines, three in ten desk breaks, two in ten strength.
            let (routine, routine_name, steps) = match rng.below(10) {
                0..=4 => SYNTH_ROUTINES[0],
                5..=7 => SYNTH_ROUTINES[1],
                _ => SYNTH_ROUTINES[2],
            };
            let planned: u32 = steps
                .iter()
                .map(|s| s.sets * if s.per_side { 2 } else { 1 })
                .sum();
            let pain_before = rng.chance(80).then(|| rng.below(8) as u8);
            events.push(Event::Start(StartEvent {
                v: SCHEMA_VERSION,
                session: session.clone(),
                at: start,
                routine: routine.into(),
                routine_name: routine_name.into(),
                pain_before,
                planned_steps: Some(planned),
            }));
            let fate = rng.below(100);
            let stop_after = match fate {
                0..=84 => planned,
                _ => rng.below(u64::from(planned)) as u32,
            };
            let mut at = start + TimeDelta::seconds(10);
            let mut active = 0.0;
            let mut index = 0u32;
            'steps: for step in steps {
                let level = levels
                    .iter()
                    .find(|(e, _, _)| *e == step.exercise)
                    .map_or(1, |(_, l, _)| *l);
                let (dose, planned_secs, planned_reps) = synth_dose(step.exercise, level);
                for set in 1..=step.sets {
                    let sides: &[Option<Side>] = if step.per_side {
                        &[Some(Side::Left), Some(Side::Right)]
                    } else {
                        &[None]
                    };
                    for side in sides {
                        if index >= stop_after {
                            break 'steps;
                        }
                        let skipped = rng.chance(3);
                        let hurt = !skipped && rng.chance(1);
                        let achieved_secs = planned_secs.map(|p| match dose {
                            DoseKind::Open => p - 15.0 + rng.below(40) as f64 + 0.5,
                            _ if skipped => 0.0,
                            _ => p,
                        });
                        let achieved_reps = planned_reps.map(|r| {
                            if skipped {
                                0
                            } else {
                                r + 2 - (rng.below(4) as u32).min(r + 2)
                            }
                        });
                        let took = achieved_secs.unwrap_or(30.0);
                        at += TimeDelta::milliseconds((took * 1000.0) as i64);
                        active += took;
                        events.push(Event::Step(StepEvent {
                            v: SCHEMA_VERSION,
                            session: session.clone(),
                            at,
                            index,
                            exercise: step.exercise.into(),
                            exercise_name: step.name.into(),
                            level,
                            set,
                            sets: step.sets,
                            side: *side,
                            dose,
                            planned_secs,
                            achieved_secs,
                            planned_reps,
                            achieved_reps,
                            skipped,
                            hurt,
                        }));
                        at += TimeDelta::seconds(20);
                        active += 20.0;
                        index += 1;
                    }
                }
            }
            let status = match fate {
                0..=84 => Some(EndStatus::Completed),
                85..=92 => Some(EndStatus::Partial),
                93..=95 => Some(EndStatus::Abandoned),
                _ => None, // interrupted: no end event
            };
            if let Some(status) = status {
                events.push(Event::End(EndEvent {
                    v: SCHEMA_VERSION,
                    session: session.clone(),
                    at,
                    status,
                    pain_after: pain_before.map(|p| p.saturating_sub(rng.below(3) as u8)),
                    note: rng
                        .chance(5)
                        .then(|| "felt stiff in the morning".to_string()),
                    active_secs: active,
                }));
            }
            if status == Some(EndStatus::Completed) && rng.chance(4) {
                let which = rng.below(2) as usize;
                let (exercise, level, max) = &mut levels[which];
                let (new, reason) = if *level < *max && rng.chance(80) {
                    (*level + 1, LevelReason::Progress)
                } else if *level > 1 {
                    (*level - 1, LevelReason::Easier)
                } else {
                    (*level, LevelReason::Manual)
                };
                *level = new;
                events.push(Event::Level(LevelEvent {
                    v: SCHEMA_VERSION,
                    session,
                    at: at + TimeDelta::seconds(1),
                    exercise: (*exercise).into(),
                    level: new,
                    reason,
                }));
            }
        }
    }
    events
}

/// [`synthetic_events`] as log lines (without newlines).
pub fn synthetic(days: u32, sessions_per_day: u32, seed: u64) -> Vec<String> {
    synthetic_events(days, sessions_per_day, seed)
        .iter()
        .map(Event::to_line)
        .collect()
}

/// Writes a synthetic log to `out`, one line per event. Returns the number of lines.
pub fn write_synthetic(
    out: &mut dyn Write,
    days: u32,
    sessions_per_day: u32,
    seed: u64,
) -> io::Result<usize> {
    let events = synthetic_events(days, sessions_per_day, seed);
    for e in &events {
        out.write_all(e.to_line().as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(events.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(session: &str, at: &str) -> Event {
        Event::Start(StartEvent {
            v: 1,
            session: session.into(),
            at: DateTime::parse_from_rfc3339(at).expect("test time"),
            routine: "full".into(),
            routine_name: "Full upper-back routine".into(),
            pain_before: Some(3),
            planned_steps: None,
        })
    }

    use chrono::DateTime;

    #[test]
    fn a_missing_log_is_empty_and_nothing_is_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("none/sessions.jsonl");
        let log = load(&path).expect("load");
        assert!(log.events.is_empty() && log.set_aside.is_empty() && !log.exists);
        assert!(!dir.path().join("none").exists());
    }

    #[test]
    fn append_creates_the_directory_and_writes_whole_lines() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/sessions.jsonl");
        let e1 = start("s1", "2024-05-01T08:00:00+02:00");
        let e2 = start("s2", "2024-05-02T08:00:00+02:00");
        append(&path, &e1).expect("append");
        append(&path, &e2).expect("append");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text, format!("{}\n{}\n", e1.to_line(), e2.to_line()));
        assert_eq!(load(&path).expect("load").events, vec![e1, e2]);
    }

    #[test]
    fn appending_after_a_torn_line_starts_a_new_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let e1 = start("s1", "2024-05-01T08:00:00+02:00");
        let torn = r#"{"type":"step","v":1,"session":"s1","at":"2024-05-01T08:0"#;
        std::fs::write(&path, format!("{}\n{torn}", e1.to_line())).expect("write");
        let e2 = start("s2", "2024-05-02T08:00:00+02:00");
        append(&path, &e2).expect("append");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(
            text,
            format!("{}\n{torn}\n{}\n", e1.to_line(), e2.to_line())
        );
        let log = load(&path).expect("load");
        assert_eq!(log.events, vec![e1, e2]);
        assert_eq!(log.set_aside.len(), 1);
        assert_eq!(log.set_aside[0].line, 2);
        assert!(
            log.set_aside[0].reason.contains("cut short"),
            "{:?}",
            log.set_aside
        );
    }

    #[test]
    fn append_errors_name_the_path_and_do_not_panic() {
        let dir = tempfile::tempdir().expect("tempdir");
        // The log is a directory.
        let path = dir.path().join("sessions.jsonl");
        std::fs::create_dir(&path).expect("mkdir");
        let err = append(&path, &start("s", "2024-05-01T08:00:00Z")).expect_err("a directory");
        assert!(
            err.to_string().contains(&format!(
                "cannot append to the session log {}",
                path.display()
            )),
            "{err}"
        );
        let err = read(&path).expect_err("a directory");
        assert!(
            err.to_string().contains("cannot read the session log"),
            "{err}"
        );
        // The data directory is a file.
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").expect("write");
        let err = append(
            &file.join("sessions.jsonl"),
            &start("s", "2024-05-01T08:00:00Z"),
        )
        .expect_err("not a directory");
        assert!(
            err.to_string().contains("cannot create the data directory"),
            "{err}"
        );
    }

    #[test]
    fn a_full_disk_is_an_error_naming_the_log() {
        // /dev/full accepts opening and refuses every write with "no space left".
        let full = Path::new("/dev/full");
        if !full.exists() {
            return;
        }
        let err = append(full, &start("s", "2024-05-01T08:00:00Z")).expect_err("disk full");
        assert_eq!(err.kind(), io::ErrorKind::StorageFull, "{err}");
        assert!(
            err.to_string()
                .starts_with("cannot append to the session log /dev/full: "),
            "{err}"
        );
    }

    #[test]
    fn a_log_that_is_a_device_is_refused_not_read_forever() {
        // /dev/zero never ends and has no line breaks: reading it would fill memory.
        if !Path::new("/dev/zero").exists() {
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
        let err = read(&path).expect_err("a device");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn every_bad_line_is_set_aside_once_and_the_rest_loads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let good1 = start("s1", "2024-05-01T08:00:00+02:00");
        let good2 = start("s2", "2024-05-02T08:00:00+02:00");
        let future_field = r#"{"type":"end","v":1,"session":"s1","at":"2024-05-01T08:10:00+02:00","status":"completed","active_secs":540,"mood":"great"}"#;
        let mut bytes = Vec::new();
        bytes.extend_from_slice(good1.to_line().as_bytes());
        bytes.extend_from_slice(b"\nthis is not json\n");
        bytes.extend_from_slice(future_field.as_bytes());
        bytes.extend_from_slice(b"\n\n");
        bytes.extend_from_slice(
            b"{\"type\":\"nap\",\"v\":1,\"session\":\"s1\",\"at\":\"2024-05-01T09:00:00Z\"}\n",
        );
        bytes.extend_from_slice(
            b"{\"type\":\"start\",\"v\":2,\"session\":\"s3\",\"at\":\"2024-05-03T09:00:00Z\"}\n",
        );
        bytes.extend_from_slice(b"{\"type\":\"end\",\"note\":\"caf\xe9\"}\n");
        bytes.extend_from_slice(good2.to_line().as_bytes());
        bytes.extend_from_slice(b"\r\n{\"type\":\"step\",\"v\":1,\"sess");
        std::fs::write(&path, &bytes).expect("write");

        let log = load(&path).expect("load");
        assert_eq!(log.events.len(), 3, "{:?}", log.events);
        assert_eq!(log.events[0], good1);
        assert!(matches!(&log.events[1], Event::End(e) if &*e.session == "s1"));
        assert_eq!(log.events[2], good2);
        let lines: Vec<usize> = log.set_aside.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![2, 5, 6, 7, 9]);
        let reasons: Vec<&str> = log.set_aside.iter().map(|s| s.reason.as_str()).collect();
        assert!(reasons[0].contains("not a JSON object"), "{reasons:?}");
        assert!(
            reasons[1].contains("unknown event type \"nap\""),
            "{reasons:?}"
        );
        assert!(reasons[2].contains("schema version 2"), "{reasons:?}");
        assert!(reasons[3].contains("not UTF-8"), "{reasons:?}");
        assert!(reasons[4].contains("cut short"), "{reasons:?}");
        assert_eq!(log.newly_quarantined, 5);
        assert_eq!(log.warnings().len(), 5);
        assert!(log.warnings()[0].contains(&format!("{}:2: line set aside", path.display())));

        // The log itself is untouched.
        assert_eq!(std::fs::read(&path).expect("read"), bytes);
        // The .corrupt file holds every bad line byte for byte, under a header.
        let corrupt = std::fs::read(corrupt_path(&path)).expect("corrupt");
        for s in &log.set_aside {
            let needle = [s.bytes.as_slice(), b"\n"].concat();
            assert!(
                corrupt
                    .windows(needle.len())
                    .any(|w| w == needle.as_slice()),
                "line {} missing from .corrupt",
                s.line
            );
        }
        // Loading again copies nothing new.
        let again = load(&path).expect("load");
        assert_eq!(again.newly_quarantined, 0);
        assert_eq!(again.set_aside.len(), 5);
        assert_eq!(
            std::fs::read(corrupt_path(&path)).expect("corrupt"),
            corrupt
        );

        // A new bad line is copied, and only it.
        let mut more = bytes.clone();
        more.extend_from_slice(b"\nanother bad line\n");
        std::fs::write(&path, &more).expect("write");
        let third = load(&path).expect("load");
        assert_eq!(third.newly_quarantined, 1);
        let corrupt2 = std::fs::read(corrupt_path(&path)).expect("corrupt");
        assert!(corrupt2.starts_with(&corrupt));
        assert_eq!(
            String::from_utf8_lossy(&corrupt2[corrupt.len()..]),
            format!(
                "# upright set aside line 10 (fnv {:016x}) of {}: {}\nanother bad line\n",
                fnv1a(b"another bad line"),
                path.display(),
                third.set_aside[5].reason
            )
        );
    }

    #[test]
    fn identical_bad_lines_on_different_lines_are_each_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        std::fs::write(&path, "oops\noops\n").expect("write");
        assert_eq!(load(&path).expect("load").newly_quarantined, 2);
        assert_eq!(load(&path).expect("load").newly_quarantined, 0);
    }

    #[test]
    fn a_read_only_quarantine_is_a_warning_not_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        std::fs::write(&path, "oops\n").expect("write");
        // A directory where the .corrupt file would go makes the copy fail.
        std::fs::create_dir(corrupt_path(&path)).expect("mkdir");
        let log = load(&path).expect("load");
        assert_eq!(log.set_aside.len(), 1);
        assert!(log.quarantine_error.is_some());
        assert!(
            log.warnings()
                .iter()
                .any(|w| w.contains("could not be copied"))
        );
    }

    #[test]
    fn reading_in_parts_gives_what_reading_in_one_go_gives() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let mut text = String::new();
        for (i, line) in synthetic(12, 2, 3).iter().enumerate() {
            text.push_str(line);
            text.push('\n');
            if i % 37 == 5 {
                text.push_str("not an event\n\n");
            }
        }
        text.push_str("{\"type\":\"end\",\"v\":1,\"sess"); // torn last line
        std::fs::write(&path, &text).expect("write");
        let file = File::open(&path).expect("open");
        let whole = parse(&file).expect("parse");
        assert!(whole.1.len() > 5);
        for threads in [2, 3, 4, 7, 200] {
            let file = File::open(&path).expect("open");
            let parts = parse_in_parts(&path, &file, threads, 0).expect("parts");
            assert_eq!(parts.0, whole.0, "{threads} parts");
            assert_eq!(parts.1, whole.1, "{threads} parts");
            assert_eq!(parts.2, whole.2, "{threads} parts");
        }
    }

    #[test]
    fn reading_straight_into_a_history_gives_the_same_history() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let mut text = synthetic(40, 2, 9).join("\n");
        text.push_str("\nnot an event\n");
        std::fs::write(&path, &text).expect("write");
        let log = read(&path).expect("read");
        let (history, streamed) = load_history(&path).expect("history");
        assert_eq!(history, History::from_events(log.events.clone()));
        assert!(streamed.events.is_empty());
        assert_eq!(streamed.set_aside, log.set_aside);
        assert_eq!(streamed.lines, log.lines);
        assert_eq!(streamed.newly_quarantined, 1);
        assert_eq!(history.sessions().len(), 80);
    }

    #[test]
    fn synthetic_logs_are_deterministic_and_valid() {
        let a = synthetic(30, 2, 7);
        let b = synthetic(30, 2, 7);
        assert_eq!(a, b);
        assert_ne!(a, synthetic(30, 2, 8));
        let text = a.join("\n");
        let (events, bad, _) = parse(text.as_bytes()).expect("parse");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(events.len(), a.len());
        let starts = events
            .iter()
            .filter(|e| matches!(e, Event::Start(_)))
            .count();
        assert_eq!(starts, 60);
    }
}
