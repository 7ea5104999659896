//! `upright report`: loads the configuration and the session log, then writes
//! the HTML report (see `report::html`) to standard output or, atomically, to a
//! file.

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Local, NaiveDate};

use crate::error::{Error, Result};
use crate::report::html::{HtmlReport, write_html};
use crate::store::atomic::write_atomic;
use crate::store::config;
use crate::store::paths::Paths;

/// What the command line asked for.
pub(super) struct Args {
    pub since: Option<NaiveDate>,
    /// Where to write it; standard output without one.
    pub output: Option<PathBuf>,
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
    // Discarded sessions are left out, as in History and Stats.
    let history = super::log::load_history(err, paths)?.into_without_discarded();
    let report = HtmlReport {
        since: args.since,
        weekly_goal: settings.session.weekly_goal,
        data_dir: &paths.data_dir,
        version: env!("UPRIGHT_VERSION"),
    };
    let mut page = Vec::new();
    write_html(&mut page, &history, &report, now)?;
    match args.output {
        None => out.write_all(&page)?,
        // All of it or nothing: a reader never sees half a report.
        Some(path) => write_atomic(&path, &page).map_err(|e| {
            Error::Runtime(format!(
                "cannot write the report to {}: {e}",
                path.display()
            ))
        })?,
    }
    Ok(())
}
