//! Keys from the bytes of standard input, as a terminal sends them (or a
//! script writes them): a character is its key, Enter is CR or LF (CR LF once),
//! Backspace, Tab and Ctrl-letter have their codes, and the escape sequences of
//! the arrows and Shift-Tab are decoded. Escape on its own is Esc. The keys
//! then go through the keymap like any other.

use ratatui::crossterm::event::KeyCode;

use crate::app::keymap::Key;

/// Turns a stream of bytes, read in chunks, into keys.
#[derive(Debug, Default)]
pub struct KeyReader {
    /// The start of a character or an escape sequence that a later chunk ends.
    pending: Vec<u8>,
    /// The last byte was a CR (an LF right after it is the same Enter).
    after_cr: bool,
}

/// What the bytes at the start of a buffer make.
enum Parsed {
    /// A key (or nothing, for a sequence not understood), from this many bytes.
    Key(Option<Key>, usize),
    /// The bytes so far start something longer.
    Incomplete,
}

impl KeyReader {
    /// The keys in `bytes`, with what an earlier chunk left unfinished.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Key> {
        self.pending.extend_from_slice(bytes);
        let mut keys = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            let rest = &self.pending[at..];
            if self.after_cr && rest[0] == b'\n' {
                self.after_cr = false;
                at += 1;
                continue;
            }
            self.after_cr = rest[0] == b'\r';
            match parse(rest) {
                Parsed::Key(key, used) => {
                    keys.extend(key);
                    at += used;
                }
                // A sequence is sent whole: an escape that ends a chunk is Esc.
                Parsed::Incomplete if rest == [0x1b] => {
                    keys.push(Key::plain(KeyCode::Esc));
                    at += 1;
                }
                Parsed::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        keys
    }

    /// The end of input: what is left unfinished is dropped.
    pub fn finish(&mut self) {
        self.pending.clear();
    }
}

fn parse(b: &[u8]) -> Parsed {
    match b[0] {
        b'\r' | b'\n' => Parsed::Key(Some(Key::plain(KeyCode::Enter)), 1),
        b'\t' => Parsed::Key(Some(Key::plain(KeyCode::Tab)), 1),
        0x7f | 0x08 => Parsed::Key(Some(Key::plain(KeyCode::Backspace)), 1),
        0x1b => escape(b),
        c @ 0x01..=0x1a => Parsed::Key(Some(Key::ctrl(char::from(b'a' + c - 1))), 1),
        c if c < 0x20 => Parsed::Key(None, 1),
        _ => utf8(b),
    }
}

/// An escape sequence: CSI (`ESC [`) or SS3 (`ESC O`) arrows and Shift-Tab;
/// Esc followed by anything else is Esc, and that byte is read on its own.
fn escape(b: &[u8]) -> Parsed {
    let Some(&kind) = b.get(1) else {
        return Parsed::Incomplete;
    };
    if kind != b'[' && kind != b'O' {
        return Parsed::Key(Some(Key::plain(KeyCode::Esc)), 1);
    }
    // Parameters, then one final byte from '@' to '~'.
    let Some(end) = b[2..].iter().position(|c| (0x40..=0x7e).contains(c)) else {
        return Parsed::Incomplete;
    };
    let code = match b[2 + end] {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'Z' => Some(KeyCode::BackTab),
        _ => None,
    };
    Parsed::Key(code.map(Key::plain), 3 + end)
}

/// One character in UTF-8; a byte that starts none is passed over.
fn utf8(b: &[u8]) -> Parsed {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return Parsed::Key(None, 1),
    };
    if b.len() < len {
        return Parsed::Incomplete;
    }
    match std::str::from_utf8(&b[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Parsed::Key(Some(Key::ch(c)), len),
        None => Parsed::Key(None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(chunks: &[&[u8]]) -> Vec<Key> {
        let mut r = KeyReader::default();
        chunks.iter().flat_map(|c| r.feed(c)).collect()
    }

    #[test]
    fn characters_enter_and_control_keys() {
        assert_eq!(
            keys(&[b" nph\rq"]),
            [
                Key::ch(' '),
                Key::ch('n'),
                Key::ch('p'),
                Key::ch('h'),
                Key::plain(KeyCode::Enter),
                Key::ch('q'),
            ]
        );
        // CR LF is one Enter; LF alone and LF LF are one each.
        let enter = Key::plain(KeyCode::Enter);
        assert_eq!(keys(&[b"\r\n"]), [enter]);
        assert_eq!(keys(&[b"\r", b"\n"]), [enter]);
        assert_eq!(keys(&[b"\n\n"]), [enter, enter]);
        assert_eq!(
            keys(&[b"\x03\x7f\t"]),
            [
                Key::ctrl('c'),
                Key::plain(KeyCode::Backspace),
                Key::plain(KeyCode::Tab)
            ]
        );
    }

    #[test]
    fn escape_sequences_across_chunks() {
        assert_eq!(
            keys(&[b"\x1b[C\x1b[", b"D\x1bOA"]),
            [
                Key::plain(KeyCode::Right),
                Key::plain(KeyCode::Left),
                Key::plain(KeyCode::Up)
            ]
        );
        // Esc on its own (a terminal sends a sequence whole, so an escape
        // that ends a read is the key), and Esc then a key.
        assert_eq!(keys(&[b"\x1b"]), [Key::plain(KeyCode::Esc)]);
        assert_eq!(
            keys(&[b"\x1b", b"[D"]),
            [Key::plain(KeyCode::Esc), Key::ch('['), Key::ch('D')]
        );
        assert_eq!(keys(&[b"\x1bq"]), [Key::plain(KeyCode::Esc), Key::ch('q')]);
        // A sequence not understood makes nothing, and what follows still reads.
        assert_eq!(keys(&[b"\x1b[15~n"]), [Key::ch('n')]);
    }

    #[test]
    fn characters_of_several_bytes_across_chunks() {
        let e = "é".as_bytes();
        assert_eq!(keys(&[&e[..1], &e[1..]]), [Key::ch('é')]);
        // A byte that starts no character is passed over.
        assert_eq!(keys(&[b"\xffn"]), [Key::ch('n')]);
    }
}
