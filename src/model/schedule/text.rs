//! The schedule's words: times of day, windows and day names as written in
//! config.toml, and how long ago or how long for, as shown to the user.

use chrono::{NaiveTime, Weekday};

use super::{Days, Window};

/// A time of day as written: "HH:MM" or "HH:MM:SS" (one-digit hours too).
pub fn parse_time_of_day(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return Err("write it as hours and minutes, e.g. \"08:00\" or \"18:30\"".into());
    }
    let number = |s: &str, what: &str, max: u32| -> Result<u32, String> {
        let ok = !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        match s.parse::<u32>() {
            Ok(n) if ok && n <= max => Ok(n),
            _ => Err(format!("{what} \"{s}\" is not from 0 to {max}")),
        }
    };
    let hours = number(parts[0], "the hour", 23)?;
    if parts[1].len() != 2 {
        return Err(format!("the minutes \"{}\" are not two digits", parts[1]));
    }
    let minutes = number(parts[1], "the minute", 59)?;
    let seconds = match parts.get(2) {
        Some(s) if s.len() == 2 => number(s, "the second", 59)?,
        Some(s) => return Err(format!("the seconds \"{s}\" are not two digits")),
        None => 0,
    };
    NaiveTime::from_hms_opt(hours, minutes, seconds).ok_or_else(|| "not a time of day".into())
}

/// A window as written: "09:00-17:30", the start before the end.
pub fn parse_window(text: &str) -> Result<Window, String> {
    let Some((a, b)) = text.split_once('-') else {
        return Err("write it as two times with a '-' between, e.g. \"09:00-17:30\"".into());
    };
    let start = parse_time_of_day(a).map_err(|e| format!("its start: {e}"))?;
    let end = parse_time_of_day(b).map_err(|e| format!("its end: {e}"))?;
    if end <= start {
        return Err("it ends before it starts (a window cannot run past midnight)".into());
    }
    Ok(Window { start, end })
}

/// A day name: "mon" ... "sun", or written out ("monday"), in any case.
pub fn parse_day(text: &str) -> Option<Weekday> {
    let t = text.trim().to_ascii_lowercase();
    let full = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let i = Days::NAMES
        .iter()
        .position(|n| *n == t)
        .or_else(|| full.iter().position(|n| *n == t))?;
    Weekday::try_from(u8::try_from(i).ok()?).ok()
}

/// How long something has been due, for a status bar: "now" (under a minute),
/// "45m", "2h10m".
pub fn format_due_for(secs: i64) -> String {
    let mins = secs.max(0) / 60;
    match (mins / 60, mins % 60) {
        (0, 0) => "now".to_string(),
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

/// How long ago, in words: "just now", "5 minutes ago", "1 hour ago",
/// "3 hours ago", "2 days ago".
pub fn format_ago(secs: i64) -> String {
    let secs = secs.max(0);
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    if secs < 60 {
        "just now".to_string()
    } else if secs < 3600 {
        plural(secs / 60, "minute")
    } else if secs < 48 * 3600 {
        plural(secs / 3600, "hour")
    } else {
        plural(secs / 86_400, "day")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).expect("time")
    }

    #[test]
    fn times_of_day_are_hours_and_minutes_with_optional_seconds() {
        assert_eq!(parse_time_of_day("08:00"), Ok(t(8, 0, 0)));
        assert_eq!(parse_time_of_day("8:05"), Ok(t(8, 5, 0)));
        assert_eq!(parse_time_of_day(" 18:30:15 "), Ok(t(18, 30, 15)));
        assert_eq!(parse_time_of_day("23:59"), Ok(t(23, 59, 0)));
        for bad in [
            "24:00", "8", "8h", "08:0", "08:60", "-1:00", "08:00:0", "", "1:2:3:4",
        ] {
            assert!(parse_time_of_day(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_time_of_day("25:00"),
            Err("the hour \"25\" is not from 0 to 23".to_string())
        );
    }

    #[test]
    fn windows_run_forward_within_a_day() {
        assert_eq!(
            parse_window("09:00-17:30"),
            Ok(Window {
                start: t(9, 0, 0),
                end: t(17, 30, 0)
            })
        );
        assert!(parse_window("17:30-09:00").is_err());
        assert!(parse_window("09:00").is_err());
        assert!(
            parse_window("09:00-25:00")
                .unwrap_err()
                .starts_with("its end:")
        );
    }

    #[test]
    fn day_names_short_or_long_in_any_case() {
        assert_eq!(parse_day("mon"), Some(Weekday::Mon));
        assert_eq!(parse_day("Sunday"), Some(Weekday::Sun));
        assert_eq!(parse_day("FRI"), Some(Weekday::Fri));
        assert_eq!(parse_day("mo"), None);
    }

    #[test]
    fn durations_and_ages_in_words() {
        assert_eq!(format_due_for(59), "now");
        assert_eq!(format_due_for(45 * 60), "45m");
        assert_eq!(format_due_for(2 * 3600 + 10 * 60 + 59), "2h10m");
        assert_eq!(format_due_for(3 * 3600), "3h");
        assert_eq!(format_ago(10), "just now");
        assert_eq!(format_ago(60), "1 minute ago");
        assert_eq!(format_ago(3 * 3600 + 5), "3 hours ago");
        assert_eq!(format_ago(3600), "1 hour ago");
        assert_eq!(format_ago(30 * 3600), "30 hours ago");
        assert_eq!(format_ago(3 * 86_400), "3 days ago");
    }
}
