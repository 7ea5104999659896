//! Splitting a stream into lines with bounded memory: a line is held whole only
//! up to a limit; a longer one is passed on as its first bytes, its length and a
//! hash of all of it, read through without being kept.

use std::io::{self, Read};

/// The longest log line held whole (a real event is a few hundred bytes).
pub const MAX_LINE: usize = 1024 * 1024;

/// How much of a line longer than the limit is kept, to show what it was.
pub const LONG_HEAD: usize = 4096;

/// One line, without its newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line within the limit, whole.
    Whole(&'a [u8]),
    /// A line over the limit: its first [`LONG_HEAD`] bytes, its length and the
    /// hash ([`fnv1a`]) of all its bytes.
    Long { head: &'a [u8], len: u64, hash: u64 },
}

/// FNV-1a, 64 bits, continued from `h` (start from [`FNV_START`]): small, and
/// stable across builds (unlike std's hasher).
pub fn fnv1a_from(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Where an FNV-1a hash starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(FNV_START, bytes)
}

/// A line being read past the limit.
struct LongLine {
    head: Vec<u8>,
    len: u64,
    hash: u64,
}

impl LongLine {
    fn new(bytes: &[u8]) -> LongLine {
        let mut long = LongLine {
            head: Vec::with_capacity(LONG_HEAD),
            len: 0,
            hash: FNV_START,
        };
        long.more(bytes);
        long
    }

    fn more(&mut self, bytes: &[u8]) {
        let room = LONG_HEAD - self.head.len();
        self.head.extend_from_slice(&bytes[..bytes.len().min(room)]);
        self.len += bytes.len() as u64;
        self.hash = fnv1a_from(self.hash, bytes);
    }

    fn line(&self) -> Line<'_> {
        Line::Long {
            head: &self.head,
            len: self.len,
            hash: self.hash,
        }
    }
}

/// Calls `each` with the 1-based number and the bytes of every line of `reader`
/// (a last line without a newline included), holding at most `max` bytes of a
/// line. Returns the number of lines.
pub fn for_each_line(
    reader: impl Read,
    max: usize,
    each: &mut dyn FnMut(usize, Line<'_>),
) -> io::Result<usize> {
    let mut reader = reader;
    let max = max.max(1);
    let mut buf = vec![0u8; (64 * 1024).min(max + 1)];
    let (mut start, mut end) = (0usize, 0usize);
    let mut number = 0usize;
    let mut long: Option<LongLine> = None;
    loop {
        if let Some(len) = memchr::memchr(b'\n', &buf[start..end]) {
            number += 1;
            match long.take() {
                Some(mut l) => {
                    l.more(&buf[start..start + len]);
                    each(number, l.line());
                }
                None => each(number, Line::Whole(&buf[start..start + len])),
            }
            start += len + 1;
            continue;
        }
        // No newline in what is buffered: a line past the limit is read through.
        match &mut long {
            Some(l) => l.more(&buf[start..end]),
            None if end - start > max => long = Some(LongLine::new(&buf[start..end])),
            None => {}
        }
        if long.is_some() {
            start = end;
        }
        buf.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buf.len() {
            let grown = (buf.len() * 2).min(max + 1);
            buf.resize(grown, 0);
        }
        let n = match reader.read(&mut buf[end..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            if let Some(l) = long.take() {
                number += 1;
                each(number, l.line());
            } else if end > 0 {
                number += 1;
                each(number, Line::Whole(&buf[..end]));
            }
            return Ok(number);
        }
        end += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(bytes: &[u8], max: usize) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for_each_line(bytes, max, &mut |n, line| {
            let text = match line {
                Line::Whole(b) => String::from_utf8_lossy(b).into_owned(),
                Line::Long { head, len, hash } => {
                    format!("long {len} {hash:x} {}", String::from_utf8_lossy(head))
                }
            };
            out.push((n, text));
        })
        .expect("read");
        out
    }

    #[test]
    fn lines_within_the_limit_are_whole_and_a_last_line_counts() {
        assert_eq!(
            split(b"a\n\nbc\nd", 4),
            [
                (1, "a".into()),
                (2, String::new()),
                (3, "bc".into()),
                (4, "d".into())
            ]
        );
        assert!(split(b"", 4).is_empty());
    }

    #[test]
    fn a_line_over_the_limit_is_read_through_with_its_length_and_hash() {
        let long = vec![b'x'; 10_000];
        let mut bytes = b"ok\n".to_vec();
        bytes.extend_from_slice(&long);
        bytes.extend_from_slice(b"\nafter\n");
        let lines = split(&bytes, 100);
        let want = format!("long 10000 {:x} {}", fnv1a(&long), "x".repeat(LONG_HEAD));
        assert_eq!(lines, [(1, "ok".into()), (2, want), (3, "after".into())]);
        // The same without a newline at the end.
        let lines = split(&long, 100);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].1.starts_with("long 10000 "), "{lines:?}");
    }

    #[test]
    fn a_line_exactly_at_the_limit_is_whole() {
        let line = vec![b'y'; 100];
        let mut bytes = line.clone();
        bytes.push(b'\n');
        assert_eq!(split(&bytes, 100), [(1, "y".repeat(100))]);
    }

    #[test]
    fn a_line_without_end_is_read_through_keeping_only_its_head() {
        // 50 MB of zeros without a newline, read a little over 1 KiB at a time.
        let reader = io::repeat(0).take(50_000_000);
        let mut seen = Vec::new();
        for_each_line(reader, 1024, &mut |n, line| {
            if let Line::Long { head, len, .. } = line {
                seen.push((n, head.len(), len));
            }
        })
        .expect("read");
        assert_eq!(seen, [(1, LONG_HEAD, 50_000_000)]);
    }
}
