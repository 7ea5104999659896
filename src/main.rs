use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use upright::cli::{self, Cli, Command, ConfigCommand, Failure, exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(&cli) {
        Ok(()) => exit::OK,
        Err(failure) => {
            let _ = std::io::stderr().write_all(failure.render().as_bytes());
            failure.exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let (paths, _, _) = cli.paths();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let io = |e: std::io::Error| Failure::Runtime(e.to_string());
    match &cli.command {
        Some(Command::Routines) => {
            let (settings, catalog) = cli::load_all(&paths)?;
            cli::list_routines(&mut out, &catalog, &settings).map_err(io)
        }
        Some(Command::Exercises) => {
            let (_, catalog) = cli::load_all(&paths)?;
            cli::list_exercises(&mut out, &catalog).map_err(io)
        }
        Some(Command::Check) => cli::check(&mut out, &paths),
        Some(Command::Log { format, since }) => {
            upright::report::log_command(&mut out, &mut std::io::stderr(), &paths, *format, *since)
        }
        Some(Command::Stats { format }) => {
            upright::report::stats_command(&mut out, &mut std::io::stderr(), &paths, *format)
        }
        Some(Command::Keys) => {
            let settings = cli::load_settings(&paths).map_err(Failure::Config)?;
            cli::list_keys(&mut out, &settings)
        }
        Some(Command::Config {
            what: ConfigCommand::Path,
        }) => cli::config_path(&mut out, cli).map_err(io),
        Some(Command::Config {
            what: ConfigCommand::Default,
        }) => out
            .write_all(upright::store::config::DEFAULT_CONFIG.as_bytes())
            .map_err(io),
        Some(Command::Start { routine }) => {
            let (settings, catalog) = cli::load_all(&paths)?;
            drop(out);
            upright::tui::run(paths, settings, catalog, Some(routine))
        }
        None => {
            let (settings, catalog) = cli::load_all(&paths)?;
            drop(out);
            upright::tui::run(paths, settings, catalog, None)
        }
    }
}
