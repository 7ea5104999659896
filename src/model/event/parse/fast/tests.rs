//! The fast reader against the serde reader: the lines upright writes take the
//! fast path, and every line, taken or not, reads the same either way.

use proptest::prelude::*;

use super::super::super::tests::samples;
use super::super::{parse_line, parse_line_serde};
use super::*;

fn same(line: &str) {
    assert_eq!(parse_line(line), parse_line_serde(line), "line: {line}");
}

/// Lines as upright writes them, of every type and both versions.
fn written_lines() -> Vec<String> {
    let mut lines: Vec<String> = samples().iter().map(|e| e.to_line()).collect();
    lines.extend([
        r#"{"type":"end","v":1,"session":"s","at":"2024-01-01T08:00:00.250+01:00","status":"partial","pain_after":3,"note":"stiff","active_secs":312.5}"#.to_string(),
        r#"{"type":"end","v":1,"session":"s","at":"2024-01-01T08:00:00Z","status":"abandoned","active_secs":0}"#.to_string(),
        r#"{"type":"end","v":2,"session":"s","at":"2024-01-01T08:00:00-05:00","status":"interrupted","active_secs":86400}"#.to_string(),
        r#"{"type":"step","v":2,"session":"s","at":"2024-01-01T08:00:00+01:00","index":4,"exercise":"side-plank","exercise_name":"Side plank","level":2,"set":1,"sets":2,"side":"left","dose":"hold","planned_secs":30,"achieved_secs":12.345,"skipped":false,"hurt":true}"#.to_string(),
    ]);
    lines
}

/// Every line upright writes takes the fast path, except one with an escaped
/// character (here a name with quotes), which serde_json reads.
#[test]
fn the_lines_upright_writes_take_the_fast_path() {
    let lines = written_lines();
    assert!(
        lines.iter().any(|l| l.contains('\\')),
        "a line with an escape"
    );
    for line in lines {
        assert_eq!(parse(&line).is_some(), !line.contains('\\'), "{line}");
        assert!(parse_line(&line).is_ok(), "refused: {line}");
        same(&line);
    }
}

#[test]
fn odd_lines_read_the_same_either_way() {
    let base = r#""type":"step","v":2,"session":"s","at":"2024-01-01T08:00:00+01:00","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold""#;
    let with = |extra: &str| format!("{{{base},{extra}}}");
    let mut cases = vec![
        format!("{{{base}}}"),
        format!(" {{ {} }} ", base.replace(',', " ,\t").replace(':', " : ")),
        with(r#""note":"a \"quoted\" word""#),
        with(r#""extra":{"nested":[1,2]}"#),
        with(r#""extra":[]"#),
        with(r#""extra":1e5,"x":-0.5,"y":null,"z":true"#),
        with(r#""dose":"reps""#),
        format!("{{{base}}} trailing"),
        // `v` again in the middle of the line (once found by the property test).
        format!(
            "{{{}}}",
            base.replace(r#""exercise":"plank","#, r#""exercise":"plank","v":1,"#)
        ),
        format!("{{{base},}}"),
        format!("{{{base}"),
        with("\"note\":\"tab\there\""),
        with("\"note\":\"caf\u{e9} \u{1F600}\""),
        with(r#""exercise_name":"\u0050lank""#),
        format!("\u{feff}{{{base}}}"),
        format!("{{\"ty\\u0070e\":\"step\",{}}}", &base[14..]),
        "{}".to_string(),
        "[]".to_string(),
        "null".to_string(),
        String::new(),
    ];
    for secs in [
        "1e2",
        "1.5E-1",
        "0.1234567890123",
        "0.1234567891",
        "123456789012345678",
        "0.30000000000000004",
        "-0",
        "-1.5",
        "01",
        "1.",
        ".5",
        "86400",
        "86400.001",
        "0.0005",
        "0.0015",
        "null",
        "\"30\"",
    ] {
        cases.push(with(&format!("\"planned_secs\":{secs}")));
    }
    for reps in ["4294967296", "4294967295", "10.0", "-1", "null", "true"] {
        cases.push(with(&format!("\"planned_reps\":{reps}")));
    }
    for other in [
        r#""skipped":null,"hurt":true"#,
        r#""skipped":"yes""#,
        r#""side":"middle""#,
        r#""side":null"#,
        r#""level":0"#,
        r#""level":256"#,
        r#""v":1"#,
        r#""v":3"#,
    ] {
        cases.push(with(other));
    }
    for line in &cases {
        same(line);
    }
}

#[test]
fn statuses_versions_and_times_read_the_same_either_way() {
    for status in [
        "completed",
        "ended_early",
        "partial",
        "discarded",
        "abandoned",
        "interrupted",
        "Completed",
        "done",
    ] {
        for v in ["0", "1", "2", "3", "-1", "1.0", "18446744073709551616"] {
            same(&format!(
                r#"{{"type":"end","v":{v},"session":"s","at":"2024-01-01T08:00:00Z","status":"{status}","active_secs":604800}}"#
            ));
        }
    }
    for active in ["604800", "604800.5", "-1", "1e3", "0.5"] {
        same(&format!(
            r#"{{"type":"end","v":2,"session":"s","at":"2024-01-01T08:00:00Z","status":"completed","active_secs":{active}}}"#
        ));
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
        same(&format!(
            r#"{{"type":"level","v":2,"session":"s","at":"{at}","exercise":"plank","level":2,"reason":"manual"}}"#
        ));
        same(&format!(
            r#"{{"type":"after","v":2,"session":"s","at":"{at}","pain_after":4,"note":"ok"}}"#
        ));
    }
}

/// A line upright writes, edited at a few places.
fn edited() -> impl Strategy<Value = String> {
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
        "\"status\":\"partial\",",
    ]);
    (
        prop::sample::select(written_lines()),
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
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn edited_lines_read_the_same_either_way(line in edited()) {
        prop_assert_eq!(parse_line(&line), parse_line_serde(&line), "line: {}", line);
    }
}
