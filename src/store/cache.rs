//! The cache dir: files upright can make again at any time (the cue sounds it
//! hands to the system's audio player). Nothing here is synced to disk: a file
//! lost in a crash is written again on the next run.

use std::fs;
use std::io;
use std::path::Path;

/// Makes sure `path` holds `bytes`: a file of the same size already there is
/// taken as written (the caller puts a digest of the contents in the directory
/// name); otherwise the file is written beside and renamed into place, so a
/// reader never sees half of it.
pub fn ensure(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A short digest of some bytes (FNV-1a, 32 bits) as 8 hex digits, to name a
/// directory after what it holds.
pub fn digest<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for part in parts {
        for &b in part {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    format!("{h:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ensure_writes_once_and_rewrites_a_short_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a/b/tone.wav");
        ensure(&path, b"12345").expect("first write");
        assert_eq!(fs::read(&path).expect("read"), b"12345");
        let before = fs::metadata(&path).and_then(|m| m.modified()).ok();
        ensure(&path, b"12345").expect("again");
        assert_eq!(fs::metadata(&path).and_then(|m| m.modified()).ok(), before);
        // A torn file (wrong size) is written again.
        fs::write(&path, b"12").expect("tear");
        ensure(&path, b"12345").expect("repair");
        assert_eq!(fs::read(&path).expect("read"), b"12345");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }

    #[test]
    fn ensure_reports_a_dir_that_cannot_be_made() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("plain-file");
        fs::write(&file, b"x").expect("write");
        assert!(ensure(&file.join("sub/tone.wav"), b"1").is_err());
    }

    #[test]
    fn digests_differ_with_the_contents() {
        assert_eq!(digest([b"".as_slice()]), "811c9dc5");
        assert_ne!(digest([b"a".as_slice()]), digest([b"b".as_slice()]));
        assert_eq!(digest([b"ab".as_slice()]), digest([b"a".as_slice(), b"b"]));
    }
}
