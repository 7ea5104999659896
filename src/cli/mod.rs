//! The command line: clap's types, the dispatch, and one file per non-interactive
//! command. Output goes to any writer so tests can read it; "now" is read once per
//! command, here, and passed down.

mod check;
pub mod completions;
mod config;
mod exercises;
mod keys;
mod log;
mod man;
mod notify;
mod remind;
mod report;
mod routines;
mod sound;
mod stats;
mod status;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, Local};
use clap::{Parser, Subcommand};

use crate::app::keymap::Keymap;
use crate::error::{Error, Result};
use crate::model::catalog::Catalog;
use crate::model::diagnostic::Diagnostic;
use crate::model::schedule;
use crate::model::settings::Settings;
use crate::report::status::StatusFormat;
use crate::report::{LogFormat, TextOrJson};
use crate::store::diag::sort_diagnostics;
use crate::store::paths::{self, Paths};
use crate::store::{config as config_file, library};

#[derive(Debug, Parser)]
#[command(
    name = "upright",
    version = env!("UPRIGHT_VERSION"),
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
    Start {
        /// The routine's id
        #[arg(add = clap_complete::ArgValueCandidates::new(completions::routine_ids))]
        routine: String,
        /// Coach in plain lines of text, one a milestone, keys from standard
        /// input (used anyway when standard output is not a terminal or
        /// TERM=dumb)
        #[arg(long)]
        plain: bool,
    },
    /// List routines: id, name, steps, estimated duration
    Routines,
    /// List exercises: id, name, kind, levels
    Exercises,
    /// Validate the configuration, exercises, routines and session log
    Check,
    /// List past sessions (text newest first; json, csv and markdown oldest first)
    #[command(args_conflicts_with_subcommands = true)]
    Log {
        #[command(subcommand)]
        action: Option<LogCommand>,
        /// How to print the sessions
        #[arg(long, value_enum, default_value_t = LogFormat::Text)]
        format: LogFormat,
        /// Only sessions started on or after DATE (YYYY-MM-DD, local time)
        #[arg(long, value_name = "DATE", value_parser = log::parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Also the sessions you discarded (left out otherwise)
        #[arg(long)]
        all: bool,
    },
    /// Show streak, weekly adherence, time, personal bests, levels and pain trend
    Stats {
        /// How to print the figures
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Write a report for a physiotherapist as one HTML page (no script, nothing
    /// fetched; prints on A4): adherence, pain, days exercised, each exercise's
    /// levels and bests, every set that hurt, the notes
    Report {
        /// Only sessions started on or after DATE (YYYY-MM-DD, local time)
        #[arg(long, value_name = "DATE", value_parser = log::parse_date)]
        since: Option<chrono::NaiveDate>,
        /// Write it to FILE (replaced whole) instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// One line for a status bar: what is due (or next), the streak, this week
    Status {
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
        /// Mark what is due and the streak with emoji
        #[arg(long)]
        emoji: bool,
    },
    /// Wait for the [[reminder]]s in config.toml and send a notification when one
    /// is due (runs until stopped)
    Remind {
        /// Wait for the next reminder, send it and exit
        #[arg(long)]
        once: bool,
        /// Print the notification to standard output instead of sending it
        #[arg(long)]
        dry_run: bool,
        /// Also ring the bell and send an OSC 9 notification to this terminal
        #[arg(long)]
        terminal: bool,
    },
    /// Send one desktop notification and exit (what `upright remind` runs, so its
    /// own long-running process never holds a D-Bus client)
    #[command(hide = true, name = notify::SEND_COMMAND)]
    SendNotification { title: String, body: String },
    /// List every action with its keys in each view (after your [keys])
    Keys,
    /// Play every sound cue in turn, speak a sample phrase when voice is on, and
    /// say which player and speech command are used (or why none)
    Sound,
    /// Show where files are read from, or print the default configuration
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
    /// Print a shell's completion script, e.g. `source <(upright completions bash)`
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: completions::Shell,
    },
    /// Print the manual page (roff), e.g. `upright man | man -l -`
    Man,
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Merge another log (an old machine's, a backup) into this machine's history:
    /// only the events not already there are added, to this machine's own log
    Import {
        /// The log to merge (a sessions*.jsonl file)
        #[arg(value_hint = clap::ValueHint::FilePath)]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where each file is read from
    Path,
    /// Print the default configuration (a commented config.toml)
    Default,
}

impl Cli {
    /// The files and directories to use, and where each directory setting came from.
    pub fn paths(&self) -> (Paths, paths::Source, paths::Source) {
        paths::resolve(
            self.config_dir.as_deref(),
            self.data_dir.as_deref(),
            self.config.as_deref(),
            &|k| std::env::var_os(k),
        )
    }
}

/// Runs the command (or the full-screen app), writing to standard output.
pub fn run(cli: &Cli) -> Result<()> {
    let (paths, _, _) = cli.paths();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    let result = match &cli.command {
        Some(Command::Routines) => routines::run(&mut out, &paths),
        Some(Command::Exercises) => exercises::run(&mut out, &paths),
        Some(Command::Check) => check::run(&mut out, &paths),
        Some(Command::Log {
            action: Some(LogCommand::Import { file }),
            ..
        }) => log::import(&mut out, &mut err, &paths, file),
        Some(Command::Log {
            format, since, all, ..
        }) => {
            let args = log::Args {
                format: *format,
                since: *since,
                all: *all,
            };
            log::run(&mut out, &mut err, &paths, args, &now())
        }
        Some(Command::Stats { format }) => stats::run(&mut out, &mut err, &paths, *format, &now()),
        Some(Command::Report { since, output }) => {
            let args = report::Args {
                since: *since,
                output: output.clone(),
            };
            report::run(&mut out, &mut err, &paths, args, &now())
        }
        Some(Command::Status { format, emoji }) => {
            let args = status::Args {
                format: *format,
                emoji: *emoji,
            };
            status::run(&mut out, &paths, &args, &now());
            Ok(())
        }
        Some(Command::Remind {
            once,
            dry_run,
            terminal,
        }) => {
            let args = remind::Args {
                once: *once,
                dry_run: *dry_run,
                terminal: *terminal,
            };
            remind::run(&mut out, &mut err, &paths, &args)
        }
        Some(Command::SendNotification { title, body }) => {
            let message = notify::Message {
                title: title.clone(),
                body: body.clone(),
            };
            notify::desktop(&message).map_err(Error::Runtime)
        }
        Some(Command::Keys) => keys::run(&mut out, &paths),
        Some(Command::Sound) => sound::run(&mut out, &paths),
        Some(Command::Config {
            what: ConfigCommand::Path,
        }) => config::path(&mut out, cli),
        Some(Command::Config {
            what: ConfigCommand::Default,
        }) => config::default(&mut out),
        Some(Command::Completions { shell }) => completions::run(&mut out, *shell),
        Some(Command::Man) => man::run(&mut out),
        Some(Command::Start { routine, plain }) => {
            drop(out);
            let plain = crate::terminal::wants_plain(
                *plain,
                std::io::stdout().is_terminal(),
                std::env::var_os("TERM").as_deref(),
            );
            return start(paths, Some(routine), plain);
        }
        None => {
            drop(out);
            return start(paths, None, false);
        }
    };
    // What is still buffered goes out now, so a failure to write it is seen.
    result.and_then(|()| Ok(std::io::stdout().flush()?))
}

/// Opens the full-screen app, at the picker or in a session of `routine`, or
/// coaches that session in plain lines of text.
fn start(paths: Paths, routine: Option<&str>, plain: bool) -> Result<()> {
    let (settings, catalog) = load_all(&paths)?;
    match routine {
        Some(id) if plain => crate::terminal::run_plain(paths, settings, catalog, id),
        _ => crate::terminal::run(paths, settings, catalog, routine),
    }
}

/// Set to an RFC 3339 time to make `log`, `stats`, `report` and `status` take it
/// as "now" (for tests and reproducible reports). The time zone is still the
/// local one (`TZ`). `remind` always reads the real clock.
pub const NOW_ENV: &str = "UPRIGHT_NOW";

/// The current local time, or `$UPRIGHT_NOW` if set and valid.
fn now() -> DateTime<Local> {
    std::env::var(NOW_ENV)
        .ok()
        .and_then(|v| DateTime::parse_from_rfc3339(v.trim()).ok())
        .map_or_else(Local::now, |t| t.with_timezone(&Local))
}

/// The wall clock, always the real one: for `upright remind`, which waits on it
/// (`$UPRIGHT_NOW` would stop time).
fn real_now() -> DateTime<Local> {
    Local::now()
}

/// A located problem for each reminder whose routine the library does not have.
pub fn check_reminders(settings: &Settings, catalog: &Catalog) -> Vec<Diagnostic> {
    let ids: Vec<&str> = catalog.routines().map(|r| r.id.as_str()).collect();
    schedule::unknown_routines(&settings.reminders, &ids)
}

/// Loads the configuration and checks its `[keys]` too, reporting every problem.
pub fn load_settings(paths: &Paths) -> std::result::Result<Settings, Vec<Diagnostic>> {
    let (settings, mut diags) = config_file::load_report(&paths.config_file, paths.config_explicit);
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

/// This machine's host id: `UPRIGHT_HOST`, else `[data] host` in `settings`,
/// else the host name. A bad `UPRIGHT_HOST` is a configuration failure.
pub fn host(settings: &Settings) -> Result<String> {
    crate::store::host::this_machine(&settings.data)
        .map(|(id, _)| id)
        .map_err(|d| Error::Config(vec![d]))
}

/// Loads settings and library, mapping problems to the right failure: every
/// problem of both is reported, and a broken configuration sets the exit code.
pub fn load_all(paths: &Paths) -> Result<(Settings, Catalog)> {
    both(
        load_settings(paths),
        library::load(Some(&paths.config_dir)),
        Vec::new(),
    )
}

/// The settings and the catalog, or every problem of both plus `more` (the log's,
/// for `upright check`): a configuration problem makes it a configuration
/// failure (exit 78), else a data failure (exit 65).
fn both(
    settings: std::result::Result<Settings, Vec<Diagnostic>>,
    catalog: std::result::Result<Catalog, Vec<Diagnostic>>,
    more: Vec<Diagnostic>,
) -> Result<(Settings, Catalog)> {
    match (settings, catalog) {
        (Ok(s), Ok(c)) => {
            let mut unknown = check_reminders(&s, &c);
            if !unknown.is_empty() {
                unknown.extend(more);
                Err(Error::Config(unknown))
            } else if more.is_empty() {
                Ok((s, c))
            } else {
                Err(Error::Data(more))
            }
        }
        (Err(mut config), catalog) => {
            config.extend(catalog.err().unwrap_or_default());
            config.extend(more);
            Err(Error::Config(config))
        }
        (Ok(_), Err(mut data)) => {
            data.extend(more);
            Err(Error::Data(data))
        }
    }
}
