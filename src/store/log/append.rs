//! Appending to the log: one whole line per event, under an exclusive lock, synced
//! before success is reported.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::context;
use crate::model::event::Event;
use crate::store::file::require_regular;

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
    let mut file = open_log(path).map_err(fail)?;
    fs4::FileExt::lock(&file).map_err(fail)?;
    let written = write_line_locked(&mut file, line);
    // Closing the file releases the lock too; unlocking early just lets a waiting
    // process go on sooner.
    let _ = fs4::FileExt::unlock(&file);
    written.map_err(fail)
}

/// Opens the log to read and append, creating it; only a regular file (a link to
/// one is followed). Non-blocking, so a named pipe is refused, not waited on.
fn open_log(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    require_regular(file.metadata()?.file_type())?;
    Ok(file)
}

/// Writes the line (after a newline if the last line was torn) and syncs it. If
/// any of that fails, the file is cut back to its length before, so a line
/// written in part (a full disk) never stays in the middle of the log, and an
/// event written but not synced is not there twice after a retry.
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
    let written = if torn {
        // The previous write was cut short: start this event on its own line so
        // only the torn one is lost to parsing (and it is kept in .corrupt).
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.push(b'\n');
        buf.extend_from_slice(line);
        file.write_all(&buf)
    } else {
        file.write_all(line)
    }
    .and_then(|()| file.sync_data());
    let Err(e) = written else {
        return Ok(());
    };
    match file.set_len(len).and_then(|()| file.sync_data()) {
        Ok(()) => Err(e),
        Err(cut) => Err(io::Error::new(
            e.kind(),
            format!("{e} (and what was written of the line could not be removed: {cut})"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{load, read, test_start as start};
    use super::*;

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
    fn a_log_that_is_a_device_is_refused_not_written() {
        // /dev/full accepts opening and refuses every write; it is refused before.
        let full = Path::new("/dev/full");
        if !full.exists() {
            return;
        }
        let err = append(full, &start("s", "2024-05-01T08:00:00Z")).expect_err("a device");
        assert_eq!(
            err.to_string(),
            "cannot append to the session log /dev/full: it is a character device, not a regular file"
        );
    }

    #[test]
    fn a_log_that_is_a_named_pipe_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sessions.jsonl");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo failed: skipped");
            return;
        }
        let err = append(&path, &start("s", "2024-05-01T08:00:00Z")).expect_err("a FIFO");
        assert!(
            err.to_string()
                .ends_with("it is a named pipe (FIFO), not a regular file"),
            "{err}"
        );
        let err = read(&path).expect_err("a FIFO");
        assert!(
            err.to_string()
                .ends_with("it is a named pipe (FIFO), not a regular file"),
            "{err}"
        );
    }
}
