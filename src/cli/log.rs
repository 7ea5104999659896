//! `upright log`: loads the configuration and the session log, then prints the
//! sessions in the chosen format (see `report`).

use std::io::Write;

use chrono::{DateTime, Local, NaiveDate};

use crate::error::{Error, Result};
use crate::model::diagnostic::Diagnostic;
use crate::model::history::History;
use crate::report::{self, LogFormat, LogReport};
use crate::store::paths::Paths;
use crate::store::{config, log};

/// What the command line asked for.
pub(super) struct Args {
    pub format: LogFormat,
    pub since: Option<NaiveDate>,
    /// Also the sessions the user discarded.
    pub all: bool,
}

/// Parses `--since`: a local date, YYYY-MM-DD.
pub(super) fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("expected a date as YYYY-MM-DD, e.g. 2024-03-01 ({e})"))
}

pub(super) fn run(
    out: &mut dyn Write,
    err: &mut dyn Write,
    paths: &Paths,
    args: Args,
    now: &DateTime<Local>,
) -> Result<()> {
    let settings =
        config::load(&paths.config_file, paths.config_explicit).map_err(Error::Config)?;
    let mut history = load_history(err, paths)?;
    if !args.all {
        history = history.without_discarded();
    }
    let report = LogReport {
        format: args.format,
        since: args.since,
        weekly_goal: settings.session.weekly_goal,
        log_path: &paths.log_file(),
    };
    report::write_log(out, &history, &report, now)?;
    Ok(())
}

/// Loads the log (copying bad lines to .corrupt) and prints a warning for each line
/// set aside. A log that cannot be read at all is a data failure naming the path.
pub(super) fn load_history(err: &mut dyn Write, paths: &Paths) -> Result<History> {
    let path = paths.log_file();
    let (history, log) = log::load_history(&path).map_err(|e| {
        Error::Data(vec![Diagnostic::whole_file(
            &path.display().to_string(),
            e.to_string(),
        )])
    })?;
    for w in log.warnings() {
        let _ = writeln!(err, "warning: {w}");
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_calendar_date() {
        assert_eq!(
            parse_date(" 2024-03-01 "),
            Ok(NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"))
        );
        let e = parse_date("1 March").unwrap_err();
        assert!(
            e.starts_with("expected a date as YYYY-MM-DD, e.g. 2024-03-01 ("),
            "{e}"
        );
        assert!(parse_date("2024-02-30").is_err());
    }
}
