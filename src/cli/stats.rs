//! `upright stats`: loads the configuration and the session log, then prints the
//! statistics (see `report::write_stats`).

use std::io::Write;

use chrono::{DateTime, Local};

use crate::error::{Error, Result};
use crate::report::{self, TextOrJson};
use crate::store::config;
use crate::store::paths::Paths;

pub(super) fn run(
    out: &mut dyn Write,
    err: &mut dyn Write,
    paths: &Paths,
    format: TextOrJson,
    now: &DateTime<Local>,
) -> Result<()> {
    let settings =
        config::load(&paths.config_file, paths.config_explicit).map_err(Error::Config)?;
    // Discarded sessions are left out of the figures.
    let history = super::log::load_history(err, paths)?.without_discarded();
    report::write_stats(
        out,
        &history,
        format,
        now,
        settings.session.weekly_goal,
        &paths.data_dir,
    )?;
    Ok(())
}
