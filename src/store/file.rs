//! Opening the files the store reads: regular files only, never blocking on a
//! named pipe, and never reading more than a cap.
//!
//! A named pipe (FIFO) blocks `open()` until a writer comes; a device such as
//! `/dev/zero` never ends. Both are refused with the path and what was expected,
//! before anything is read. Files are opened non-blocking and their type is
//! checked on the open file, so nothing can be swapped in between the check and
//! the read.

use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::diag::too_large;
use crate::model::diagnostic::Diagnostic;

/// Opens `path` for reading if it is a regular file (a link to one is followed).
/// `Ok(None)` when there is no such file. A directory, a named pipe, a device or
/// a socket is an error saying what it is; opening never blocks.
pub fn open_regular(path: &Path) -> io::Result<Option<File>> {
    let file = match read_options().open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    require_regular(file.metadata()?.file_type())?;
    Ok(Some(file))
}

/// `Ok` for a regular file, else an error naming what the file is instead.
pub fn require_regular(kind: FileType) -> io::Result<()> {
    if kind.is_file() {
        return Ok(());
    }
    let err = if kind.is_dir() {
        io::ErrorKind::IsADirectory
    } else {
        io::ErrorKind::InvalidInput
    };
    Err(io::Error::new(
        err,
        format!("it is {}, not a regular file", describe(kind)),
    ))
}

/// What a file that is not a regular file is, in words.
fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

/// Read-only, and on Unix non-blocking, so that opening a named pipe returns at
/// once (reads from a regular file are not affected by the flag).
fn read_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// Reads at most `max` bytes of `reader`. `Ok(None)` when there is more: the size
/// is found by reading (one byte past the cap), never taken from the metadata,
/// which a device or a file still being written does not tell truly.
pub fn read_at_most(reader: impl Read, max: usize) -> io::Result<Option<Vec<u8>>> {
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    reader.take(limit).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= max).then_some(bytes))
}

/// Reads a user's TOML file (config, exercises, routines): a regular file of at
/// most `max` bytes. `Ok(None)` when there is none, unless `must_exist`. Every
/// failure is one whole-file problem: `cannot read {what}: why`, and what was
/// expected.
pub fn read_user_file(
    path: &Path,
    max: usize,
    what: &str,
    must_exist: bool,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    let shown = path.display().to_string();
    let cannot = |e: io::Error| {
        Diagnostic::whole_file(&shown, format!("cannot read {what}: {e}"))
            .expected("a readable TOML file")
    };
    let file = match open_regular(path) {
        Ok(Some(f)) => f,
        Ok(None) if !must_exist => return Ok(None),
        Ok(None) => return Err(cannot(io::Error::from_raw_os_error(not_found()))),
        Err(e) => return Err(cannot(e)),
    };
    match read_at_most(file, max).map_err(cannot)? {
        Some(bytes) => Ok(Some(bytes)),
        None => Err(too_large(&shown, None, max)),
    }
}

/// The system's "no such file" error number, so a file that must exist and does
/// not is reported as the system says it.
fn not_found() -> i32 {
    #[cfg(unix)]
    {
        libc::ENOENT
    }
    #[cfg(not(unix))]
    {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cap_is_found_by_reading_not_from_the_metadata() {
        assert_eq!(
            read_at_most(&b"abcd"[..], 4).expect("read"),
            Some(b"abcd".to_vec())
        );
        assert_eq!(read_at_most(&b"abcde"[..], 4).expect("read"), None);
        // An endless reader stops one byte past the cap.
        assert_eq!(read_at_most(io::repeat(0), 1024).expect("read"), None);
    }

    #[test]
    fn a_missing_file_is_none_unless_it_must_exist() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("none.toml");
        assert_eq!(read_user_file(&path, 10, "the file", false), Ok(None));
        let err = read_user_file(&path, 10, "the file", true).expect_err("must exist");
        assert!(
            err.message
                .starts_with("cannot read the file: No such file"),
            "{err:?}"
        );
    }
}
