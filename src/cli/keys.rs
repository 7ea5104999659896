//! `upright keys`: every action with its keys in each view, and where a key was
//! set when it came from the user's `[keys]`.

use std::io::Write;

use crate::app::keymap::Keymap;
use crate::error::{Error, Result};
use crate::model::settings::Settings;
use crate::report::table::table;
use crate::store::paths::Paths;

pub(super) fn run(out: &mut dyn Write, paths: &Paths) -> Result<()> {
    let settings = super::load_settings(paths).map_err(Error::Config)?;
    write(out, &settings)
}

fn write(out: &mut dyn Write, settings: &Settings) -> Result<()> {
    let keymap = Keymap::from_settings(settings).map_err(Error::Config)?;
    let rows: Vec<[String; 5]> = keymap
        .bindings()
        .map(|(ctx, action, keys)| {
            let names: Vec<String> = keys.iter().map(|k| k.name()).collect();
            let from = settings
                .keys
                .iter()
                .find(|b| b.action == action.name())
                .map_or_else(String::new, |b| format!("set at {}", b.origin));
            [
                ctx.title().to_string(),
                action.name().to_string(),
                names.join(", "),
                action.label().to_string(),
                from,
            ]
        })
        .collect();
    table(out, ["VIEW", "ACTION", "KEYS", "DOES", "FROM"], &rows, &[])?;
    writeln!(
        out,
        "\nRebind an action in config.toml, e.g.\n  [keys]\n  pause = [\"space\", \"s\"]"
    )?;
    Ok(())
}
