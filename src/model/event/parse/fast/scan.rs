//! Byte scanning for the fast reader, eight bytes at a time: where a string ends,
//! and whether the text goes on with a given key.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Marks (high bit set) the zero bytes of a word; the lowest mark is exact.
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

fn word(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Whether `text` starts with `key`, a word at a time (keys are short, and calling
/// `memcmp` for each would cost more than comparing).
pub(super) fn starts_with(text: &[u8], key: &[u8]) -> bool {
    if text.len() < key.len() {
        return false;
    }
    let mut i = 0;
    while let (Some(a), Some(b)) = (word(text, i), word(key, i)) {
        if a != b {
            return false;
        }
        i += 8;
    }
    // The rest byte by byte: a slice comparison would call `memcmp` again.
    key.iter()
        .enumerate()
        .skip(i)
        .all(|(j, k)| text.get(j) == Some(k))
}

/// The index of the first `"`, `\` or control character (which JSON does not
/// allow in a string) in `b`.
pub(super) fn string_end(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(x) = word(b, i) {
        // A byte below 0x20 is marked as a zero byte would be (one of 0x80 or more
        // never is); only the lowest mark of each test is exact, and only the
        // lowest of all is used.
        let hits = zero_bytes(x ^ (ONES * u64::from(b'"')))
            | zero_bytes(x ^ (ONES * u64::from(b'\\')))
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGHS);
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_ends_at_the_first_quote_backslash_or_control_byte() {
        let cases: [(&[u8], Option<usize>); 8] = [
            (b"abc\"", Some(3)),
            (b"abcdefghijk\"", Some(11)),
            (b"abcdefgh\\x\"", Some(8)),
            (b"abcdefghij\tk\"", Some(10)),
            ("caf\u{e9} \u{1F600} ok\"".as_bytes(), Some(13)),
            (b"\x7f\x80\xff\x20\x1f", Some(4)),
            (b"no end here", None),
            (b"", None),
        ];
        for (text, end) in cases {
            assert_eq!(string_end(text), end, "{text:?}");
        }
    }

    #[test]
    fn keys_match_whole_and_only_whole() {
        assert!(starts_with(b"exercise_name\":1", b"exercise_name\""));
        assert!(!starts_with(b"exercise\":1", b"exercise_name\""));
        assert!(!starts_with(b"exercise_namE\":1", b"exercise_name\""));
        assert!(starts_with(b"v\":2", b"v\""));
        assert!(!starts_with(b"v", b"v\""));
    }
}
