//! `upright routines`: id, name, steps and estimated duration of every routine.

use std::io::{self, Write};

use crate::error::Result;
use crate::model::catalog::{Catalog, Origin, estimate};
use crate::model::duration::format_minutes;
use crate::model::settings::Settings;
use crate::report::table::table;
use crate::store::paths::Paths;

pub(super) fn run(out: &mut dyn Write, paths: &Paths) -> Result<()> {
    let (settings, catalog) = super::load_all(paths)?;
    Ok(write(out, &catalog, &settings)?)
}

/// The name, marked when the user's file changed or added the entry.
pub(super) fn marked_name(name: &str, origin: Option<Origin>) -> String {
    match origin {
        Some(Origin::Customised) => format!("{name} (customised)"),
        Some(Origin::User) => format!("{name} (yours)"),
        _ => name.to_string(),
    }
}

fn write(out: &mut dyn Write, catalog: &Catalog, settings: &Settings) -> io::Result<()> {
    let rows: Vec<[String; 4]> = catalog
        .routines()
        .map(|r| {
            let steps = catalog.resolve(r, &|_| None);
            [
                r.id.clone(),
                marked_name(&r.name, catalog.routine_origin(&r.id)),
                r.steps.len().to_string(),
                format!(
                    "about {}",
                    format_minutes(estimate(&steps, &settings.timer))
                ),
            ]
        })
        .collect();
    table(out, ["ID", "NAME", "STEPS", "ESTIMATED"], &rows, &[2])
}
