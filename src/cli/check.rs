//! `upright check`: validates the configuration, the exercises and routines, and
//! the session log, and reports every problem found in any of them at once.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::duration::format_short;
use crate::store::check::check_logs;
use crate::store::library;
use crate::store::paths::Paths;

pub(super) fn run(out: &mut dyn Write, paths: &Paths) -> Result<()> {
    let settings = super::load_settings(paths);
    let catalog = library::load(Some(&paths.config_dir));
    // The host id names this machine's log; a bad UPRIGHT_HOST is reported with
    // the configuration's problems.
    let host = settings
        .as_ref()
        .ok()
        .map(|s| crate::store::host::this_machine(&s.data));
    let own = match &host {
        Some(Ok((id, _))) => paths.log_file(id),
        _ => paths.log_file(crate::model::host::FALLBACK),
    };
    let settings = match host {
        Some(Err(d)) => Err(vec![d]),
        _ => settings,
    };
    let log = check_logs(&paths.data_dir, &own);
    let log_problems = log.as_ref().err().cloned().unwrap_or_default();
    let (settings, catalog) = super::both(settings, catalog, log_problems)?;
    let log = log.map_err(Error::Data)?;
    let steps: usize = catalog.routines().map(|r| r.steps.len()).sum();
    let user_files = [
        paths.config_file.clone(),
        paths.exercises_file(),
        paths.routines_file(),
    ]
    .iter()
    .filter(|p| p.exists())
    .count();
    writeln!(
        out,
        "ok: configuration, {} exercises, {} routines ({} steps) checked; {} user file{} read; weekly goal {}, default rest {}{}; {log}",
        catalog.exercises().len(),
        catalog.routines().len(),
        steps,
        user_files,
        if user_files == 1 { "" } else { "s" },
        settings.session.weekly_goal,
        format_short(settings.timer.rest),
        match settings.reminders.len() {
            0 => String::new(),
            1 => ", 1 reminder".to_string(),
            n => format!(", {n} reminders"),
        },
    )?;
    for note in &log.notes {
        writeln!(out, "note: {note}")?;
    }
    Ok(())
}
