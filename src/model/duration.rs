//! Durations as users write and read them: "45s", "1m30s", "2:05".

use std::time::Duration;

/// Parses "45s", "1m30s", "2m", "1h", "90" (seconds) into whole seconds.
/// Returns an explanation of what was expected on failure.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("an empty string is not a duration".into());
    }
    if let Ok(n) = s.parse::<u64>() {
        return Ok(Duration::from_secs(n));
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut seen_units = String::new();
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            number.push(ch);
            continue;
        }
        let scale = match ch {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(format!("unexpected character '{ch}'")),
        };
        if number.is_empty() {
            return Err(format!("'{ch}' must follow a number"));
        }
        if seen_units.contains(ch) {
            return Err(format!("the unit '{ch}' appears twice"));
        }
        let order = ['h', 'm', 's'];
        let pos = order.iter().position(|u| *u == ch).unwrap_or(0);
        if seen_units
            .chars()
            .any(|u| order.iter().position(|o| *o == u).unwrap_or(0) > pos)
        {
            return Err("units must go from largest to smallest (h, m, s)".into());
        }
        seen_units.push(ch);
        let n: u64 = number
            .parse()
            .map_err(|_| format!("the number '{number}' is too large"))?;
        total = n
            .checked_mul(scale)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| "the duration is too large".to_string())?;
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!("'{number}' has no unit (use s, m or h)"));
    }
    Ok(Duration::from_secs(total))
}

/// Formats whole seconds as `M:SS` (or `H:MM:SS` past an hour), rounding up so a
/// countdown shows 0:01 until the very end.
pub fn format_clock(d: Duration) -> String {
    format_clock_secs(d.as_secs() + u64::from(d.subsec_nanos() > 0))
}

/// Formats a number of seconds as `M:SS` or `H:MM:SS`.
pub fn format_clock_secs(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Formats a duration the way a user writes one: "45s", "1m30s", "2m".
pub fn format_short(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// Rounds a duration to whole minutes for estimates ("about 12 min").
pub fn format_minutes(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        return format!("{secs}s");
    }
    let mins = (secs + 30) / 60;
    format!("{mins} min")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_written_forms() {
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("45s"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h2m3s"), Ok(Duration::from_secs(3723)));
        assert_eq!(parse_duration(" 10s "), Ok(Duration::from_secs(10)));
    }

    #[test]
    fn rejects_malformed_forms_with_a_reason() {
        for bad in [
            "",
            "s",
            "10x",
            "1s1m",
            "1m1m",
            "10 s",
            "-5s",
            "1.5s",
            "99999999999999999999s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(
            parse_duration("1s1m"),
            Err("units must go from largest to smallest (h, m, s)".into())
        );
        assert_eq!(parse_duration("30 "), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(5)));
    }

    #[test]
    fn formats_clock_and_short_forms() {
        assert_eq!(format_clock(Duration::from_secs(0)), "0:00");
        assert_eq!(format_clock(Duration::from_secs(65)), "1:05");
        assert_eq!(format_clock(Duration::from_millis(100)), "0:01");
        assert_eq!(format_clock(Duration::from_secs(3725)), "1:02:05");
        assert_eq!(format_short(Duration::from_secs(90)), "1m30s");
        assert_eq!(format_short(Duration::from_secs(0)), "0s");
        assert_eq!(format_short(Duration::from_secs(120)), "2m");
        assert_eq!(format_minutes(Duration::from_secs(750)), "13 min");
    }
}
