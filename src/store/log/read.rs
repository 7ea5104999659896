//! Reading the log: streamed in blocks, each line parsed where it lies, the lines
//! that cannot be used set aside with a reason.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::store::file::open_regular;

use super::lines::{Line, MAX_LINE, for_each_line};
use super::quarantine::Cut;
use super::{LoadedLog, SetAside, context};
use crate::model::event::{Event, LineParser};
use crate::model::history::{History, HistoryBuilder};

/// Parses log lines from any reader, streaming: the file is read in blocks and
/// each line parsed where it lies, so memory holds one block (or one line, up to
/// [`MAX_LINE`]) besides the events; a longer line is set aside without being held
/// whole. Returns the events, the set-aside lines and the number of lines read.
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
    parse_numbered(reader, &mut |_, e| sink(e))
}

/// [`parse_into`], handing `sink` each event's 1-based line number too.
pub fn parse_numbered(
    reader: impl Read,
    sink: &mut dyn FnMut(usize, Event),
) -> io::Result<(Vec<SetAside>, usize)> {
    let mut set_aside = Vec::new();
    let mut parser = LineParser::new();
    let mut take = |number: usize, line: Line<'_>| {
        let mut bytes = match line {
            Line::Whole(bytes) => bytes,
            Line::Long { head, len, hash } => {
                set_aside.push(SetAside {
                    line: number,
                    bytes: head.to_vec(),
                    reason: format!(
                        "the line is {len} bytes long, more than the {} MiB a log line may have",
                        MAX_LINE / (1024 * 1024)
                    ),
                    cut: Some(Cut { len, hash }),
                });
                return;
            }
        };
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
            Ok(event) => sink(number, event),
            Err(reason) => set_aside.push(SetAside {
                line: number,
                bytes: bytes.to_vec(),
                reason,
                cut: None,
            }),
        }
    };
    let lines = for_each_line(reader, MAX_LINE, &mut take)?;
    Ok((set_aside, lines))
}

/// Reads the log without writing anything, streaming it. A missing file is an
/// empty log.
pub fn read(path: &Path) -> io::Result<LoadedLog> {
    let mut events = Vec::new();
    let mut log = read_each(path, &mut |e| events.push(e))?;
    log.events = events;
    Ok(log)
}

/// Reads the log into a [`History`], building it as the lines are read (the
/// result's `events` is empty). Writes nothing.
pub fn read_history(path: &Path) -> io::Result<(History, LoadedLog)> {
    let mut builder = HistoryBuilder::default();
    let log = read_each(path, &mut |e| builder.push(e))?;
    Ok((builder.finish(), log))
}

/// Reads one log file, handing each event to `sink` as it is read (the result's
/// `events` is empty): memory holds a block and the set-aside lines, whatever the
/// file's size. Writes nothing.
pub fn read_each(path: &Path, sink: &mut dyn FnMut(Event)) -> io::Result<LoadedLog> {
    read_log(path, |file| parse_into(file, sink))
}

/// Reads the log without writing anything, each event with its line number.
pub fn read_numbered(path: &Path) -> io::Result<(Vec<(usize, Event)>, LoadedLog)> {
    let mut events = Vec::new();
    let log = read_log(path, |file| {
        parse_numbered(file, &mut |n, e| events.push((n, e)))
    })?;
    Ok((events, log))
}

/// Opens the log (a missing one is empty; anything but a regular file is an error)
/// and runs `parse`
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
    // Opened without blocking and refused unless a regular file: a named pipe
    // would block start-up, a device (a link to /dev/zero) never ends.
    let Some(file) = open_regular(path).map_err(fail)? else {
        return Ok(empty);
    };
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

#[cfg(test)]
mod tests {
    use super::super::{load, load_history, synthetic};
    use super::*;

    #[test]
    fn a_missing_log_is_empty_and_nothing_is_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("none/sessions.jsonl");
        let log = load(&path).expect("load");
        assert!(log.events.is_empty() && log.set_aside.is_empty() && !log.exists);
        assert!(!dir.path().join("none").exists());
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
    fn reading_straight_into_a_history_gives_the_same_history() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let mut text = synthetic::lines(40, 2, 9).join("\n");
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
}
