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
    // The library as it is now, to say which logged levels no longer exist (a
    // library that cannot be read is `upright check`'s to report).
    let catalog = crate::store::library::load(Some(&paths.config_dir)).ok();
    let levels_now = |id: &str| {
        catalog
            .as_ref()
            .and_then(|c| c.exercises().find(|e| e.id == id))
            .map(|e| e.levels.len())
    };
    report::write_stats(
        out,
        &history,
        format,
        now,
        settings.session.weekly_goal,
        &paths.data_dir,
        &levels_now,
    )?;
    Ok(())
}
