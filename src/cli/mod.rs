//! The command line: parsing, and the non-interactive subcommands. Output goes to
//! any writer so tests can read it.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::keymap::Keymap;
use crate::model::catalog::{Catalog, Origin, estimate};
use crate::model::diagnostic::Diagnostic;
use crate::model::duration::{format_minutes, format_short};
use crate::model::settings::Settings;
use crate::store::diag::{render_all, sort_diagnostics};
use crate::store::paths::{self, Paths};
use crate::store::{config, library};

/// Exit codes (see DESIGN.md, "Command line").
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const DATA: i32 = 65;
    pub const CONFIG: i32 = 78;
}

#[derive(Debug, Parser)]
#[command(
    name = "upright",
    version,
    about = "A terminal coach for upper-back, neck and shoulder exercise routines",
    long_about = "A terminal coach for upper-back, neck and shoulder exercise routines.\n\n\
                  Run with no command to open the full-screen app at the routine picker."
)]
pub struct Cli {
    /// Read config.toml, exercises.toml and routines.toml from DIR
    /// [env: UPRIGHT_CONFIG_DIR]
    #[arg(long, value_name = "DIR", global = true)]
    pub config_dir: Option<PathBuf>,
    /// Keep the session log in DIR [env: UPRIGHT_DATA_DIR]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Read the configuration from FILE instead of config.toml in the config dir
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app straight into a session of ROUTINE (an id from `upright routines`)
    Start { routine: String },
    /// List routines: id, name, steps, estimated duration
    Routines,
    /// List exercises: id, name, kind, levels
    Exercises,
    /// Validate the configuration, exercises, routines and session log
    Check,
    /// List past sessions (text newest first; json, csv and markdown oldest first)
    Log {
        #[arg(long, value_enum, default_value_t = crate::report::LogFormat::Text)]
        format: crate::report::LogFormat,
        /// Only sessions started on or after DATE (YYYY-MM-DD, local time)
        #[arg(long, value_name = "DATE", value_parser = crate::report::parse_date)]
        since: Option<chrono::NaiveDate>,
    },
    /// Show streak, weekly adherence, time, personal bests, levels and pain trend
    Stats {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// List every action with its keys in each view (after your [keys])
    Keys,
    /// Show where files are read from, or print the default configuration
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where each file is read from
    Path,
    /// Print the default configuration (a commented config.toml)
    Default,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}

/// Why a command failed, and so which exit code it gets.
#[derive(Debug)]
pub enum Failure {
    /// A data file (exercises, routines, log) that cannot be used.
    Data(Vec<Diagnostic>),
    /// The configuration cannot be used.
    Config(Vec<Diagnostic>),
    /// Anything else that went wrong at run time.
    Runtime(String),
    /// The command line names something that does not exist.
    Usage(String),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Data(_) => exit::DATA,
            Failure::Config(_) => exit::CONFIG,
            Failure::Runtime(_) => exit::FAILURE,
            Failure::Usage(_) => exit::USAGE,
        }
    }

    pub fn render(&self) -> String {
        match self {
            Failure::Data(d) | Failure::Config(d) => render_all(d),
            Failure::Runtime(m) => format!("error: {m}\n"),
            Failure::Usage(m) => format!("error: {m}\n"),
        }
    }
}

impl Cli {
    pub fn paths(&self) -> (Paths, paths::Source, paths::Source) {
        paths::resolve(
            self.config_dir.as_deref(),
            self.data_dir.as_deref(),
            self.config.as_deref(),
            &|k| std::env::var_os(k),
        )
    }
}

/// Loads the configuration and checks its `[keys]` too, reporting every problem.
pub fn load_settings(paths: &Paths) -> Result<Settings, Vec<Diagnostic>> {
    let (settings, mut diags) = config::load_report(&paths.config_file, paths.config_explicit);
    if let Err(keys) = Keymap::from_settings(&settings) {
        diags.extend(keys);
    }
    if diags.is_empty() {
        Ok(settings)
    } else {
        sort_diagnostics(&mut diags);
        Err(diags)
    }
}

/// Loads settings and library, mapping problems to the right failure.
pub fn load_all(paths: &Paths) -> Result<(Settings, Catalog), Failure> {
    let settings = load_settings(paths).map_err(Failure::Config)?;
    let catalog = library::load(Some(&paths.config_dir)).map_err(Failure::Data)?;
    Ok((settings, catalog))
}

/// `upright routines`
pub fn list_routines(
    out: &mut dyn Write,
    catalog: &Catalog,
    settings: &Settings,
) -> std::io::Result<()> {
    let rows: Vec<[String; 4]> = catalog
        .routines()
        .map(|r| {
            let steps = catalog.resolve(r, &|_| None);
            let mut name = r.name.clone();
            match catalog.routine_origin(&r.id) {
                Some(Origin::Customised) => name.push_str(" (customised)"),
                Some(Origin::User) => name.push_str(" (yours)"),
                _ => {}
            }
            [
                r.id.clone(),
                name,
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

/// `upright exercises`: a row per exercise, then one indented line per level.
pub fn list_exercises(out: &mut dyn Write, catalog: &Catalog) -> std::io::Result<()> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut levels: Vec<Vec<String>> = Vec::new();
    for e in catalog.exercises() {
        let mut name = e.name.clone();
        match catalog.exercise_origin(&e.id) {
            Some(Origin::Customised) => name.push_str(" (customised)"),
            Some(Origin::User) => name.push_str(" (yours)"),
            _ => {}
        }
        rows.push([
            e.id.clone(),
            name,
            e.kind.as_str().to_string(),
            e.levels.len().to_string(),
        ]);
        levels.push(
            e.levels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("    {}. {}: {}", i + 1, l.name, l.describe()))
                .collect(),
        );
    }
    let mut buf = Vec::new();
    table(&mut buf, ["ID", "NAME", "KIND", "LEVELS"], &rows, &[3])?;
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.lines();
    if let Some(header) = lines.next() {
        writeln!(out, "{header}")?;
    }
    for (row, details) in lines.zip(&levels) {
        writeln!(out, "{row}")?;
        for d in details {
            writeln!(out, "{d}")?;
        }
    }
    Ok(())
}

/// Prints rows as aligned columns; `right` lists right-aligned columns.
pub(crate) fn table<const N: usize>(
    out: &mut dyn Write,
    header: [&str; N],
    rows: &[[String; N]],
    right: &[usize],
) -> std::io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(cell.width());
            if i > 0 {
                s.push_str("  ");
            }
            if right.contains(&i) {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            } else if i + 1 == N {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// Finds the routine `upright start ROUTINE` names, or says which ids exist.
pub fn find_routine<'c>(
    catalog: &'c Catalog,
    id: &str,
) -> Result<&'c crate::model::routine::Routine, Failure> {
    if let Some(r) = catalog.routine(id) {
        return Ok(r);
    }
    let ids: Vec<&str> = catalog.routines().map(|r| r.id.as_str()).collect();
    let hint = match crate::model::suggest::nearest(id, ids.iter().copied()) {
        Some(near) => format!("did you mean \"{near}\"? "),
        None => String::new(),
    };
    Err(Failure::Usage(format!(
        "there is no routine \"{id}\"; {hint}(routines: {}; `upright routines` lists them)",
        ids.join(", ")
    )))
}

/// `upright check`: validates everything and reports every problem.
pub fn check(out: &mut dyn Write, paths: &Paths) -> Result<(), Failure> {
    let settings = load_settings(paths);
    let catalog = library::load(Some(&paths.config_dir));
    let log = crate::report::check_log(&paths.log_file());
    match (settings, catalog) {
        (Ok(settings), Ok(catalog)) => {
            let log = log.map_err(Failure::Data)?;
            let log = log.strip_prefix("ok: ").unwrap_or(&log);
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
                "ok: configuration, {} exercises, {} routines ({} steps) checked; {} user file{} read; weekly goal {}, default rest {}; {log}",
                catalog.exercises().len(),
                catalog.routines().len(),
                steps,
                user_files,
                if user_files == 1 { "" } else { "s" },
                settings.session.weekly_goal,
                format_short(settings.timer.rest),
            )
            .map_err(|e| Failure::Runtime(e.to_string()))?;
            Ok(())
        }
        (Err(mut c), Ok(_)) => {
            c.extend(log.err().unwrap_or_default());
            Err(Failure::Config(c))
        }
        (Ok(_), Err(mut d)) => {
            d.extend(log.err().unwrap_or_default());
            Err(Failure::Data(d))
        }
        (Err(mut c), Err(d)) => {
            // Both broken: report everything; the configuration's exit code wins.
            c.extend(d);
            c.extend(log.err().unwrap_or_default());
            Err(Failure::Config(c))
        }
    }
}

/// `upright keys`: every action with its keys in each view, and where a key was
/// set when it came from the user's `[keys]`.
pub fn list_keys(out: &mut dyn Write, settings: &Settings) -> Result<(), Failure> {
    let keymap = Keymap::from_settings(settings).map_err(Failure::Config)?;
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
    table(out, ["VIEW", "ACTION", "KEYS", "DOES", "FROM"], &rows, &[])
        .and_then(|()| {
            writeln!(
                out,
                "\nRebind an action in config.toml, e.g.\n  [keys]\n  pause = [\"space\", \"s\"]"
            )
        })
        .map_err(|e| Failure::Runtime(e.to_string()))
}

/// `upright config path`
pub fn config_path(out: &mut dyn Write, cli: &Cli) -> std::io::Result<()> {
    let (p, cs, ds) = cli.paths();
    let state = |path: &std::path::Path| if path.exists() { "" } else { " (not present)" };
    let cfg_from = if p.config_explicit {
        "from --config".to_string()
    } else {
        cs.describe("--config-dir", paths::CONFIG_ENV)
    };
    writeln!(
        out,
        "config dir   {}  [{}]",
        p.config_dir.display(),
        cs.describe("--config-dir", paths::CONFIG_ENV)
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
        ds.describe("--data-dir", paths::DATA_ENV)
    )?;
    writeln!(
        out,
        "session log  {}{}",
        p.log_file().display(),
        state(&p.log_file())
    )?;
    Ok(())
}
