//! Tests of reading one log line.

use super::super::tests::samples;
use super::*;

#[test]
fn every_event_type_round_trips_through_a_line() {
    for event in samples() {
        let line = event.to_line();
        assert!(!line.contains('\n'), "one line: {line}");
        assert!(
            line.starts_with(&format!("{{\"type\":\"{}\",\"v\":2,", event.kind())),
            "{line}"
        );
        assert_eq!(parse_line(&line), Ok(event.clone()), "{line}");
        let via_serde: Event = serde_json::from_str(&line).expect("serde");
        assert_eq!(via_serde, event);
    }
}

#[test]
fn unknown_fields_are_ignored_and_optional_ones_default() {
    let line = r#"{"type":"step","v":1,"session":"s","at":"2024-01-01T08:00:00+01:00","index":3,"exercise":"ostrich","exercise_name":"Ostrich","level":1,"set":1,"sets":2,"dose":"reps","planned_reps":10,"achieved_reps":10,"heart_rate":88,"extra":{"nested":[1,2]}}"#;
    let Ok(Event::Step(step)) = parse_line(line) else {
        panic!("should parse: {:?}", parse_line(line));
    };
    assert_eq!(step.index, 3);
    assert!(!step.skipped && !step.hurt);
    assert_eq!(step.side, None);
}

/// Version 1's outcomes read as version 2's words.
#[test]
fn version_one_outcomes_are_read_as_the_new_words() {
    for (old, new) in [
        ("partial", EndStatus::Partial),
        ("abandoned", EndStatus::Abandoned),
        ("completed", EndStatus::Completed),
    ] {
        let line = format!(
            r#"{{"type":"end","v":1,"session":"s","at":"2024-01-01T08:00:00Z","status":"{old}","pain_after":2,"active_secs":1}}"#
        );
        let Ok(Event::End(end)) = parse_line(&line) else {
            panic!("{line}");
        };
        assert_eq!((end.status, end.pain_after), (new, Some(2)));
    }
}

#[test]
fn refusals_name_the_reason() {
    let cases = [
        (
            r#"{"type":"start","v":3,"session":"s","at":"2024-01-01T08:00:00Z","routine":"r","routine_name":"R"}"#,
            "schema version 3 is newer",
        ),
        (
            r#"{"type":"start","v":7,"session":"s","at":"next tuesday"}"#,
            "schema version 7 is newer",
        ),
        (
            r#"{"type":"nap","v":1,"session":"s","at":"2024-01-01T08:00:00Z"}"#,
            "unknown event type",
        ),
        (
            r#"{"type":"start","v":1,"session":"s","at":"2024-01-01T08:00:00Z","routine":"r"}"#,
            "needs a `routine_name` field",
        ),
        (
            r#"{"type":"start","v":1,"session":"s","at":"2024-01-01T08:00:00Z","routine":"r","routine_name":"R","pain_before":11}"#,
            "outside the pain scale",
        ),
        (
            r#"{"type":"end","v":1,"session":"s","at":"2024-01-01 08:00","status":"completed","active_secs":1}"#,
            "not a valid event",
        ),
        (
            r#"{"type":"end","v":1,"session":"s","at":"2024-01-01T08:00:00Z","status":"finished","active_secs":1}"#,
            "not a valid event",
        ),
        (
            r#"{"type":"level","v":1,"session":"s","at":"2024-01-01T08:00:00Z","exercise":"plank","level":0,"reason":"manual"}"#,
            "counts from 1",
        ),
        (
            r#"{"type":"step","v":1,"session":"s","at":"2024-01-01T08:00:00Z","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold","achieved_secs":-3}"#,
            "from 0 to",
        ),
        (
            r#"{"type":"end","v":1,"session":"s","at":"2024-"#,
            "cut short",
        ),
        // Version 2's answers after a session: they need their session.
        (
            r#"{"type":"after","v":2,"at":"2024-01-01T08:00:00Z","pain_after":3}"#,
            "needs a `session` field",
        ),
        (
            r#"{"type":"after","v":2,"session":"s","at":"2024-01-01T08:00:00Z","pain_after":12}"#,
            "outside the pain scale",
        ),
        // An outcome that is not one of the four (or version 1's two old words).
        (
            r#"{"type":"end","v":2,"session":"s","at":"2024-01-01T08:00:00Z","status":"postponed","active_secs":1}"#,
            "not a valid event",
        ),
        // A set held for longer than a day, or a session active for 1e300 s.
        (
            r#"{"type":"step","v":2,"session":"s","at":"2024-01-01T08:00:00Z","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold","achieved_secs":90000}"#,
            "from 0 to 86400",
        ),
        (
            r#"{"type":"end","v":2,"session":"s","at":"2024-01-01T08:00:00Z","status":"completed","active_secs":1e300}"#,
            "from 0 to",
        ),
        ("hello", "not a JSON object"),
        (r#"{"v":1,"session":"s"}"#, "no `type`"),
        (r#"{"type":"end","session":"s"}"#, "no `v`"),
    ];
    for (line, want) in cases {
        let got = parse_line(line).expect_err(line).0;
        assert!(got.contains(want), "{line}\n  got: {got}\n  want: {want}");
    }
}

/// A step line with every required field, and `extra` spliced in before the
/// closing brace.
fn step_line(extra: &str) -> String {
    format!(
        r#"{{"type":"step","v":1,"session":"s","at":"2024-01-01T08:00:00+01:00","index":0,"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold"{extra}}}"#
    )
}

#[test]
fn any_json_spelling_of_an_event_reads() {
    let spaced = format!(
        " {} ",
        step_line("").replace(',', " ,\t").replace("\":", "\" : ")
    );
    let escaped_key = step_line("").replace("\"type\"", "\"ty\\u0070e\"");
    for line in [
        spaced,
        escaped_key,
        step_line(r#","note":"a \"quoted\" word""#),
        step_line(r#","extra":{"nested":[1,2]},"more":[]"#),
        step_line(r#","extra":1e5,"x":-0.5,"y":null,"z":true"#),
        step_line(r#","planned_reps":4294967295"#),
        step_line(r#","note":"café 😀""#),
    ] {
        let Ok(Event::Step(step)) = parse_line(&line) else {
            panic!("{line}: {:?}", parse_line(&line));
        };
        assert_eq!(
            (&*step.session, &*step.exercise_name),
            ("s", "Plank"),
            "{line}"
        );
    }
    let read = |extra: &str| match parse_line(&step_line(extra)) {
        Ok(Event::Step(step)) => step,
        other => panic!("{extra}: {other:?}"),
    };
    let ms = std::time::Duration::from_millis;
    assert_eq!(read(r#","planned_secs":1e2"#).planned, Some(ms(100_000)));
    assert_eq!(read(r#","planned_secs":1.5E-1"#).planned, Some(ms(150)));
    assert_eq!(read(r#","planned_secs":-0"#).planned, Some(ms(0)));
    assert_eq!(read(r#","planned_reps":null"#).planned_reps, None);
    let step = read(r#","skipped":null,"hurt":true"#);
    assert!(!step.skipped && step.hurt);
}

#[test]
fn lines_that_are_not_quite_json_or_not_quite_events_are_refused() {
    let cases = [
        (step_line(r#","planned_secs":-1.5"#), "from 0 to"),
        (step_line(r#","planned_secs":01"#), "not a JSON object"),
        (step_line(r#","planned_secs":1."#), "not a JSON object"),
        (step_line(r#","planned_secs":.5"#), "not a JSON object"),
        (step_line(r#","planned_reps":4294967296"#), "expected u32"),
        (step_line(r#","planned_reps":10.0"#), "expected u32"),
        (step_line(r#","planned_reps":-1"#), "expected u32"),
        (step_line(r#","skipped":"yes""#), "expected a boolean"),
        (step_line(r#","side":"middle""#), "unknown variant `middle`"),
        (step_line(r#","level":2"#), "duplicate field `level`"),
        (
            step_line(r#","exercise_name":"\u0050lank""#),
            "duplicate field",
        ),
        (step_line(",\"note\":\"tab\there\""), "control character"),
        (format!("{} trailing", step_line("")), "trailing characters"),
        (step_line(","), "trailing comma"),
        (format!("\u{feff}{}", step_line("")), "not a JSON object"),
        ("[]".to_string(), "some other JSON value"),
        ("null".to_string(), "some other JSON value"),
        (String::new(), "cut short"),
    ];
    for (line, want) in cases {
        let got = parse_line(&line).expect_err(&line).0;
        assert!(got.contains(want), "{line}\n  got: {got}\n  want: {want}");
    }
}

/// Times read as chrono's own serde support reads them, strict RFC 3339 or not,
/// with the same refusals.
#[test]
fn times_read_as_chrono_reads_them() {
    for at in [
        "2024-01-01T08:00:00Z",
        "2024-01-01T08:00:00.5+01:00",
        "2024-01-01T08:00:00.123456789-05:30",
        "2024-01-01T08:00:00.1234567891+01:00",
        "2024-01-01t08:00:00z",
        "2024-01-01 08:00:00+01:00",
        "2024-01-01T08 : 00 : 00+01 : 00",
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
        "-0001-12-31T23:59:59Z",
        "next tuesday",
        "",
    ] {
        let json = serde_json::to_string(at).expect("a string");
        let ours = serde_json::from_str::<Time>(&json).map(|t| t.0);
        let chrono = serde_json::from_str::<DateTime<FixedOffset>>(&json);
        match (ours, chrono) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "{at}");
                assert_eq!(a.offset(), b.offset(), "{at}");
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{at}"),
            (a, b) => panic!("{at}: {a:?} but chrono: {b:?}"),
        }
    }
    let wrong_type = serde_json::from_str::<Time>("5").expect_err("a number");
    let chrono = serde_json::from_str::<DateTime<FixedOffset>>("5").expect_err("a number");
    assert_eq!(wrong_type.to_string(), chrono.to_string());
}

#[test]
fn ids_and_names_are_shared_between_lines() {
    let mut parser = LineParser::new();
    let line = step_line("");
    let (Ok(Event::Step(a)), Ok(Event::Step(b))) = (parser.parse(&line), parser.parse(&line))
    else {
        panic!("steps");
    };
    assert!(Arc::ptr_eq(&a.session, &b.session));
    assert!(Arc::ptr_eq(&a.exercise, &b.exercise));
    assert!(Arc::ptr_eq(&a.exercise_name, &b.exercise_name));
    // An escaped id reads as the same id.
    let escaped = line.replace(r#""plank""#, r#""pl\u0061nk""#);
    let Ok(Event::Step(c)) = parser.parse(&escaped) else {
        panic!("{escaped}");
    };
    assert!(Arc::ptr_eq(&a.exercise, &c.exercise));
}
