//! Long randomised runs over everything upright reads from disk: the TOML library
//! files, the configuration, and the session log. They stand in for coverage-guided
//! fuzzing (cargo-fuzz needs a nightly toolchain; see RELIABILITY.md).
//!
//! The long runs are ignored by default. Run them with, for example:
//!
//! ```sh
//! FUZZ_SECS=600 cargo test --release --test it fuzz -- --ignored --nocapture
//! ```
//!
//! Each property must hold for every input: no panic, and what the reader returns
//! is consistent (located problems point inside the file; every line of the log is
//! either an event or set aside; an event read back is the event written; the line
//! reader's fast path and serde_json alone read every line the same). Inputs
//! that once broke a property are kept in the `regressions` tests at the end, which
//! run in every `cargo test`.

use proptest::prelude::*;
use upright::model::diagnostic::Diagnostic;
use upright::model::event::{Event, SCHEMA_VERSION, parse_line, parse_line_serde};
use upright::model::settings::Settings;
use upright::store::diag::SourceText;
use upright::store::{config, library, log};

const BUILTIN_EXERCISES: &str = include_str!("../../assets/exercises.toml");
const BUILTIN_ROUTINES: &str = include_str!("../../assets/routines.toml");
const DEFAULT_CONFIG: &str = include_str!("../../config.toml");

// ---------------------------------------------------------------------------
// Input generators

/// Keys the loaders know, and a few they do not.
const KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "areas",
    "position",
    "summary",
    "instructions",
    "cues",
    "caution",
    "figure",
    "how",
    "hold",
    "reps",
    "tempo",
    "open",
    "target",
    "sets",
    "rest",
    "per_side",
    "description",
    "exercise",
    "level",
    "cue",
    "time",
    "lead_in",
    "switch_gap",
    "auto_advance",
    "bell",
    "countdown",
    "ask_pain",
    "weekly_goal",
    "resume",
    "theme",
    "figures",
    "pause",
    "next",
    "quit",
    "x",
    "ünïcødé",
];

const HEADERS: &[&str] = &[
    "[[exercise]]",
    "[[exercise.level]]",
    "[[routine]]",
    "[[routine.step]]",
    "[exercise]",
    "[routine.step]",
    "[[exercise.level.tempo]]",
    "[timer]",
    "[sound]",
    "[session]",
    "[ui]",
    "[keys]",
    "[keys.session]",
    "[keys.picker]",
    "[[timer]]",
];

const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "3",
    "10",
    "999999999999999999999",
    "-9223372036854775808",
    "9223372036854775807",
    "1.5",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "true",
    "false",
    "\"\"",
    "\"plank\"",
    "\"push-up\"",
    "\"ostrich\"",
    "\"shoulder-blade-stretch\"",
    "\"childs-pose\"",
    "\"30s\"",
    "\"1m30s\"",
    "\"0s\"",
    "\"-5s\"",
    "\"99999999h\"",
    "\"1m60s\"",
    "\"5 s\"",
    "\"s\"",
    "\"strength\"",
    "\"stretch\"",
    "\"mobility\"",
    "\"floor\"",
    "\"dark\"",
    "\"mono\"",
    "\"Space\"",
    "\"ctrl-x\"",
    "\"F13\"",
    "[]",
    "[\"a\", \"b\"]",
    "[1, 2]",
    "[[1]]",
    "[{ cue = \"down\", time = \"2s\" }, { cue = \"up\", time = 1 }]",
    "[{ cue = \"\", time = 0 }]",
    "{}",
    "{ a = 1 }",
    "1979-05-27T07:32:00Z",
    "'''multi\nline'''",
    "\"\\u0000\"",
    "\"\\uD800\"",
    "\"🙂🙂🙂\"",
    "\"\u{202e}rtl\"",
];

/// A line of a TOML-like document: a header, `key = value`, a comment, or noise.
fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(HEADERS).prop_map(str::to_string),
        6 => (
            prop::sample::select(KEYS),
            prop::sample::select(VALUES),
        )
            .prop_map(|(k, v)| format!("{k} = {v}")),
        1 => (
            prop::sample::select(KEYS),
            prop::sample::select(KEYS),
            prop::sample::select(VALUES),
        )
            .prop_map(|(a, b, v)| format!("{a}.{b} = {v}")),
        1 => "[ -~]{0,40}",
        1 => Just("# a comment".to_string()),
        1 => Just(String::new()),
    ]
}

fn toml_doc() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(toml_line(), 0..60).prop_map(|lines| lines.join("\n").into_bytes())
}

/// Byte-level damage to a valid text: replace, insert or delete at random places.
#[derive(Debug, Clone)]
enum Edit {
    Replace(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Delete(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
    Duplicate(prop::sample::Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<(prop::sample::Index, u8)>().prop_map(|(i, b)| Edit::Replace(i, b)),
        (
            any::<prop::sample::Index>(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..8),
                prop::sample::select(VALUES).prop_map(|v| v.as_bytes().to_vec()),
                prop::sample::select(HEADERS).prop_map(|v| format!("\n{v}\n").into_bytes()),
                Just(b"\"".to_vec()),
                Just(b"\n".to_vec()),
                Just(b"{".to_vec()),
                Just(b"\xff\xfe".to_vec()),
            ]
        )
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<prop::sample::Index>().prop_map(Edit::Truncate),
        (any::<prop::sample::Index>(), 1usize..400).prop_map(|(i, n)| Edit::Duplicate(i, n)),
    ]
}

fn apply_edits(text: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = text.to_vec();
    for e in edits {
        let len = b.len();
        match e {
            Edit::Replace(i, byte) if len > 0 => {
                let at = i.index(len);
                b[at] = *byte;
            }
            Edit::Insert(i, bytes) => {
                let at = i.index(len + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Edit::Delete(i, n) if len > 0 => {
                let at = i.index(len);
                let end = (at + n).min(len);
                b.drain(at..end);
            }
            Edit::Truncate(i) => b.truncate(i.index(len + 1)),
            Edit::Duplicate(i, n) if len > 0 => {
                let at = i.index(len);
                let end = (at + n).min(len);
                let piece: Vec<u8> = b[at..end].to_vec();
                b.splice(end..end, piece);
            }
            _ => {}
        }
    }
    b
}

fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(edit(), 1..6).prop_map(move |edits| apply_edits(base.as_bytes(), &edits))
}

// ---------------------------------------------------------------------------
// Checks

/// Located problems must point inside the text they name (or at the whole file).
fn check_located(diags: &[Diagnostic], path: &str, text: &[u8]) -> Result<(), TestCaseError> {
    let lines = text.split(|b| *b == b'\n').count();
    for d in diags {
        prop_assert!(!d.message.is_empty(), "empty message: {d:?}");
        if d.path == path && d.line > 0 {
            prop_assert!(
                d.line <= lines + 1,
                "line {} past the end ({} lines): {d:?}",
                d.line,
                lines
            );
        }
    }
    Ok(())
}

fn check_library(ex: Option<&[u8]>, rt: Option<&[u8]>) -> Result<(), TestCaseError> {
    let result = library::load_from(
        ex.map(|b| ("user/exercises.toml", b)),
        rt.map(|b| ("user/routines.toml", b)),
    );
    match result {
        Ok(catalog) => {
            // A loaded catalog must be usable: every routine resolves and plans.
            let timer = config::defaults().timer;
            for r in catalog.routines() {
                let steps = catalog.resolve(r, &|_| None);
                let plan = upright::model::plan::Plan::build(&steps, &timer);
                let _ = plan.total();
            }
        }
        Err(diags) => {
            prop_assert!(!diags.is_empty(), "an error without a problem");
            if let Some(b) = ex {
                check_located(&diags, "user/exercises.toml", b)?;
            }
            if let Some(b) = rt {
                check_located(&diags, "user/routines.toml", b)?;
            }
        }
    }
    Ok(())
}

fn check_config(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let mut settings: Settings = config::defaults();
    let diags = config::apply(&mut settings, &SourceText::new("user/config.toml", text));
    check_located(&diags, "user/config.toml", bytes)?;
    if diags.is_empty() {
        // Settings that were accepted must make a keymap or a located refusal.
        let _ = upright::terminal::keymap(&settings);
    }
    Ok(())
}

fn check_log(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (events, set_aside, lines) = log::parse(bytes).expect("reading memory cannot fail");
    prop_assert!(events.len() + set_aside.len() <= lines);
    let mut last = 0;
    for s in &set_aside {
        prop_assert!(
            s.line > last && s.line <= lines,
            "line numbers: {set_aside:?}"
        );
        last = s.line;
        prop_assert!(!s.reason.is_empty());
    }
    for e in &events {
        round_trip(e)?;
    }
    Ok(())
}

/// Writing is stable: an event read from any line, written, read back and written
/// again gives the same line. (Not `read(write(e)) == e`: the reader keeps a value
/// such as 1.0000000001 s that the writer rounds to the millisecond.)
fn round_trip(e: &Event) -> Result<(), TestCaseError> {
    let line = e.to_line();
    prop_assert!(!line.contains('\n'), "a line break inside a line: {line}");
    let back = parse_line(&line);
    prop_assert!(back.is_ok(), "a written line is refused: {line}: {back:?}");
    let again = back.as_ref().map(Event::to_line).unwrap_or_default();
    prop_assert_eq!(&again, &line, "written twice differently");
    Ok(())
}

/// A line is read consistently: an event read from it is what the line says (its
/// type, version, session and time, as a generic JSON reader sees them) and writes
/// back stably; a refused line gets a reason, and one of a newer schema version is
/// refused for that (unless a field is given twice, which is refused as such).
fn check_line(line: &str) -> Result<(), TestCaseError> {
    use serde_json::Value;
    let read = parse_line(line);
    let value: Option<Value> = serde_json::from_str(line).ok();
    let field = |key: &str| value.as_ref().and_then(|v| v.get(key));
    match &read {
        Ok(e) => {
            prop_assert_eq!(field("type").and_then(Value::as_str), Some(e.kind()));
            let v = field("v").and_then(Value::as_u64);
            prop_assert!(
                v.is_some_and(|v| (1..=u64::from(SCHEMA_VERSION)).contains(&v)),
                "line: {}",
                line
            );
            prop_assert_eq!(field("session").and_then(Value::as_str), Some(e.session()));
            let at = field("at").and_then(Value::as_str).map(str::parse);
            prop_assert_eq!(at, Some(Ok(e.at())), "line: {}", line);
            round_trip(e)?;
        }
        Err(refusal) => {
            prop_assert!(!refusal.0.is_empty(), "no reason for {line}");
            if let Some(v) = field("v").and_then(Value::as_u64)
                && v > u64::from(SCHEMA_VERSION)
                && !refusal.0.contains("duplicate field")
            {
                let newer = format!("schema version {v} is newer");
                prop_assert!(refusal.0.contains(&newer), "{line}: {refusal}");
            }
        }
    }
    Ok(())
}

/// The line reader (the fast reader, falling back to serde_json) gives exactly
/// what serde_json alone gives: the same event or the same refusal.
fn check_readers(line: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(parse_line(line), parse_line_serde(line), "line: {}", line);
    Ok(())
}

/// A value for one field: mostly one upright writes or reads (version 1's words
/// too), sometimes a near miss.
fn value(
    good: &'static [&'static str],
    bad: &'static [&'static str],
) -> impl Strategy<Value = &'static str> + Clone {
    prop_oneof![3 => prop::sample::select(good), 1 => prop::sample::select(bad)]
}

/// Lines of every event type built from such values: each is a line upright
/// could write, or a value or two away from one.
fn event_line() -> impl Strategy<Value = String> {
    let times = value(
        &[
            "2024-03-31T10:15:00+02:00",
            "2024-03-31T10:15:00.5Z",
            "2024-10-27T02:30:00.123-05:30",
        ],
        &[
            "2024-03-31 10:15:00+02:00",
            "2024-02-30T10:15:00Z",
            "2024-03-31T10:15:00",
        ],
    );
    let head = (value(&["1", "2"], &["0", "3", "1.0"]), times)
        .prop_map(|(v, at)| format!(r#""v":{v},"session":"s","at":"{at}""#));
    let status = value(
        &[
            "completed",
            "ended_early",
            "partial",
            "discarded",
            "abandoned",
            "interrupted",
        ],
        &["Completed", ""],
    );
    let side = value(&["left", "right"], &["middle"]);
    let dose = value(&["hold", "reps", "open"], &["time"]);
    let reason = value(&["progress", "easier", "manual"], &["later"]);
    let flag = value(&["true", "false"], &["null", "1"]);
    let count = value(&["1", "2", "10"], &["0", "-1", "4294967296", "2.0", "null"]);
    let pain = value(
        &["0", "3", "10", "null"],
        &["11", "256", "-1", "\"1\"", "0.5"],
    );
    let secs = value(
        &["0", "0.5", "12.345", "30", "86400", "0.0005"],
        &[
            "86400.001",
            "-1",
            "1e2",
            "0.1234567891",
            "-0",
            "604800.5",
            "null",
        ],
    );
    prop_oneof![
        (head.clone(), pain.clone()).prop_map(|(h, p)| format!(
            r#"{{"type":"start",{h},"routine":"r","routine_name":"R","pain_before":{p}}}"#
        )),
        (head.clone(), side, dose, (count.clone(), secs.clone(), count.clone()), (flag.clone(), flag))
            .prop_map(|(h, side, dose, (level, secs, reps), (skipped, hurt))| format!(
                r#"{{"type":"step",{h},"index":0,"exercise":"plank","exercise_name":"Plank","level":{level},"set":1,"sets":2,"side":"{side}","dose":"{dose}","planned_secs":{secs},"achieved_secs":{secs},"achieved_reps":{reps},"skipped":{skipped},"hurt":{hurt}}}"#
            )),
        (head.clone(), status, pain.clone(), secs).prop_map(|(h, status, pain, secs)| format!(
            r#"{{"type":"end",{h},"status":"{status}","pain_after":{pain},"active_secs":{secs}}}"#
        )),
        (head.clone(), pain).prop_map(|(h, pain)| format!(
            r#"{{"type":"after",{h},"pain_after":{pain},"note":"stiff"}}"#
        )),
        (head, reason, count).prop_map(|(h, reason, level)| format!(
            r#"{{"type":"level",{h},"exercise":"plank","level":{level},"reason":"{reason}"}}"#
        )),
    ]
}

/// Lines for comparing the readers: valid ones, built ones, mutated ones, and
/// arbitrary text (printable, with JSON's punctuation, and any characters at all).
fn reader_line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<prop::sample::Index>().prop_map(|i| i.get(valid_lines()).clone()),
        6 => event_line(),
        6 => mutated_line(),
        1 => "[ -~]{0,80}",
        1 => r#"[{}\[\]":,0-9.eE+\-a-z \\]{0,60}"#,
        1 => any::<String>(),
    ]
}

/// Valid log lines of every event type, for structured mutation.
fn valid_lines() -> &'static Vec<String> {
    static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| log::synthetic::lines(40, 2, 7))
}

/// A JSON-aware change to one valid line: a field's value swapped for another
/// type or an edge value, a field dropped or duplicated, or bytes damaged.
fn mutated_line() -> impl Strategy<Value = String> {
    let values = prop::sample::select(vec![
        "null",
        "0",
        "-1",
        "1e400",
        "-0.0",
        "4294967296",
        "18446744073709551616",
        "1.0000000001",
        "\"\"",
        "\"x\"",
        "true",
        "[]",
        "{}",
        "\"2024-02-30T10:00:00+01:00\"",
        "\"2024-03-31T02:30:00+25:00\"",
        "\"2024-03-31T02:30:00Z\"",
        "\"9999-12-31T23:59:59+14:00\"",
        "\"+262143-01-01T00:00:00Z\"",
        "\"left\"",
        "\"right\"",
        "\"partial\"",
        "\"completed\"",
        "\"abandoned\"",
        "\"hold\"",
        "\"reps\"",
        "\"open\"",
        "\"\\ud800\"",
        "\"\\u0000\"",
        "\"a\\nb\"",
        "\"🙂\"",
        "2",
        "99",
        "11",
    ]);
    let idx = any::<prop::sample::Index>();
    let field = any::<prop::sample::Index>();
    prop_oneof![
        (idx.clone(), field.clone(), values).prop_map(|(i, f, v)| {
            let line = i.get(valid_lines()).clone();
            set_field(&line, f, Some(v))
        }),
        (idx.clone(), field.clone()).prop_map(|(i, f)| {
            let line = i.get(valid_lines()).clone();
            set_field(&line, f, None)
        }),
        (idx.clone(), field).prop_map(|(i, f)| {
            let line = i.get(valid_lines()).clone();
            duplicate_field(&line, f)
        }),
        (idx, prop::collection::vec(edit(), 1..4)).prop_map(|(i, edits)| {
            let line = i.get(valid_lines()).clone();
            String::from_utf8_lossy(&apply_edits(line.as_bytes(), &edits)).into_owned()
        }),
    ]
}

/// The `"key":value` pairs of a flat JSON line (values without nesting).
fn fields(line: &str) -> Vec<(usize, usize)> {
    let inner = &line[1..line.len() - 1];
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
        } else if c == ',' {
            out.push((start + 1, i + 1));
            start = i + 1;
        }
    }
    out.push((start + 1, inner.len() + 1));
    out
}

fn set_field(line: &str, which: prop::sample::Index, value: Option<&str>) -> String {
    let fs = fields(line);
    let (a, b) = fs[which.index(fs.len())];
    let pair = &line[a..b];
    match value {
        Some(v) => {
            let Some(colon) = pair.find("\":") else {
                return line.to_string();
            };
            format!("{}{}{}{}", &line[..a], &pair[..colon + 2], v, &line[b..])
        }
        None => {
            // Drop the pair and one comma next to it.
            let (a, b) = if b < line.len() - 1 {
                (a, b + 1)
            } else if a > 1 {
                (a - 1, b)
            } else {
                (a, b)
            };
            format!("{}{}", &line[..a], &line[b..])
        }
    }
}

fn duplicate_field(line: &str, which: prop::sample::Index) -> String {
    let fs = fields(line);
    let (a, b) = fs[which.index(fs.len())];
    format!("{},{}{}", &line[..b], &line[a..b], &line[b..])
}

/// A log: valid lines, mutated ones, blank ones and raw noise, with or without a
/// final newline, LF or CRLF.
fn log_bytes() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        4 => any::<prop::sample::Index>().prop_map(|i| i.get(valid_lines()).clone().into_bytes()),
        4 => mutated_line().prop_map(String::into_bytes),
        1 => Just(Vec::new()),
        1 => Just(b"   \t".to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..80),
    ];
    (
        prop::collection::vec(line, 0..40),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lines, crlf, last_newline)| {
            let sep: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut out = lines.join(sep);
            if last_newline {
                out.extend_from_slice(sep);
            }
            out
        })
}

// ---------------------------------------------------------------------------
// The long runs

/// Runs `check` on inputs from `strategy` for `FUZZ_SECS` seconds (default 60),
/// in batches of fresh, randomly seeded runners, and prints how many inputs ran.
/// A failing input is shrunk and printed, and fails the test.
fn fuzz<S: Strategy>(what: &str, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    use proptest::test_runner::{Config, TestRunner};
    let secs: u64 = std::env::var("FUZZ_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let budget = std::time::Duration::from_secs(secs);
    let started = std::time::Instant::now();
    let batch = 2_000;
    let mut runs: u64 = 0;
    while started.elapsed() < budget {
        let mut runner = TestRunner::new(Config {
            cases: batch,
            max_shrink_iters: 20_000,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &check) {
            panic!("fuzz {what}: failed after {runs} inputs: {e}");
        }
        runs += u64::from(batch);
    }
    eprintln!(
        "fuzz {what}: {runs} inputs in {:.0} s, no failure",
        started.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_library_generated() {
    fuzz(
        "library (generated TOML)",
        (toml_doc(), toml_doc(), 0u8..3),
        |(ex, rt, which)| match which {
            0 => check_library(Some(&ex), None),
            1 => check_library(None, Some(&rt)),
            _ => check_library(Some(&ex), Some(&rt)),
        },
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_library_mutated() {
    fuzz(
        "library (damaged built-in files)",
        (
            mutated(BUILTIN_EXERCISES),
            mutated(BUILTIN_ROUTINES),
            0u8..3,
        ),
        |(ex, rt, which)| match which {
            0 => check_library(Some(&ex), None),
            1 => check_library(None, Some(&rt)),
            _ => check_library(Some(&ex), Some(&rt)),
        },
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_library_bytes() {
    fuzz(
        "library (arbitrary bytes)",
        (
            prop::collection::vec(any::<u8>(), 0..400),
            prop::collection::vec(any::<u8>(), 0..400),
        ),
        |(ex, rt)| check_library(Some(&ex), Some(&rt)),
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_config() {
    fuzz(
        "config",
        prop_oneof![
            toml_doc(),
            mutated(DEFAULT_CONFIG),
            prop::collection::vec(any::<u8>(), 0..300)
        ],
        |doc| check_config(&doc),
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_log() {
    fuzz(
        "log (whole files)",
        prop_oneof![log_bytes(), prop::collection::vec(any::<u8>(), 0..600)],
        |bytes| check_log(&bytes),
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_log_line_readers() {
    fuzz(
        "log line (fast reader against serde_json)",
        reader_line(),
        |line| check_readers(&line),
    );
}

#[test]
#[ignore = "long: run with --ignored"]
fn fuzz_log_line() {
    fuzz("log line", mutated_line(), |line| check_line(&line));
}

// ---------------------------------------------------------------------------
// Short versions, in every `cargo test`, and inputs found by the long runs.

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn short_library(ex in mutated(BUILTIN_EXERCISES), rt in toml_doc()) {
        check_library(Some(&ex), Some(&rt))?;
    }

    #[test]
    fn short_config(doc in toml_doc()) {
        check_config(&doc)?;
    }

    #[test]
    fn short_log(bytes in log_bytes()) {
        check_log(&bytes)?;
    }

    #[test]
    fn short_log_line(line in mutated_line()) {
        check_line(&line)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn short_log_line_readers(line in reader_line()) {
        check_readers(&line)?;
    }
}

mod regressions {
    use super::*;

    fn lib(ex: Option<&str>, rt: Option<&str>) {
        check_library(ex.map(str::as_bytes), rt.map(str::as_bytes)).unwrap();
    }

    #[test]
    fn empty_files_load() {
        lib(Some(""), Some(""));
    }
}
