//! `upright log`: loads the configuration and the session log, then prints the
//! sessions in the chosen format (see `report`).

use std::io::Write;

use std::path::Path;

use chrono::{DateTime, Local, NaiveDate};

use crate::error::{Error, Result};
use crate::model::diagnostic::Diagnostic;
use crate::model::history::History;
use crate::model::words::plural;
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
        data_dir: &paths.data_dir,
    };
    report::write_log(out, &history, &report, now)?;
    Ok(())
}

/// Loads every log of the data dir as one history (copying bad lines to each
/// file's .corrupt file) and prints a warning for each line set aside and each
/// log that cannot be read. Only when no log can be read at all is it a data
/// failure naming them.
pub(super) fn load_history(err: &mut dyn Write, paths: &Paths) -> Result<History> {
    let (history, set) = log::set::load_all(&paths.data_dir);
    if set.logs.is_empty() && !set.failed.is_empty() {
        return Err(Error::Data(
            set.failed
                .iter()
                .map(|(path, why)| Diagnostic::whole_file(&path.display().to_string(), why.clone()))
                .collect(),
        ));
    }
    for w in set.warnings() {
        let _ = writeln!(err, "warning: {w}");
    }
    Ok(history)
}

/// `upright log import FILE`: merges FILE into this machine's log and says what
/// was added and skipped; lines it could not read and events that conflict with
/// the history are named on standard error.
pub(super) fn import(
    out: &mut dyn Write,
    err: &mut dyn Write,
    paths: &Paths,
    file: &Path,
) -> Result<()> {
    let settings = super::load_settings(paths).map_err(Error::Config)?;
    let host = super::host(&settings)?;
    let own = paths.log_file(&host);
    let done = log::import::import(file, &paths.data_dir, &own).map_err(|e| {
        Error::Data(vec![Diagnostic::whole_file(
            &file.display().to_string(),
            e.to_string(),
        )])
    })?;
    for s in &done.set_aside {
        let _ = writeln!(
            err,
            "warning: {}:{}: line not imported ({})",
            file.display(),
            s.line,
            s.reason
        );
    }
    for c in &done.conflicts {
        let _ = writeln!(
            err,
            "warning: {}:{}: not imported: the {} differs from the one at {}:{}",
            file.display(),
            c.line,
            c.key.describe(),
            c.theirs.0.display(),
            c.theirs.1
        );
    }
    write!(out, "{}", import_report(&done))?;
    Ok(())
}

/// What an import says: where to, what was added, what skipped and why.
fn import_report(done: &log::import::Imported) -> String {
    let sessions = |n: usize| plural(n as u64, "session", "sessions");
    let events = |n: usize| plural(n as u64, "event", "events");
    let mut text = format!(
        "Imported {} into {}\n  added    {}, {}",
        done.file.display(),
        done.into.display(),
        sessions(done.sessions_added),
        events(done.events_added)
    );
    if done.sessions_extended > 0 {
        let word = if done.sessions_extended == 1 {
            "was"
        } else {
            "were"
        };
        text.push_str(&format!(
            " ({} of them {word} in the history already)",
            done.sessions_extended
        ));
    }
    text.push_str(&format!(
        "\n  skipped  {}, {} (already in the history)\n",
        sessions(done.sessions_skipped),
        events(done.events_skipped - done.conflicts.len())
    ));
    if !done.conflicts.is_empty() {
        text.push_str(&format!(
            "  not imported  {} that differ from the history's (see the warnings)\n",
            events(done.conflicts.len())
        ));
    }
    if !done.set_aside.is_empty() {
        text.push_str(&format!(
            "  unreadable  {} (see the warnings)\n",
            plural(done.set_aside.len() as u64, "line", "lines")
        ));
    }
    text
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
