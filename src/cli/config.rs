//! `upright config path` and `upright config default`.

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::store::config::{self as config_file, DEFAULT_CONFIG};
use crate::store::host;
use crate::store::paths::{CACHE_ENV, CONFIG_ENV, DATA_ENV};

use super::Cli;

/// Where each file is read from, whether it exists, and which setting chose it.
pub(super) fn path(out: &mut dyn Write, cli: &Cli) -> Result<()> {
    let (p, cs, ds) = cli.paths();
    let state = |path: &Path| if path.exists() { "" } else { " (not present)" };
    let cfg_from = if p.config_explicit {
        "from --config".to_string()
    } else {
        cs.describe("--config-dir", CONFIG_ENV)
    };
    writeln!(
        out,
        "config dir   {}  [{}]",
        p.config_dir.display(),
        cs.describe("--config-dir", CONFIG_ENV)
    )?;
    writeln!(
        out,
        "config       {}{}  [{}]",
        p.config_file.display(),
        state(&p.config_file),
        cfg_from
    )?;
    writeln!(
        out,
        "exercises    {}{}",
        p.exercises_file().display(),
        state(&p.exercises_file())
    )?;
    writeln!(
        out,
        "routines     {}{}",
        p.routines_file().display(),
        state(&p.routines_file())
    )?;
    writeln!(
        out,
        "data dir     {}  [{}]",
        p.data_dir.display(),
        ds.describe("--data-dir", DATA_ENV)
    )?;
    // The host id names this machine's log; the config is read for [data] host
    // even if other parts of it have problems (`upright check` reports them).
    let (settings, _) = config_file::load_report(&p.config_file, p.config_explicit);
    match host::this_machine(&settings.data) {
        Ok((id, from)) => {
            writeln!(out, "host         {id}  [{}]", from.describe())?;
            let own = p.log_file(&id);
            writeln!(out, "session log  {}{}", own.display(), state(&own))?;
            let others = p.log_files().into_iter().filter(|f| *f != own).count();
            if others > 0 {
                writeln!(
                    out,
                    "other logs   {others} more sessions*.jsonl in the data dir, read too"
                )?;
            }
        }
        Err(d) => writeln!(out, "host         {d}")?,
    }
    let cache_from = match std::env::var_os(CACHE_ENV) {
        Some(v) if !v.is_empty() => format!("from ${CACHE_ENV}"),
        _ => "platform default".to_string(),
    };
    writeln!(
        out,
        "cache dir    {}  [{cache_from}]",
        p.cache_dir.display()
    )?;
    Ok(())
}

/// The default configuration: a commented config.toml.
pub(super) fn default(out: &mut dyn Write) -> Result<()> {
    out.write_all(DEFAULT_CONFIG.as_bytes())?;
    Ok(())
}
