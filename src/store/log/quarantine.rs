//! Setting lines aside: each line the reader could not use is copied, once, into
//! the `.corrupt` file beside the log, under a header naming its line, a hash of
//! its bytes and the reason.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::context;
use super::lines::{Line, MAX_LINE, fnv1a, for_each_line};
use crate::store::file::require_regular;

/// The quarantine file's name is the log's with this appended.
pub const CORRUPT_SUFFIX: &str = ".corrupt";

/// Where lines set aside from `log` are kept: `sessions.jsonl.corrupt`.
pub fn corrupt_path(log: &Path) -> PathBuf {
    let mut name = log.as_os_str().to_os_string();
    name.push(CORRUPT_SUFFIX);
    PathBuf::from(name)
}

/// A line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// 1-based line number in the log.
    pub line: usize,
    /// The line exactly as read, without its newline; only its first bytes when
    /// it is longer than a log line may be (see `cut`).
    pub bytes: Vec<u8>,
    pub reason: String,
    /// For a line too long to hold: its whole length and hash.
    pub cut: Option<Cut>,
}

/// What is known of a line read through without being held whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// Its length in bytes, without the newline.
    pub len: u64,
    /// The FNV-1a hash of all its bytes.
    pub hash: u64,
}

impl SetAside {
    /// The line as text (invalid UTF-8 shown as U+FFFD).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }

    /// A stable hash of the line's bytes (all of them, for a line held only in
    /// part), recorded in the .corrupt file so a line is copied only once.
    pub fn hash(&self) -> u64 {
        self.cut.map_or_else(|| fnv1a(&self.bytes), |c| c.hash)
    }
}

const HEADER: &str = "# upright set aside line ";

fn header(line: &SetAside, log: &Path) -> String {
    let reason = line.reason.replace(['\n', '\r'], " ");
    let part = match line.cut {
        Some(c) => format!(
            " [its first {} of {} bytes follow]",
            line.bytes.len(),
            c.len
        ),
        None => String::new(),
    };
    format!(
        "{HEADER}{} (fnv {:016x}) of {}: {reason}{part}\n",
        line.line,
        line.hash(),
        log.display()
    )
}

/// The (line, hash) key of a header line, if it is one.
fn header_key(bytes: &[u8]) -> Option<(usize, u64)> {
    let rest = std::str::from_utf8(bytes.strip_prefix(HEADER.as_bytes())?).ok()?;
    let (number, rest) = rest.split_once(" (fnv ")?;
    let (hash, _) = rest.split_once(')')?;
    Some((number.parse().ok()?, u64::from_str_radix(hash, 16).ok()?))
}

/// Reads the (line, hash) keys of the entries already in a .corrupt file, in one
/// pass; the copied lines themselves are read through, never held whole.
fn copied_keys(file: &mut File) -> io::Result<HashSet<(usize, u64)>> {
    let mut keys = HashSet::new();
    for_each_line(&mut *file, MAX_LINE, &mut |_, line| {
        if let Line::Whole(bytes) = line {
            keys.extend(header_key(bytes));
        }
    })?;
    Ok(keys)
}

/// Opens the .corrupt file to read and append, creating it: never through a
/// symbolic link, only a regular file, and never the log itself (a hard link).
fn open_corrupt(path: &Path, log: &Path) -> io::Result<File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link, which is not followed for this file",
        ));
    }
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Closes the gap between the check above and the open: a link put there
        // in between makes the open fail. Non-blocking: a named pipe is refused
        // below rather than waited on.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    require_regular(meta.file_type())?;
    if let Ok(log_meta) = std::fs::metadata(log)
        && same_file(&meta, &log_meta)
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is the session log {} itself", log.display()),
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    false
}

/// Copies set-aside lines into the .corrupt file beside `log`, each under a header
/// naming its line, hash and reason, skipping those copied before. Returns how many
/// were copied now. The file is read once, whatever its size, and each line is
/// looked up among those copied in constant time.
pub fn quarantine(log: &Path, lines: &[SetAside]) -> io::Result<usize> {
    let path = corrupt_path(log);
    let fail = |e: io::Error| context(e, format!("cannot write {}", path.display()));
    let mut file = open_corrupt(&path, log).map_err(fail)?;
    fs4::FileExt::lock(&file).map_err(fail)?;
    let result = (|| {
        file.seek(SeekFrom::Start(0))?;
        let known = copied_keys(&mut file)?;
        let mut out = io::BufWriter::with_capacity(256 * 1024, &file);
        let mut copied = 0;
        for line in lines {
            if known.contains(&(line.line, line.hash())) {
                continue;
            }
            out.write_all(header(line, log).as_bytes())?;
            out.write_all(&line.bytes)?;
            out.write_all(b"\n")?;
            copied += 1;
        }
        out.flush()?;
        drop(out);
        if copied > 0 {
            file.sync_data()?;
        }
        Ok(copied)
    })();
    let _ = fs4::FileExt::unlock(&file);
    result.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::super::{load, test_start as start};
    use super::*;
    use crate::model::event::Event;

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
            b"{\"type\":\"start\",\"v\":3,\"session\":\"s3\",\"at\":\"2024-05-03T09:00:00Z\"}\n",
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
        assert!(reasons[2].contains("schema version 3"), "{reasons:?}");
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
}
