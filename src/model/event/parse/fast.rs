//! A fast reader for the lines upright itself writes: one flat JSON object of
//! strings without escapes, plain numbers, booleans and nulls, with times chrono's
//! strict RFC 3339 reader takes. It fills the same [`RawEvent`] serde_json fills,
//! so the checks after it are shared; on anything else (an escape, a nested value,
//! an exponent, a duplicate key, a number that does not fit, a relaxed time) it
//! gives up and the serde reader decides the line, so the two can only agree. It
//! reads a line in about half serde_json's time (see BENCHMARKS.md).

use std::borrow::Cow;

use chrono::DateTime;

use super::super::{DoseKind, EndStatus, LevelReason, Side};
use super::{RawEvent, Text, Time};

mod scan;

/// Every key [`RawEvent`] has, each with its closing quote; a key's index here is
/// its number in [`parse`].
const KEYS: [&[u8]; 27] = [
    b"type\"",
    b"v\"",
    b"session\"",
    b"at\"",
    b"routine\"",
    b"routine_name\"",
    b"pain_before\"",
    b"planned_steps\"",
    b"index\"",
    b"exercise\"",
    b"exercise_name\"",
    b"level\"",
    b"set\"",
    b"sets\"",
    b"side\"",
    b"dose\"",
    b"planned_secs\"",
    b"achieved_secs\"",
    b"planned_reps\"",
    b"achieved_reps\"",
    b"skipped\"",
    b"hurt\"",
    b"status\"",
    b"pain_after\"",
    b"note\"",
    b"active_secs\"",
    b"reason\"",
];
const UNKNOWN: usize = KEYS.len();

/// The order upright writes the keys in, per event type (indices into [`KEYS`]);
/// before the type is known, the keys every event starts with.
const ORDER_ANY: [usize; 4] = [0, 1, 2, 3];
const ORDER_START: [usize; 8] = [0, 1, 2, 3, 4, 5, 6, 7];
const ORDER_STEP: [usize; 18] = [
    0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
];
const ORDER_END: [usize; 8] = [0, 1, 2, 3, 22, 23, 24, 25];
const ORDER_AFTER: [usize; 6] = [0, 1, 2, 3, 23, 24];
const ORDER_LEVEL: [usize; 7] = [0, 1, 2, 3, 9, 11, 26];

struct Cursor<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Skips JSON whitespace.
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes().get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let end = self.i + word.len();
        (self.bytes().get(self.i..end)? == word.as_bytes()).then(|| self.i = end)
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let rest = self.bytes().get(start..)?;
        let len = scan::string_end(rest)?;
        if rest[len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        // Both ends are next to an ASCII quote, so on character boundaries.
        self.text.get(start..start + len)
    }

    /// A key, guessed first from the order upright writes them in: `order` lists
    /// the keys of the event's type and `next` is where the last key stood in it;
    /// the next few are tried (optional fields may be missing), then any key. So
    /// lines in the usual order take the same branches line after line.
    fn key_in_order(&mut self, order: &[usize], next: &mut usize) -> Option<usize> {
        let rest = self.bytes().get(self.i + 1..)?;
        for (p, &k) in order.iter().enumerate().skip(*next).take(5) {
            if scan::starts_with(rest, KEYS[k]) {
                self.i += 1 + KEYS[k].len();
                *next = p + 1;
                return Some(k);
            }
        }
        self.key()
    }

    /// A key: the index of a known one in [`KEYS`], or `UNKNOWN`. A known key is
    /// picked out by its first byte and compared whole, without scanning.
    fn key(&mut self) -> Option<usize> {
        self.eat(b'"')?;
        let rest = self.bytes().get(self.i..)?;
        let candidates: &[usize] = match rest.first()? {
            b'a' => &[3, 17, 19, 25],
            b'd' => &[15],
            b'e' => &[9, 10],
            b'h' => &[21],
            b'i' => &[8],
            b'l' => &[11],
            b'n' => &[24],
            b'p' => &[6, 7, 16, 18, 23],
            b'r' => &[4, 5, 26],
            b's' => &[2, 12, 13, 14, 20, 22],
            b't' => &[0],
            b'v' => &[1],
            _ => &[],
        };
        for &k in candidates {
            if scan::starts_with(rest, KEYS[k]) {
                self.i += KEYS[k].len();
                return Some(k);
            }
        }
        self.i -= 1;
        self.string()?;
        Some(UNKNOWN)
    }

    /// The text of a JSON number without an exponent:
    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    fn number(&mut self) -> Option<&'a str> {
        let b = self.bytes();
        let start = self.i;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_len = i - int_start;
        if int_len == 0 || (int_len > 1 && b[int_start] == b'0') {
            return None;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let frac_start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == frac_start {
                return None;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            return None;
        }
        self.i = i;
        self.text.get(start..i)
    }

    /// An unsigned integer that fits in a u64 (no sign, fraction or exponent).
    fn uint(&mut self) -> Option<u64> {
        let b = self.bytes();
        let start = self.i;
        let mut i = start;
        let mut n: u64 = 0;
        while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            i += 1;
        }
        let len = i - start;
        if len == 0 || (len > 1 && b[start] == b'0') || matches!(b.get(i), Some(b'.' | b'e' | b'E'))
        {
            return None;
        }
        self.i = i;
        Some(n)
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    fn u8(&mut self) -> Option<u8> {
        u8::try_from(self.uint()?).ok()
    }

    /// A number as an f64. With at most 15 significant digits (so the digits are
    /// exact in an f64), at most 9 after the point and no exponent, serde_json
    /// computes the digits as an f64 divided by a power of ten, once; so does this,
    /// and the two give the same number. Anything longer is left to serde_json.
    fn f64(&mut self) -> Option<f64> {
        const POW10: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
        let text = self.number()?;
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut mantissa: u64 = 0;
        let mut significant = 0;
        let mut fraction: Option<usize> = None;
        for b in digits.bytes() {
            if b == b'.' {
                fraction = Some(0);
                continue;
            }
            mantissa = mantissa * 10 + u64::from(b - b'0');
            significant += usize::from(mantissa != 0);
            if let Some(f) = fraction.as_mut() {
                *f += 1;
            }
            if significant > 15 {
                return None;
            }
        }
        let value = mantissa as f64 / *POW10.get(fraction.unwrap_or(0))?;
        Some(if negative { -value } else { value })
    }

    fn bool(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal("true").map(|()| true),
            b'f' => self.literal("false").map(|()| false),
            _ => None,
        }
    }

    /// `null` as `None`, else the value `f` reads.
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek()? == b'n' {
            self.literal("null")?;
            Some(None)
        } else {
            f(self).map(Some)
        }
    }

    /// Skips the value of a key this version does not know, if it is a scalar.
    fn skip_scalar(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            _ => None,
        }
    }

    fn text(&mut self) -> Option<Text<'a>> {
        self.string().map(|s| Text(Cow::Borrowed(s)))
    }

    fn owned(&mut self) -> Option<String> {
        self.string().map(str::to_string)
    }

    /// A time chrono's strict RFC 3339 reader takes, as the serde reader tries it
    /// first; any other is left to the serde reader.
    fn time(&mut self) -> Option<Time> {
        DateTime::parse_from_rfc3339(self.string()?).ok().map(Time)
    }

    fn side(&mut self) -> Option<Side> {
        match self.string()? {
            "left" => Some(Side::Left),
            "right" => Some(Side::Right),
            _ => None,
        }
    }

    fn dose(&mut self) -> Option<DoseKind> {
        match self.string()? {
            "hold" => Some(DoseKind::Hold),
            "reps" => Some(DoseKind::Reps),
            "open" => Some(DoseKind::Open),
            _ => None,
        }
    }

    /// An end's status, version 1's words as their aliases.
    fn status(&mut self) -> Option<EndStatus> {
        match self.string()? {
            "completed" => Some(EndStatus::Completed),
            "ended_early" | "partial" => Some(EndStatus::Partial),
            "discarded" | "abandoned" => Some(EndStatus::Abandoned),
            "interrupted" => Some(EndStatus::Interrupted),
            _ => None,
        }
    }

    fn reason(&mut self) -> Option<LevelReason> {
        match self.string()? {
            "progress" => Some(LevelReason::Progress),
            "easier" => Some(LevelReason::Easier),
            "manual" => Some(LevelReason::Manual),
            _ => None,
        }
    }
}

/// Sets a field once: a key given twice is left to the serde reader, which
/// refuses it.
fn set<T>(slot: &mut Option<T>, seen: &mut bool, value: Option<T>) -> Option<()> {
    if std::mem::replace(seen, true) {
        return None;
    }
    *slot = value;
    Some(())
}

/// Reads a line into the raw fields, or `None` if it is not in the simple form.
pub(super) fn parse(line: &str) -> Option<RawEvent<'_>> {
    let mut c = Cursor { text: line, i: 0 };
    let mut raw = RawEvent::default();
    let mut seen = [false; KEYS.len()];
    let mut order: &[usize] = &ORDER_ANY;
    let mut next = 0;
    c.ws();
    c.eat(b'{')?;
    c.ws();
    if c.eat(b'}').is_none() {
        loop {
            c.ws();
            if c.peek()? != b'"' {
                return None;
            }
            let key = c.key_in_order(order, &mut next)?;
            c.ws();
            c.eat(b':')?;
            c.ws();
            if key == 0 {
                let kind = c.opt(Cursor::string)?;
                order = match kind {
                    Some("start") => &ORDER_START,
                    Some("step") => &ORDER_STEP,
                    Some("end") => &ORDER_END,
                    Some("after") => &ORDER_AFTER,
                    Some("level") => &ORDER_LEVEL,
                    _ => &ORDER_ANY,
                };
                let kind = kind.map(|k| Text(Cow::Borrowed(k)));
                set(&mut raw.kind, &mut seen[0], kind)?;
            } else if key == UNKNOWN {
                c.skip_scalar()?;
            } else {
                field(&mut c, &mut raw, key, &mut seen[key])?;
            }
            c.ws();
            match c.peek()? {
                b',' => c.i += 1,
                b'}' => {
                    c.i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    c.ws();
    (c.i == line.len()).then_some(raw)
}

/// Reads the value of known key `key` (other than `type`) into its field.
fn field<'a>(
    c: &mut Cursor<'a>,
    raw: &mut RawEvent<'a>,
    key: usize,
    seen: &mut bool,
) -> Option<()> {
    match key {
        1 => set(&mut raw.v, seen, c.opt(Cursor::uint)?),
        2 => set(&mut raw.session, seen, c.opt(Cursor::text)?),
        3 => set(&mut raw.at, seen, c.opt(Cursor::time)?),
        4 => set(&mut raw.routine, seen, c.opt(Cursor::owned)?),
        5 => set(&mut raw.routine_name, seen, c.opt(Cursor::owned)?),
        6 => set(&mut raw.pain_before, seen, c.opt(Cursor::u8)?),
        7 => set(&mut raw.planned_steps, seen, c.opt(Cursor::u32)?),
        8 => set(&mut raw.index, seen, c.opt(Cursor::u32)?),
        9 => set(&mut raw.exercise, seen, c.opt(Cursor::text)?),
        10 => set(&mut raw.exercise_name, seen, c.opt(Cursor::text)?),
        11 => set(&mut raw.level, seen, c.opt(Cursor::u32)?),
        12 => set(&mut raw.set, seen, c.opt(Cursor::u32)?),
        13 => set(&mut raw.sets, seen, c.opt(Cursor::u32)?),
        14 => set(&mut raw.side, seen, c.opt(Cursor::side)?),
        15 => set(&mut raw.dose, seen, c.opt(Cursor::dose)?),
        16 => set(&mut raw.planned_secs, seen, c.opt(Cursor::f64)?),
        17 => set(&mut raw.achieved_secs, seen, c.opt(Cursor::f64)?),
        18 => set(&mut raw.planned_reps, seen, c.opt(Cursor::u32)?),
        19 => set(&mut raw.achieved_reps, seen, c.opt(Cursor::u32)?),
        20 => set(&mut raw.skipped, seen, c.opt(Cursor::bool)?),
        21 => set(&mut raw.hurt, seen, c.opt(Cursor::bool)?),
        22 => set(&mut raw.status, seen, c.opt(Cursor::status)?),
        23 => set(&mut raw.pain_after, seen, c.opt(Cursor::u8)?),
        24 => set(&mut raw.note, seen, c.opt(Cursor::owned)?),
        25 => set(&mut raw.active_secs, seen, c.opt(Cursor::f64)?),
        26 => set(&mut raw.reason, seen, c.opt(Cursor::reason)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
