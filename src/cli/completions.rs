//! `upright completions SHELL`: the script that makes a shell complete upright's
//! commands, options, formats and routine ids.
//!
//! The script does not list them: at each Tab it runs upright with
//! [`COMPLETE_ENV`] set, and upright answers from its own command line
//! definition and, for `start ROUTINE`, from the routines it can load then. So a
//! routine added to routines.toml completes at once, without a new script.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{CommandFactory, ValueEnum};
use clap_complete::CompleteEnv;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};

use super::Cli;
use crate::error::Result;
use crate::store::library;
use crate::store::paths;

/// Set (to a shell's name) by the completion script when it asks upright for
/// candidates; never needed by hand.
pub const COMPLETE_ENV: &str = "UPRIGHT_COMPLETE";

/// The shells upright writes a completion script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn completer(self) -> &'static dyn EnvCompleter {
        match self {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Elvish => &Elvish,
            Shell::Powershell => &Powershell,
        }
    }
}

/// When the shell is asking for candidates, answers and exits; else returns.
/// Runs before anything else is written to standard output.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_ENV)
        .shells(Shells::builtins())
        .complete();
}

/// Prints the script for `shell`. It calls back the program that printed it: by
/// name when run from the PATH, else by its full path.
pub(super) fn run(out: &mut dyn Write, shell: Shell) -> Result<()> {
    let argv0 = std::env::args_os()
        .next()
        .unwrap_or_else(|| OsString::from("upright"));
    let mut program = PathBuf::from(&argv0);
    if program.components().count() > 1
        && let Ok(dir) = std::env::current_dir()
    {
        program = dir.join(program);
    }
    let completer = program.to_string_lossy();
    let mut script = Vec::new();
    shell.completer().write_registration(
        COMPLETE_ENV,
        "upright",
        "upright",
        &completer,
        &mut script,
    )?;
    out.write_all(&script)?;
    Ok(())
}

/// The routine ids for `upright start`, each with its name, from the config dir
/// the command line being completed names (`--config-dir`), else the usual one.
/// With routines.toml broken, the built-in routines.
pub fn routine_ids() -> Vec<CompletionCandidate> {
    let flag = config_dir_flag(std::env::args_os());
    let (paths, _, _) = paths::resolve(flag.as_deref(), None, None, &|k| std::env::var_os(k));
    let catalog = library::load(Some(&paths.config_dir)).or_else(|_| library::load(None));
    let Ok(catalog) = catalog else {
        return Vec::new();
    };
    catalog
        .routines()
        .map(|r| CompletionCandidate::new(r.id.clone()).help(Some(r.name.clone().into())))
        .collect()
}

/// The value of `--config-dir DIR` or `--config-dir=DIR` among the words.
fn config_dir_flag(words: impl Iterator<Item = OsString>) -> Option<PathBuf> {
    let words: Vec<OsString> = words.collect();
    words.iter().enumerate().find_map(|(i, w)| {
        let w = w.to_str()?;
        if w == "--config-dir" {
            words.get(i + 1).map(PathBuf::from)
        } else {
            w.strip_prefix("--config-dir=").map(PathBuf::from)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> impl Iterator<Item = OsString> {
        ws.iter()
            .map(OsString::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn the_config_dir_of_the_line_being_completed_is_used() {
        assert_eq!(
            config_dir_flag(words(&[
                "upright",
                "--",
                "upright",
                "--config-dir",
                "/c",
                "start"
            ])),
            Some(PathBuf::from("/c"))
        );
        assert_eq!(
            config_dir_flag(words(&["upright", "--config-dir=/d", "start", ""])),
            Some(PathBuf::from("/d"))
        );
        assert_eq!(config_dir_flag(words(&["upright", "start", ""])), None);
        assert_eq!(config_dir_flag(words(&["upright", "--config-dir"])), None);
    }
}
