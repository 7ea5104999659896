//! A fast reader for the lines upright itself writes: one flat JSON object of
//! strings without escapes, plain numbers, booleans and nulls, with times in the
//! exact RFC 3339 form. It fills the same [`RawEvent`] the serde reader fills, so
//! validation is shared; on anything else (an escape, a nested value, an exponent,
//! a duplicate key, a number that does not fit, a relaxed time) it gives up and the
//! serde reader decides, so the two can only agree. It reads a line in about half
//! the time serde_json and chrono take (see BENCHMARKS.md).

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

use super::{DoseKind, EndStatus, LevelReason, RawEvent, Side};

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

/// The order of the keys in the lines upright writes, per event type (indices
/// into [`KEYS`]); before the type is known, the keys every event starts with.
const ORDER_ANY: [usize; 4] = [0, 1, 2, 3];
const ORDER_START: [usize; 8] = [0, 1, 2, 3, 4, 5, 6, 7];
const ORDER_STEP: [usize; 18] = [
    0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
];
const ORDER_END: [usize; 8] = [0, 1, 2, 3, 22, 23, 24, 25];
const ORDER_LEVEL: [usize; 7] = [0, 1, 2, 3, 9, 11, 26];

struct Cursor<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

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
        let len = find_string_end(rest)?;
        if rest[len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        // Both ends sit next to an ASCII quote, so they are character boundaries.
        self.text.get(start..start + len)
    }

    /// A key, guessed first from the order upright writes them in: `order` lists
    /// the keys of the event's type and `next` is where the previous key stood in
    /// it; the next few entries are tried (optional fields may be left out), then
    /// any key. Lines in the usual order take the same branches line after line.
    fn key_in_order(&mut self, order: &[usize], next: &mut usize) -> Option<usize> {
        let rest = self.bytes().get(self.i + 1..)?;
        for (p, &k) in order.iter().enumerate().skip(*next).take(5) {
            if same_prefix(rest, KEYS[k]) {
                self.i += 1 + KEYS[k].len();
                *next = p + 1;
                return Some(k);
            }
        }
        self.key()
    }

    /// A key: the index of a known field in [`KEYS`], or `UNKNOWN`. Known keys are
    /// recognised by their first byte and compared whole, without scanning.
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
            if same_prefix(rest, KEYS[k]) {
                self.i += KEYS[k].len();
                return Some(k);
            }
        }
        self.i -= 1;
        self.string()?;
        Some(UNKNOWN)
    }

    /// The text of a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, no exponent.
    /// Returns it and whether it had a sign or fraction.
    fn number(&mut self) -> Option<(&'a str, bool)> {
        let b = self.bytes();
        let start = self.i;
        let mut i = start;
        let negative = b.get(i) == Some(&b'-');
        if negative {
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
        let mut fraction = false;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let frac_start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == frac_start {
                return None;
            }
            fraction = true;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            return None;
        }
        self.i = i;
        Some((self.text.get(start..i)?, negative || fraction))
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

    /// A number as f64. With at most 15 significant digits, at most 9 after the
    /// point and no exponent, both this and serde_json's reading divide or multiply
    /// exact values once, so they give the same, correctly rounded, number.
    /// Computed here as digits / 10^fraction: one division of exact values.
    fn f64(&mut self) -> Option<f64> {
        const POW10: [f64; 10] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
        let (text, _) = self.number()?;
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

    /// `null` as `None`, else the value read by `f`.
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek()? == b'n' {
            self.literal("null")?;
            Some(None)
        } else {
            f(self).map(Some)
        }
    }

    /// Skips a scalar value of a field this version does not know.
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

    fn borrowed(&mut self) -> Option<Cow<'a, str>> {
        self.string().map(Cow::Borrowed)
    }

    fn owned(&mut self) -> Option<String> {
        self.string().map(str::to_string)
    }

    fn time(&mut self) -> Option<DateTime<FixedOffset>> {
        rfc3339(self.string()?)
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

    fn status(&mut self) -> Option<EndStatus> {
        match self.string()? {
            "completed" => Some(EndStatus::Completed),
            "partial" => Some(EndStatus::Partial),
            "abandoned" => Some(EndStatus::Abandoned),
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

/// Sets a field once: a duplicate key is left to the serde reader (which refuses it).
fn set<T>(slot: &mut Option<T>, seen: &mut bool, value: Option<T>) -> Option<()> {
    if std::mem::replace(seen, true) {
        return None;
    }
    *slot = value;
    Some(())
}

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

/// Whether `text` starts with `key`, compared a word at a time (keys are short,
/// and a call to memcmp for each costs more than the comparison).
fn same_prefix(text: &[u8], key: &[u8]) -> bool {
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
    // The last few bytes one by one: a slice comparison would call memcmp.
    key.iter()
        .enumerate()
        .skip(i)
        .all(|(j, k)| text.get(j) == Some(k))
}

/// The first `"`, `\` or control character (which JSON forbids in strings),
/// eight bytes at a time.
fn find_string_end(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(x) = word(b, i) {
        // Bytes below 0x20 are marked like zero bytes (bytes >= 0x80 never are);
        // the lowest mark of each test is exact, and only the lowest is used.
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

/// Reads a line into the raw fields, or `None` if it is not in the simple form.
pub(super) fn parse(line: &str) -> Option<RawEvent<'_>> {
    let mut c = Cursor { text: line, i: 0 };
    let mut raw = RawEvent::default();
    let mut seen = [false; KEYS.len()];
    c.ws();
    c.eat(b'{')?;
    c.ws();
    let mut order: &[usize] = &ORDER_ANY;
    let mut next = 0;
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
            let s = &mut seen;
            match key {
                0 => {
                    let kind = c.opt(Cursor::string)?;
                    order = match kind {
                        Some("start") => &ORDER_START,
                        Some("step") => &ORDER_STEP,
                        Some("end") => &ORDER_END,
                        Some("level") => &ORDER_LEVEL,
                        _ => &ORDER_ANY,
                    };
                    set(&mut raw.kind, &mut s[0], kind.map(Cow::Borrowed))?
                }
                1 => set(&mut raw.v, &mut s[1], c.opt(Cursor::uint)?)?,
                2 => set(&mut raw.session, &mut s[2], c.opt(Cursor::borrowed)?)?,
                3 => set(&mut raw.at, &mut s[3], c.opt(Cursor::time)?)?,
                4 => set(&mut raw.routine, &mut s[4], c.opt(Cursor::owned)?)?,
                5 => set(&mut raw.routine_name, &mut s[5], c.opt(Cursor::owned)?)?,
                6 => set(&mut raw.pain_before, &mut s[6], c.opt(Cursor::u8)?)?,
                7 => set(&mut raw.planned_steps, &mut s[7], c.opt(Cursor::u32)?)?,
                8 => set(&mut raw.index, &mut s[8], c.opt(Cursor::u32)?)?,
                9 => set(&mut raw.exercise, &mut s[9], c.opt(Cursor::borrowed)?)?,
                10 => set(&mut raw.exercise_name, &mut s[10], c.opt(Cursor::borrowed)?)?,
                11 => set(&mut raw.level, &mut s[11], c.opt(Cursor::u32)?)?,
                12 => set(&mut raw.set, &mut s[12], c.opt(Cursor::u32)?)?,
                13 => set(&mut raw.sets, &mut s[13], c.opt(Cursor::u32)?)?,
                14 => set(&mut raw.side, &mut s[14], c.opt(Cursor::side)?)?,
                15 => set(&mut raw.dose, &mut s[15], c.opt(Cursor::dose)?)?,
                16 => set(&mut raw.planned_secs, &mut s[16], c.opt(Cursor::f64)?)?,
                17 => set(&mut raw.achieved_secs, &mut s[17], c.opt(Cursor::f64)?)?,
                18 => set(&mut raw.planned_reps, &mut s[18], c.opt(Cursor::u32)?)?,
                19 => set(&mut raw.achieved_reps, &mut s[19], c.opt(Cursor::u32)?)?,
                20 => set(&mut raw.skipped, &mut s[20], c.opt(Cursor::bool)?)?,
                21 => set(&mut raw.hurt, &mut s[21], c.opt(Cursor::bool)?)?,
                22 => set(&mut raw.status, &mut s[22], c.opt(Cursor::status)?)?,
                23 => set(&mut raw.pain_after, &mut s[23], c.opt(Cursor::u8)?)?,
                24 => set(&mut raw.note, &mut s[24], c.opt(Cursor::owned)?)?,
                25 => set(&mut raw.active_secs, &mut s[25], c.opt(Cursor::f64)?)?,
                26 => set(&mut raw.reason, &mut s[26], c.opt(Cursor::reason)?)?,
                _ => c.skip_scalar()?,
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

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, strictly; anything else
/// (lowercase, a space, a leap second, more than nine fraction digits) is left to
/// chrono's reader.
pub(super) fn rfc3339(s: &str) -> Option<DateTime<FixedOffset>> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let year = i32::try_from(digits(&b[0..4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)?;
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if second > 59 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        let start = i + 1;
        let len = b[start..].iter().take_while(|d| d.is_ascii_digit()).count();
        if len == 0 || len > 9 {
            return None;
        }
        nanos = digits(&b[start..start + len])? * 10u32.pow(9 - len as u32);
        i = start + len;
    }
    let offset_secs = match b.get(i..)? {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let secs = i32::try_from(h * 3600 + m * 60).ok()?;
            if *sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    FixedOffset::east_opt(offset_secs)?
        .from_local_datetime(&date.and_time(time))
        .single()
}

#[cfg(test)]
mod tests {
    use super::super::{parse_line, parse_line_serde};
    use super::*;
    use proptest::prelude::*;

    fn same(line: &str) {
        assert_eq!(parse_line(line), parse_line_serde(line), "line: {line}");
    }

    #[test]
    fn the_lines_upright_writes_take_the_fast_path() {
        for line in crate::store::log::synthetic(20, 3, 5) {
            assert!(parse(&line).is_some(), "slow path for {line}");
            same(&line);
        }
    }

    #[test]
    fn odd_lines_read_the_same_either_way() {
        let base = r#""type":"step","v":1,"session":"s","at":"2024-01-01T08:00:00+01:00","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold""#;
        let cases = [
            format!("{{{base}}}"),
            format!(" {{ {} }} ", base.replace(',', " ,\t").replace(':', " : ")),
            format!("{{{base},\"note\":\"a \\\"quoted\\\" word\"}}"),
            format!("{{{base},\"extra\":{{\"nested\":[1,2]}}}}"),
            format!("{{{base},\"extra\":[]}}"),
            format!("{{{base},\"extra\":1e5,\"x\":-0.5,\"y\":null,\"z\":true}}"),
            format!("{{{base},\"planned_secs\":1e2}}"),
            format!("{{{base},\"planned_secs\":1.5E-1}}"),
            format!("{{{base},\"planned_secs\":0.1234567890123}}"),
            format!("{{{base},\"planned_secs\":123456789012345678}}"),
            format!("{{{base},\"planned_secs\":0.30000000000000004}}"),
            format!("{{{base},\"planned_secs\":-0}}"),
            format!("{{{base},\"planned_secs\":-1.5}}"),
            format!("{{{base},\"planned_secs\":01}}"),
            format!("{{{base},\"planned_secs\":1.}}"),
            format!("{{{base},\"planned_secs\":.5}}"),
            format!("{{{base},\"planned_reps\":4294967296}}"),
            format!("{{{base},\"planned_reps\":4294967295}}"),
            format!("{{{base},\"planned_reps\":10.0}}"),
            format!("{{{base},\"planned_reps\":-1}}"),
            format!("{{{base},\"planned_reps\":null}}"),
            format!("{{{base},\"skipped\":null,\"hurt\":true}}"),
            format!("{{{base},\"skipped\":\"yes\"}}"),
            format!("{{{base},\"side\":\"middle\"}}"),
            format!("{{{base},\"level\":2}}"),
            format!("{{{base},\"level\":256}}"),
            format!("{{{base}}} trailing"),
            format!("{{{base},}}"),
            format!("{{{base}"),
            format!("{{{base},\"note\":\"tab\there\"}}"),
            format!("{{{base},\"note\":\"caf\u{e9} \u{1F600}\"}}"),
            format!("{{{base},\"exercise_name\":\"\\u0050lank\"}}"),
            format!("\u{feff}{{{base}}}"),
            format!("{{\"ty\\u0070e\":\"step\",{}}}", &base[14..]),
            "{}".to_string(),
            "[]".to_string(),
            "null".to_string(),
            String::new(),
        ];
        for line in &cases {
            same(line);
        }
        for at in [
            "2024-01-01T08:00:00Z",
            "2024-01-01T08:00:00.5+01:00",
            "2024-01-01T08:00:00.123456789-05:30",
            "2024-01-01T08:00:00.1234567891+01:00",
            "2024-01-01t08:00:00z",
            "2024-01-01 08:00:00+01:00",
            "2024-01-01T08:00:60+01:00",
            "2024-01-01T24:00:00+01:00",
            "2024-02-30T08:00:00+01:00",
            "2024-01-01T08:00:00+23:59",
            "2024-01-01T08:00:00+24:00",
            "2024-01-01T08:00:00-00:00",
            "2024-01-01T08:00:00+0100",
            "2024-01-01T08:00:00",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "+2024-01-01T08:00:00Z",
        ] {
            let line = format!(
                r#"{{"type":"level","v":1,"session":"s","at":"{at}","exercise":"plank","level":2,"reason":"manual"}}"#
            );
            same(&line);
        }
    }

    /// A valid line from the synthetic corpus, and edits to make of it.
    fn mutated() -> impl Strategy<Value = String> {
        let lines = crate::store::log::synthetic(3, 2, 11);
        let pieces = prop::sample::select(vec![
            "",
            "\"",
            "\\",
            ",",
            ":",
            "{",
            "}",
            "[",
            "]",
            " ",
            "\t",
            "0",
            "-",
            ".",
            "e",
            "9",
            "null",
            "true",
            "x",
            "\u{e9}",
            "\"v\":2,",
            "\"note\":\"n\",",
            "\"at\":\"2024-01-01T00:00:00Z\",",
        ]);
        (
            prop::sample::select(lines),
            prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, pieces), 1..4),
        )
            .prop_map(|(line, edits)| {
                let mut bytes = line.into_bytes();
                for (at, cut, insert) in edits {
                    let i = at.index(bytes.len() + 1);
                    let j = (i + cut).min(bytes.len());
                    bytes.splice(i..j, insert.bytes());
                }
                String::from_utf8_lossy(&bytes).into_owned()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn edited_lines_read_the_same_either_way(line in mutated()) {
            prop_assert_eq!(parse_line(&line), parse_line_serde(&line), "line: {}", line);
        }
    }
}
