//! `upright report`: the HTML page for a physiotherapist, read back by a small
//! checker of the markup (every element closed in order, attributes quoted), with
//! no script and nothing fetched; the pain chart's points are the weekly averages
//! of a seeded log; the command writes to standard output or, whole, to a file.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset, NaiveDate};
use upright::model::history::{History, PainWhen, WeekPain};
use upright::report::html::{HtmlReport, write_html};

/// Elements that have no end tag in HTML.
const VOID: [&str; 6] = ["meta", "br", "hr", "img", "link", "input"];

/// One start tag: its name and attributes.
#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: HashMap<String, String>,
}

/// Reads every tag of `html` in order, checking that each element is closed in
/// the order it was opened (void elements and `/>` close themselves) and that
/// every attribute's value is quoted. The text between tags may hold no `<` or
/// `>` (it must be escaped).
fn parse(html: &str) -> Result<Vec<Element>, String> {
    let mut open: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut rest = html
        .strip_prefix("<!DOCTYPE html>")
        .ok_or("no doctype first")?;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        if text.contains('>') {
            return Err(format!("a bare > in the text {text:?}"));
        }
        let end = rest[start..]
            .find('>')
            .map(|e| start + e)
            .ok_or("a tag that never ends")?;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.contains('<') {
            return Err(format!("a < inside the tag {tag:?}"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(top) if top == name => continue,
                top => return Err(format!("</{name}> closes {top:?}")),
            }
        }
        // The style sheet is text up to its end tag.
        let (self_closed, tag) = match tag.strip_suffix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let element = element(tag)?;
        if element.name == "style" {
            let close = rest.find("</style>").ok_or("a style that never ends")?;
            rest = &rest[close + "</style>".len()..];
            out.push(element);
            continue;
        }
        if !self_closed && !VOID.contains(&element.name.as_str()) {
            open.push(element.name.clone());
        }
        out.push(element);
    }
    if !rest.trim().is_empty() {
        return Err(format!("text after the last tag: {rest:?}"));
    }
    if !open.is_empty() {
        return Err(format!("never closed: {open:?}"));
    }
    Ok(out)
}

/// `name a="1" b="two words"` as an element.
fn element(tag: &str) -> Result<Element, String> {
    let tag = tag.trim();
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let name = tag[..name_end].to_string();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("a tag without a proper name: {tag:?}"));
    }
    let mut attrs = HashMap::new();
    let mut rest = tag[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or(format!("an attribute without a value in {tag:?}"))?;
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..]
            .strip_prefix('"')
            .ok_or(format!("an unquoted attribute in {tag:?}"))?;
        let close = after
            .find('"')
            .ok_or(format!("an attribute never closed in {tag:?}"))?;
        attrs.insert(key, after[..close].to_string());
        rest = after[close + 1..].trim_start();
    }
    Ok(Element { name, attrs })
}

#[test]
fn the_checker_refuses_what_is_not_well_formed() {
    let ok = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>a > b {}</style></head>\
              <body><p class=\"x\">a &amp; b<br></p><svg><rect x=\"1\"/></svg></body></html>\n";
    assert_eq!(parse(ok).map(|e| e.len()), Ok(9));
    for bad in [
        "<html></html>",
        "<!DOCTYPE html><p><b></p></b>",
        "<!DOCTYPE html><p class=x></p>",
        "<!DOCTYPE html><p>a > b</p>",
        "<!DOCTYPE html><p>",
        "<!DOCTYPE html><p></p>text",
        "<!DOCTYPE html><p checked></p>",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

fn attr<'a>(e: &'a Element, key: &str) -> &'a str {
    e.attrs
        .get(key)
        .map_or_else(|| panic!("{} has no {key}: {e:?}", e.name), |v| v.as_str())
}

fn num(text: &str) -> f64 {
    text.parse()
        .unwrap_or_else(|e| panic!("{text:?} is not a number: {e}"))
}

/// The morning after a seeded year (Monday 5 January 2015 to 4 January 2016), at
/// UTC+1 like the log.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2016-01-05T09:00:00+01:00").expect("a time")
}

fn seeded_year() -> History {
    History::from_events(upright::store::log::synthetic::events(365, 1, 7)).without_discarded()
}

fn report(history: &History, since: Option<NaiveDate>) -> String {
    let mut out = Vec::new();
    let report = HtmlReport {
        since,
        weekly_goal: 5,
        data_dir: Path::new("/nowhere"),
        version: "test",
    };
    write_html(&mut out, history, &report, &now()).expect("written");
    String::from_utf8(out).expect("UTF-8")
}

/// Nothing runs and nothing is fetched: no script, no address anywhere, no
/// attribute that loads something, no import in the styles.
fn assert_self_contained(html: &str, elements: &[Element]) {
    let lower = html.to_lowercase();
    for bad in [
        "<script",
        "http:",
        "https:",
        "@import",
        "url(",
        "javascript:",
    ] {
        assert!(!lower.contains(bad), "{bad} in the report");
    }
    for e in elements {
        for key in ["src", "href", "xlink:href", "srcset", "action", "data"] {
            assert!(!e.attrs.contains_key(key), "{key} on {e:?}");
        }
        assert!(
            e.attrs.keys().all(|k| !k.starts_with("on")),
            "a handler on {e:?}"
        );
        assert!(!["iframe", "object", "embed", "link", "img"].contains(&e.name.as_str()));
    }
}

#[test]
fn the_report_is_well_formed_and_self_contained() {
    let html = report(&seeded_year(), None);
    let elements = parse(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_self_contained(&html, &elements);
    let heads: Vec<&str> = [
        "Summary",
        "Adherence",
        "Pain",
        "Days exercised",
        "Exercises",
    ]
    .into_iter()
    .chain(["When it hurt", "Notes"])
    .collect();
    let mut from = 0;
    for head in heads {
        let at = html[from..]
            .find(&format!("<h2>{head}</h2>"))
            .unwrap_or_else(|| panic!("no {head} after byte {from}"));
        from += at;
    }
    // Prints on A4.
    assert!(html.contains("@page { size: A4"), "no A4 page rule");
    assert!(
        html.contains("Monday 5 January 2015 to Tuesday 5 January 2016"),
        "the period"
    );
    assert!(html.len() < 200_000, "{} bytes for a year", html.len());
}

/// The y of each score from the grid's lines at 0 and 10, and each week's x from
/// the plot's width: the points of each line, read back, are the weeks with a
/// score, in order, at their averages.
#[test]
fn the_pain_chart_draws_the_weekly_averages_of_the_log() {
    let history = seeded_year();
    let html = report(&history, None);
    let elements = parse(&html).unwrap_or_else(|e| panic!("{e}"));
    let first = NaiveDate::from_ymd_opt(2015, 1, 5).expect("a date");
    let weeks: Vec<WeekPain> =
        history.weekly_pain(&now().timezone(), Some(first), now().date_naive());
    assert_eq!(weeks.len(), 53);
    let grid = |score: &str| {
        elements
            .iter()
            .find(|e| {
                e.name == "line" && e.attrs.get("data-score").map(String::as_str) == Some(score)
            })
            .unwrap_or_else(|| panic!("no grid line at {score}"))
    };
    let (zero, ten) = (grid("0"), grid("10"));
    let (y0, y10) = (num(attr(zero, "y1")), num(attr(ten, "y1")));
    let (left, right) = (num(attr(zero, "x1")), num(attr(zero, "x2")));
    let step = (right - left) / weeks.len() as f64;
    for when in PainWhen::BOTH {
        let drawn: Vec<(f64, f64)> = elements
            .iter()
            .filter(|e| {
                e.name == "polyline"
                    && e.attrs.get("data-series").map(String::as_str) == Some(when.as_str())
            })
            .flat_map(|e| {
                attr(e, "points")
                    .split(' ')
                    .map(|p| {
                        let (x, y) = p.split_once(',').expect("x,y");
                        (num(x), num(y))
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let expected: Vec<(usize, f64)> = weeks
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some((i, w.value(when)?)))
            .collect();
        assert!(
            expected.len() > 40,
            "{when:?}: a year has scores most weeks"
        );
        assert_eq!(drawn.len(), expected.len(), "{when:?}");
        for ((x, y), (week, value)) in drawn.iter().zip(&expected) {
            let score = (y0 - y) / (y0 - y10) * 10.0;
            assert!(
                (score - value).abs() < 0.01,
                "{when:?} week {week}: {score} for {value}"
            );
            let column = (x - left) / step - 0.5;
            assert!(
                (column - *week as f64).abs() < 0.01,
                "{when:?}: x {x} for week {week}"
            );
        }
    }
}

#[test]
fn every_set_that_hurt_and_every_note_is_listed() {
    let history = seeded_year();
    let html = report(&history, None);
    let hurts = history.hurts();
    assert!(!hurts.is_empty());
    let hurt_rows = html.matches("stopped: it hurt</td></tr>").count();
    assert_eq!(hurt_rows, hurts.len());
    assert!(html.contains(&format!(
        "{} sets were stopped because it hurt.",
        hurts.len()
    )));
    let notes = history
        .sessions()
        .iter()
        .filter(|s| s.note.is_some())
        .count();
    let section = &html[html.find("<h2>Notes</h2>").expect("notes")..];
    assert_eq!(section.matches("<tr><td>").count(), notes);
    // Every exercise with its levels; bests per level.
    for e in history.progress(&now().timezone()) {
        assert!(html.contains(&format!(
            "<h3>{}</h3>",
            e.exercise_name.replace('\'', "&#39;")
        )));
    }
    assert!(
        html.contains("held 1:10 at level 2"),
        "the plank's best at level 2"
    );
}

#[test]
fn since_reports_a_part_and_keeps_earlier_bests_as_before() {
    let history = seeded_year();
    let since = NaiveDate::from_ymd_opt(2015, 11, 2).expect("a date");
    let html = report(&history, Some(since));
    let elements = parse(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_self_contained(&html, &elements);
    assert!(html.contains("Monday 2 November 2015 to Tuesday 5 January 2016"));
    assert!(
        html.contains("Before 2 Nov 2015: held 1:10 at level 2"),
        "{html}"
    );
    // Only the days of the period are squares: 2 November to 5 January.
    let days = elements
        .iter()
        .filter(|e| {
            e.name == "rect" && attr(e, "class").starts_with("day s") && e.attrs.contains_key("x")
        })
        .filter(|e| attr(e, "width") != "11" || attr(e, "x") != "0")
        .count();
    assert_eq!(days, 30 + 31 + 5 - 1);
    let nothing = report(&history, NaiveDate::from_ymd_opt(2016, 1, 6));
    parse(&nothing).unwrap_or_else(|e| panic!("{e}"));
    assert!(nothing.contains("No sessions since 2016-01-06."));
    let empty = report(&History::default(), None);
    parse(&empty).unwrap_or_else(|e| panic!("{e}"));
    assert!(empty.contains("No sessions logged yet (the logs are kept in /nowhere)."));
    assert!(!empty.contains("<h2>"), "no section without a session");
}

/// Beyond sixty weeks adherence is told year by year, every week in one year.
#[test]
fn a_long_period_is_told_year_by_year() {
    // Monday 5 January 2015 to Friday 25 March 2016, seen on the Saturday.
    let history =
        History::from_events(upright::store::log::synthetic::events(446, 1, 7)).without_discarded();
    let now = DateTime::parse_from_rfc3339("2016-03-26T09:00:00+01:00").expect("a time");
    let mut out = Vec::new();
    let report = HtmlReport {
        since: None,
        weekly_goal: 5,
        data_dir: Path::new("/nowhere"),
        version: "test",
    };
    write_html(&mut out, &history, &report, &now).expect("written");
    let html = String::from_utf8(out).expect("UTF-8");
    parse(&html).unwrap_or_else(|e| panic!("{e}"));
    assert!(!html.contains("<ul class=\"weeks\">"));
    let weeks: Vec<u32> = ["2015", "2016"]
        .iter()
        .map(|year| {
            let row = &html[html.find(&format!("<tr><td>{year}</td>")).expect("a row")..];
            let cell = row.split("<td class=\"n\">").nth(1).expect("weeks");
            cell[..cell.find('<').expect("end")]
                .parse()
                .expect("a count")
        })
        .collect();
    // 5 January 2015 to the week of 21 March 2016: 52 weeks, then 12.
    assert_eq!(weeks, [52, 12]);
}

#[test]
fn markup_in_notes_and_names_is_text() {
    use upright::model::event::Event;
    let mut events = upright::store::log::synthetic::events(3, 1, 7);
    let note = events.iter_mut().find_map(|e| match e {
        Event::After(a) => Some(&mut a.note),
        _ => None,
    });
    *note.expect("an answer after a session") =
        Some("<script>alert('x')</script> & \"quoted\"".into());
    for e in &mut events {
        if let Event::Step(st) = e {
            st.exercise_name = "Plank <b>on knees</b>".into();
        }
    }
    let html = report(&History::from_events(events), None);
    let elements = parse(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_self_contained(&html, &elements);
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
    );
    assert!(html.contains("<h3>Plank &lt;b&gt;on knees&lt;/b&gt;</h3>"));
    assert!(!elements.iter().any(|e| e.name == "b"));
}

/// The real binary: standard output, or the same page written whole to a file.
#[test]
fn the_command_writes_to_standard_output_or_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for sub in ["data", "config", "home", "out"] {
        std::fs::create_dir_all(root.join(sub)).expect("mkdir");
    }
    let lines = upright::store::log::synthetic::lines(60, 1, 7);
    std::fs::write(root.join("data/sessions.jsonl"), lines.join("\n") + "\n").expect("log");
    let run = |args: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_upright"))
            .arg("--data-dir")
            .arg(root.join("data"))
            .arg("--config-dir")
            .arg(root.join("config"))
            .args(args)
            .env_clear()
            .env("HOME", root.join("home"))
            .env("TZ", "UTC")
            .env("UPRIGHT_NOW", "2015-03-06T10:00:00+00:00")
            .output()
            .expect("run upright")
    };
    let shown = run(&["report"]);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let page = String::from_utf8(shown.stdout).expect("UTF-8");
    let elements = parse(&page).unwrap_or_else(|e| panic!("{e}"));
    assert_self_contained(&page, &elements);
    let file = root.join("out/report.html");
    std::fs::write(&file, "an older report").expect("old");
    let written = run(&["report", "--output", file.to_str().expect("path")]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    assert!(written.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).expect("read"), page);
    let left: Vec<_> = std::fs::read_dir(root.join("out")).expect("dir").collect();
    assert_eq!(left.len(), 1, "no temporary file left");
    let since = run(&["report", "--since", "2015-03-02"]);
    let part = String::from_utf8(since.stdout).expect("UTF-8");
    assert!(
        part.contains("Monday 2 March 2015 to Friday 6 March 2015"),
        "{part}"
    );
    // A place that cannot be written: an error naming it, exit 1.
    let bad = root.join("missing/report.html");
    let failed = run(&["report", "-o", bad.to_str().expect("path")]);
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.starts_with("error: cannot write the report to "),
        "{err}"
    );
    assert!(err.contains("missing/report.html"), "{err}");
    let bad_date = run(&["report", "--since", "March"]);
    assert_eq!(bad_date.status.code(), Some(2));
}
