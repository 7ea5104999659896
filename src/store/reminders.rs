//! The schedule in `config.toml`: `[[reminder]]` tables and the `[remind]`
//! section, every mistake located with the valid choices. Whether a reminder's
//! routine exists is checked once the library is loaded
//! ([`crate::model::schedule::unknown_routines`]).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::doc::{self, Reader, Value};
use crate::model::limits::DurationRange;
use crate::model::schedule::{
    self, Days, MAX_EVERY, MIN_EVERY, Place, Reminder, Times, parse_day, parse_time_of_day,
    parse_window,
};
use crate::model::settings::Settings;
use crate::model::suggest::nearest;

/// The keys of a `[[reminder]]`.
pub const REMINDER_KEYS: &[&str] = &["routine", "every", "between", "at", "days"];
/// The keys of `[remind]`.
pub const REMIND_KEYS: &[&str] = &["snooze", "max_snoozes", "command"];
/// The most reminders, and the most times in one `at`.
pub const MAX_REMINDERS: usize = 50;
pub const MAX_AT: usize = 48;

const TIME_EXPECTED: &str = "a time of day in double quotes, \"HH:MM\" from \"00:00\" to \"23:59\" (e.g. \"08:00\", \"18:30\")";

/// Reads `[remind]`.
pub fn apply_remind(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, REMIND_KEYS, "[remind]");
    if let Some(d) = t
        .get("snooze")
        .and_then(|v| r.duration(v, "snooze", DurationRange::secs(0, 2 * 3600)))
    {
        settings.remind.snooze = d;
    }
    if let Some(n) = t
        .get("max_snoozes")
        .and_then(|v| r.count(v, "max_snoozes", 0, 10))
    {
        settings.remind.max_snoozes = n;
    }
    if let Some(v) = t.get("command")
        && let Some(command) = command(r, v)
    {
        settings.remind.command = command;
    }
}

/// `command`: a program, or a program and its first arguments; `[]` (or "") for
/// the desktop notification.
fn command(r: &mut Reader<'_, '_>, v: &Value<'_>) -> Option<Vec<String>> {
    let expected = "a program, e.g. \"notify-send\", or a list of the program and its first \
                    arguments, e.g. [\"notify-send\", \"--urgency=low\"]; [] for the desktop \
                    notification";
    match v.get_ref() {
        DeValue::String(s) if s.trim().is_empty() => Some(Vec::new()),
        DeValue::String(s) => Some(vec![s.to_string()]),
        DeValue::Array(items) if items.is_empty() => Some(Vec::new()),
        DeValue::Array(_) => r.strings(v, "command", 1, 4096),
        other => {
            r.error(
                &v.span(),
                format!("\"command\" is {}", doc::type_name(other)),
                expected,
            );
            None
        }
    }
}

/// Reads every `[[reminder]]` table; the schedule is kept only if all are right.
pub fn apply_reminders(settings: &mut Settings, r: &mut Reader<'_, '_>, v: &Value<'_>) {
    let tables = r.tables(v, "reminder", "[[reminder]]");
    if tables.len() > MAX_REMINDERS {
        r.error(
            &tables[MAX_REMINDERS].1,
            format!("{} reminders", tables.len()),
            format!("at most {MAX_REMINDERS} [[reminder]] tables"),
        );
        return;
    }
    let before = r.diags.len();
    let reminders: Vec<Reminder> = tables
        .into_iter()
        .filter_map(|(t, span)| reminder(r, t, &span))
        .collect();
    if r.diags.len() == before && v.get_ref().as_array().is_some() {
        settings.reminders = reminders;
    }
}

fn reminder(r: &mut Reader<'_, '_>, t: &DeTable<'_>, span: &Range<usize>) -> Option<Reminder> {
    r.check_keys(t, REMINDER_KEYS, "[[reminder]]");
    let routine = r
        .required(
            t,
            span,
            "routine",
            "[[reminder]]",
            "\"ROUTINE-ID\" (`upright routines` lists them)",
        )
        .map(|v| (r.id(v, "routine"), v.span()));
    let times = times(r, t, span);
    let days = match t.get("days") {
        Some(v) => days(r, v),
        None => Some(Days::ALL),
    };
    let (Some((Some(routine), at)), Some(times), Some(days)) = (routine, times, days) else {
        return None;
    };
    let (line, column) = r.src.position(at.start);
    Some(Reminder {
        routine,
        times,
        days,
        place: Place {
            path: r.src.path.clone(),
            line,
            column,
        },
    })
}

/// `every` (with an optional `between`) or `at`: exactly one of the two.
fn times(r: &mut Reader<'_, '_>, t: &DeTable<'_>, span: &Range<usize>) -> Option<Times> {
    let choice = "either every = \"2h\" (with between = \"09:00-17:30\" if you like) or \
                  at = [\"08:00\", \"18:30\"]";
    match (t.get("every"), t.get("at")) {
        (Some(_), Some(at)) => {
            r.error(
                &at.span(),
                "a reminder has both \"every\" and \"at\"",
                choice,
            );
            None
        }
        (None, None) => {
            r.error(span, "[[reminder]] is missing \"every\" or \"at\"", choice);
            None
        }
        (None, Some(at)) => {
            if let Some(b) = t.get("between") {
                r.error(
                    &b.span(),
                    "\"between\" goes with \"every\", not with \"at\"",
                    "the times in \"at\" only, or every = \"2h\" with between",
                );
            }
            at_times(r, at).map(Times::At)
        }
        (Some(every), None) => {
            let range = DurationRange {
                min: MIN_EVERY,
                max: MAX_EVERY,
            };
            let interval = r.duration(every, "every", range);
            let window = match t.get("between") {
                Some(b) => Some(window(r, b)?),
                None => None,
            };
            Some(Times::Every {
                interval: interval?,
                window,
            })
        }
    }
}

/// `at`: a time or a list of times, at most [`MAX_AT`].
fn at_times(r: &mut Reader<'_, '_>, v: &Value<'_>) -> Option<Vec<chrono::NaiveTime>> {
    let items: Vec<&Value<'_>> = match v.get_ref() {
        DeValue::String(_) => vec![v],
        DeValue::Array(items) if items.is_empty() => {
            r.error(
                &v.span(),
                "\"at\" is empty",
                "at least one time, e.g. [\"08:00\"]",
            );
            return None;
        }
        DeValue::Array(items) if items.len() > MAX_AT => {
            r.error(
                &v.span(),
                format!("\"at\" has {} times", items.len()),
                format!("at most {MAX_AT} times (or every = \"30m\")"),
            );
            return None;
        }
        DeValue::Array(items) => items.iter().collect(),
        other => {
            r.error(
                &v.span(),
                format!("\"at\" is {}", doc::type_name(other)),
                format!("a list of times, e.g. [\"08:00\", \"18:30\"]; each {TIME_EXPECTED}"),
            );
            return None;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        match time(r, item, "at") {
            Some(t) => out.push(t),
            None => ok = false,
        }
    }
    out.sort();
    out.dedup();
    ok.then_some(out)
}

fn time(r: &mut Reader<'_, '_>, v: &Value<'_>, key: &str) -> Option<chrono::NaiveTime> {
    match v.get_ref() {
        DeValue::String(s) => match parse_time_of_day(s) {
            Ok(t) => Some(t),
            Err(why) => {
                r.error(
                    &v.span(),
                    format!("\"{s}\" in \"{key}\" is not a time of day: {why}"),
                    TIME_EXPECTED,
                );
                None
            }
        },
        other => {
            r.error(
                &v.span(),
                format!("a time in \"{key}\" is {}", doc::type_name(other)),
                TIME_EXPECTED,
            );
            None
        }
    }
}

fn window(r: &mut Reader<'_, '_>, v: &Value<'_>) -> Option<schedule::Window> {
    let expected = "two times of day with a '-' between, the first earlier, in double quotes \
                    (e.g. \"09:00-17:30\")";
    match v.get_ref() {
        DeValue::String(s) => match parse_window(s) {
            Ok(w) => Some(w),
            Err(why) => {
                r.error(
                    &v.span(),
                    format!("\"between\" = \"{s}\" is not a window: {why}"),
                    expected,
                );
                None
            }
        },
        other => {
            r.error(
                &v.span(),
                format!("\"between\" is {}", doc::type_name(other)),
                expected,
            );
            None
        }
    }
}

/// `days`: a list of day names, at least one.
fn days(r: &mut Reader<'_, '_>, v: &Value<'_>) -> Option<Days> {
    let names = Days::NAMES
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let expected = format!(
        "a list of days, e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]; each one of {names}"
    );
    let Some(items) = v.get_ref().as_array() else {
        let t = doc::type_name(v.get_ref());
        r.error(&v.span(), format!("\"days\" is {t}"), expected);
        return None;
    };
    if items.is_empty() {
        r.error(&v.span(), "\"days\" is empty", expected);
        return None;
    }
    let mut days = Some(Days::none());
    for item in items.iter() {
        let day = match item.get_ref() {
            DeValue::String(s) => parse_day(s).ok_or_else(|| {
                let hint = nearest(&s.to_ascii_lowercase(), Days::NAMES.iter().copied())
                    .map(|n| format!(" (did you mean \"{n}\"?)"))
                    .unwrap_or_default();
                format!("unknown day \"{s}\"{hint}")
            }),
            other => Err(format!("a day in \"days\" is {}", doc::type_name(other))),
        };
        match day {
            Ok(d) => days = days.map(|all| all.with(d)),
            Err(message) => {
                r.error(&item.span(), message, format!("one of {names}"));
                days = None;
            }
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::super::config::{apply, defaults};
    use super::super::diag::SourceText;
    use super::*;
    use std::time::Duration;

    fn read(text: &str) -> (Settings, Vec<String>) {
        let mut s = defaults();
        let diags = apply(&mut s, &SourceText::new("c.toml", text));
        (s, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_schedule_of_every_and_at_reminders() {
        let (s, diags) = read(
            "[[reminder]]\nroutine = \"desk-break\"\nevery = \"2h\"\nbetween = \"09:00-17:30\"\n\
             days = [\"mon\", \"Tue\", \"wednesday\"]\n\n\
             [[reminder]]\nroutine = \"full\"\nat = [\"18:30\", \"08:00\"]\n\n\
             [remind]\nsnooze = \"5m\"\nmax_snoozes = 3\ncommand = [\"notify-send\", \"-u\", \"low\"]\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.reminders.len(), 2);
        let desk = &s.reminders[0];
        assert_eq!(desk.routine, "desk-break");
        assert_eq!(
            (desk.place.line, desk.place.column, desk.place.path.as_str()),
            (2, 11, "c.toml")
        );
        assert!(matches!(
            desk.times,
            Times::Every { interval, window: Some(_) } if interval == Duration::from_secs(7200)
        ));
        assert!(desk.days.contains(chrono::Weekday::Wed));
        assert!(!desk.days.contains(chrono::Weekday::Thu));
        let Times::At(at) = &s.reminders[1].times else {
            panic!("at times")
        };
        assert_eq!(at.len(), 2);
        assert!(at[0] < at[1], "sorted");
        assert_eq!(s.reminders[1].days, Days::ALL);
        assert_eq!(s.remind.snooze, Duration::from_secs(300));
        assert_eq!(s.remind.max_snoozes, 3);
        assert_eq!(s.remind.command, ["notify-send", "-u", "low"]);
    }

    #[test]
    fn the_defaults_schedule_nothing_and_repeat_twice() {
        let s = defaults();
        assert!(s.reminders.is_empty());
        assert_eq!(s.remind.snooze, Duration::from_secs(600));
        assert_eq!(s.remind.max_snoozes, 2);
        assert!(s.remind.command.is_empty());
    }

    #[test]
    fn every_mistake_is_located_with_the_choices() {
        let (s, diags) = read(
            "[[reminder]]\nroutine = \"Desk Break\"\nevery = \"1m\"\n\n\
             [[reminder]]\nroutine = \"full\"\nat = [\"25:00\", 8]\nbetween = \"09:00-10:00\"\n\n\
             [[reminder]]\nroutine = \"full\"\nevery = \"1h\"\nat = \"08:00\"\n\n\
             [[reminder]]\nroutine = \"full\"\n\n\
             [[reminder]]\nevery = \"1h\"\nbetween = \"17:00-09:00\"\ndays = [\"mon\", \"fry\"]\nwhen = 1\n",
        );
        assert!(s.reminders.is_empty(), "a wrong schedule is not used");
        let expected = [
            "c.toml:2:11: \"Desk Break\" is not a valid id",
            "c.toml:3:9: \"every\" = \"1m\" is too short",
            "c.toml:7:7: \"25:00\" in \"at\" is not a time of day: the hour \"25\" is not from 0 to 23",
            "c.toml:7:16: a time in \"at\" is an integer",
            "c.toml:8:11: \"between\" goes with \"every\", not with \"at\"",
            "c.toml:13:6: a reminder has both \"every\" and \"at\"",
            "c.toml:15:1: [[reminder]] is missing \"every\" or \"at\"",
            "c.toml:18:1: [[reminder]] is missing \"routine\"",
            "c.toml:20:11: \"between\" = \"17:00-09:00\" is not a window",
            "c.toml:21:16: unknown day \"fry\" (did you mean \"fri\"?)",
            "c.toml:22:1: unknown key \"when\" in [[reminder]]",
        ];
        assert_eq!(diags.len(), expected.len(), "{diags:#?}");
        for (d, e) in diags.iter().zip(expected) {
            assert!(d.starts_with(e), "{d}\n  does not start with\n{e}");
            assert!(d.contains("\n  expected: "), "{d}");
        }
    }

    #[test]
    fn remind_values_out_of_range_and_a_single_table() {
        let (_, diags) = read(
            "[reminder]\nroutine = \"full\"\n\n[remind]\nsnooze = \"3h\"\nmax_snoozes = 11\ncommand = 5\nloud = true\n",
        );
        let firsts: Vec<&str> = diags
            .iter()
            .map(|d| d.lines().next().unwrap_or_default())
            .collect();
        assert_eq!(
            firsts,
            [
                "c.toml:1:1: \"reminder\" is a table",
                "c.toml:5:10: \"snooze\" = \"3h\" is too long",
                "c.toml:6:15: \"max_snoozes\" = 11 is too large",
                "c.toml:7:11: \"command\" is an integer",
                "c.toml:8:1: unknown key \"loud\" in [remind]",
            ]
        );
        assert!(
            diags[0].contains("expected: [[reminder]] tables"),
            "{}",
            diags[0]
        );
    }
}
