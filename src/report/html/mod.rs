//! `upright report`: one self-contained HTML page for a physiotherapist. The
//! period, adherence week by week against the goal, the weekly pain averages,
//! the heatmap of the days exercised, each exercise with its levels and bests
//! over time, every set that hurt and every note. No script, no font, no image
//! or style fetched from anywhere: the styles are inlined and the pictures are
//! inline SVG (see `svg`), and it prints on A4.

mod sections;
mod svg;

use std::io::{self, Write};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone};

use crate::model::history::{History, week_start};
use crate::model::words::{plural, printable};

/// The report's style sheet, inlined into the page.
const CSS: &str = include_str!("report.css");

/// What `upright report` was asked for.
pub struct HtmlReport<'a> {
    /// The first local day reported; by default the day of the first session.
    pub since: Option<NaiveDate>,
    pub weekly_goal: u32,
    /// Where the logs are kept: named when there is nothing to show, so the
    /// reader knows where to look.
    pub data_dir: &'a std::path::Path,
    /// The version of upright that wrote it, in the footer.
    pub version: &'a str,
}

/// The days a report covers: from its first day to today.
#[derive(Debug, Clone, Copy)]
pub(super) struct Period {
    pub first: NaiveDate,
    pub today: NaiveDate,
}

impl Period {
    fn days(&self) -> i64 {
        (self.today - self.first).num_days() + 1
    }

    /// Monday-based weeks from the first day's to today's, both counted.
    fn weeks(&self) -> u32 {
        let span = (week_start(self.today) - week_start(self.first)).num_days() / 7 + 1;
        u32::try_from(span.max(1)).unwrap_or(u32::MAX)
    }

    /// Calendar months from the first day's to today's, both counted.
    fn months(&self) -> u32 {
        let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        u32::try_from((index(self.today) - index(self.first) + 1).max(1)).unwrap_or(u32::MAX)
    }
}

/// Writes the report of `history` (without discarded sessions) as of `now`,
/// local days in `now`'s time zone.
pub fn write_html<Tz: TimeZone>(
    out: &mut dyn Write,
    history: &History,
    report: &HtmlReport<'_>,
    now: &DateTime<Tz>,
) -> io::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let tz = now.timezone();
    let today = now.date_naive();
    let shown = match report.since {
        Some(d) => history.since(d, &tz),
        None => history.clone(),
    };
    let first = report
        .since
        .or_else(|| shown.sessions().first().map(|s| s.local_date(&tz)))
        .unwrap_or(today)
        .min(today);
    let period = Period { first, today };
    let mut page = String::with_capacity(64 * 1024);
    head(&mut page, &period);
    if shown.sessions().is_empty() {
        let text = match report.since {
            Some(d) => format!("No sessions since {d}."),
            None => format!(
                "No sessions logged yet (the logs are kept in {}).",
                report.data_dir.display()
            ),
        };
        page.push_str(&format!("<p>{}</p>\n", escape(&text)));
    } else {
        let context = sections::Context {
            full: history,
            shown: &shown,
            period,
            goal: report.weekly_goal,
        };
        sections::summary(&mut page, &context, now);
        sections::adherence(&mut page, &context, now);
        sections::pain(&mut page, &context, &tz);
        sections::heatmap(&mut page, &context, now);
        sections::exercises(&mut page, &context, &tz);
        sections::hurts(&mut page, &context, &tz);
        sections::notes(&mut page, &context, &tz);
    }
    foot(&mut page, report, now);
    out.write_all(page.as_bytes())
}

/// The document's start: the style sheet, the title and the period.
fn head(page: &mut String, period: &Period) {
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(&format!(
        "<title>Exercise report, {} to {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        period.first, period.today
    ));
    page.push_str("<header>\n<h1>Exercise report</h1>\n");
    page.push_str(&format!(
        "<p><strong>{} to {}</strong> ({}, {})</p>\n",
        long_date(period.first),
        long_date(period.today),
        plural(period.days().max(0) as u64, "day", "days"),
        plural(period.weeks(), "week", "weeks")
    ));
    page.push_str(
        "<p class=\"muted\">Upper-back, neck and shoulder exercise sessions recorded with upright. \
         Pain is self-reported from 0 (none) to 10 (worst imaginable), before and after each session. \
         Sessions the user discarded are left out.</p>\n</header>\n",
    );
}

fn foot<Tz: TimeZone>(page: &mut String, report: &HtmlReport<'_>, now: &DateTime<Tz>)
where
    Tz::Offset: std::fmt::Display,
{
    page.push_str(&format!(
        "<footer>Written by upright {} on {}.</footer>\n</body>\n</html>\n",
        escape(report.version),
        now.format("%-d %B %Y at %H:%M (UTC%:z)")
    ));
}

/// "Monday 2 March 2026".
fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// "2 Mar 2026".
fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Text made safe inside an element or an attribute's quotes: markup
/// characters as entities, a line break or tab as a space, any other control
/// character written out as `model::words::printable` does (so nothing in a
/// note can act on a terminal the page is printed to).
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&printable(&c.to_string())),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(
            escape("one\ntwo\tthree\u{1b}[2J"),
            "one two three\\u{1b}[2J"
        );
    }

    #[test]
    fn a_period_counts_its_days_weeks_and_months() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("a date");
        // Sunday 1 March to Monday 30 March 2026.
        let p = Period {
            first: d("2026-03-01"),
            today: d("2026-03-30"),
        };
        assert_eq!(p.days(), 30);
        assert_eq!(p.weeks(), 6, "the week of Sunday 1 March is the first");
        assert_eq!(p.months(), 1);
        let p = Period {
            first: d("2025-01-31"),
            today: d("2026-03-30"),
        };
        assert_eq!(p.months(), 15, "January 2025 to March 2026");
        let one = Period {
            first: d("2026-03-30"),
            today: d("2026-03-30"),
        };
        assert_eq!((one.days(), one.weeks(), one.months()), (1, 1, 1));
    }
}
