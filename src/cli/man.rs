//! `upright man`: the manual page, in roff, made from the command line's own
//! definition (so it lists what the binary takes) plus the exit codes, the
//! environment and the files.

use std::io::Write;

use clap::{Arg, Command, CommandFactory};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::Cli;
use super::completions::COMPLETE_ENV;
use crate::error::Result;

pub(super) fn run(out: &mut dyn Write) -> Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = Man::new(cmd.clone())
        .title("UPRIGHT")
        .section("1")
        .source(format!("upright {}", env!("UPRIGHT_VERSION")))
        .manual("User Commands");
    man.render_title(out)?;
    man.render_name_section(out)?;
    let mut roff = Roff::new();
    synopsis(&mut roff, &cmd);
    roff.to_writer(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    facts(&mut roff);
    roff.to_writer(out)?;
    Ok(())
}

/// "upright [--config-dir DIR] [--data-dir DIR] [--config FILE] [COMMAND]"
fn synopsis(roff: &mut Roff, cmd: &Command) {
    roff.control("SH", ["SYNOPSIS"]);
    let mut line = vec![bold("upright")];
    for arg in cmd
        .get_arguments()
        .filter(|a| a.is_global_set() && !a.is_hide_set())
    {
        line.push(roman(" "));
        line.extend(usage(arg, true));
    }
    line.push(roman(" ["));
    line.push(italic("COMMAND"));
    line.push(roman("]"));
    roff.text(line);
}

/// Every command, nested ones included: its synopsis, what it does, its options.
fn commands(roff: &mut Roff, cmd: &Command) {
    roff.control("SH", ["COMMANDS"]);
    let mut all = Vec::new();
    subcommands(cmd, "upright", &mut all);
    for (path, sub) in all {
        roff.control("TP", []);
        let mut synopsis = vec![bold(path.clone())];
        for arg in own_args(sub) {
            synopsis.push(roman(" "));
            synopsis.extend(usage(arg, true));
        }
        roff.text(synopsis);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        let args: Vec<&Arg> = own_args(sub).collect();
        if args.is_empty() {
            continue;
        }
        roff.control("RS", []);
        for arg in args {
            roff.control("TP", []);
            roff.text(usage(arg, false));
            describe(roff, arg);
        }
        roff.control("RE", []);
    }
}

/// The commands under `cmd` with the words that name them, depth first; a
/// command that only groups others (`config`) is listed through them; one that
/// also runs by itself (`log`) is listed too.
fn subcommands<'a>(cmd: &'a Command, path: &str, out: &mut Vec<(String, &'a Command)>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let path = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            // A command that also runs by itself (`log`) is listed, then its own.
            let runs_itself = sub
                .get_arguments()
                .any(|a| !a.is_global_set() && !matches!(a.get_id().as_str(), "help" | "version"));
            if runs_itself {
                out.push((path.clone(), sub));
            }
            subcommands(sub, &path, out);
        } else {
            out.push((path, sub));
        }
    }
}

/// A command's own arguments: not the global ones, not help or version.
fn own_args(cmd: &Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments().filter(|a| {
        !a.is_hide_set() && !a.is_global_set() && !matches!(a.get_id().as_str(), "help" | "version")
    })
}

/// "ROUTINE", or "--format FORMAT" (in brackets when `optional`).
fn usage(arg: &Arg, optional: bool) -> Vec<clap_mangen::roff::Inline> {
    let value = arg
        .get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string());
    match arg.get_long() {
        None => vec![italic(value)],
        Some(long) => {
            let mut parts = vec![bold(format!("--{long}"))];
            if arg.get_action().takes_values() {
                parts.push(roman(" "));
                parts.push(italic(value));
            }
            if optional {
                parts.insert(0, roman("["));
                parts.push(roman("]"));
            }
            parts
        }
    }
}

/// The help of an argument with its default, then each of its values with
/// what it means.
fn describe(roff: &mut Roff, arg: &Arg) {
    let mut text = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    if let Some(default) = arg.get_default_values().first() {
        text.push_str(&format!(" (default: {})", default.to_string_lossy()));
    }
    roff.text([roman(text)]);
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if values.is_empty() {
        return;
    }
    roff.control("RS", []);
    for v in values {
        roff.control("TP", []);
        roff.text([bold(v.get_name())]);
        if let Some(help) = v.get_help() {
            roff.text([roman(help.to_string())]);
        }
    }
    roff.control("RE", []);
}

/// A term and its explanation.
fn item(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(term)]);
    roff.text([roman(text)]);
}

/// Exit codes, environment, files.
fn facts(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, text) in [
        (
            "0",
            "Success; also when whoever reads the output stops early (upright log | head -1).",
        ),
        (
            "1",
            "Something failed at run time, such as output that could not be written.",
        ),
        (
            "2",
            "Usage error: an unknown command or option, a missing argument, an unknown routine.",
        ),
        (
            "65",
            "Invalid data: an exercises.toml, routines.toml or session log that cannot be used.",
        ),
        (
            "78",
            "Invalid configuration: a config.toml that cannot be used, or a --config FILE that cannot be read. With both the configuration and the data broken, every problem is printed and the code is 78.",
        ),
    ] {
        item(roff, code, text);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, text) in [
        (
            "UPRIGHT_CONFIG_DIR",
            "The config dir, unless --config-dir is given.",
        ),
        (
            "UPRIGHT_DATA_DIR",
            "The data dir, unless --data-dir is given.",
        ),
        (
            "UPRIGHT_HOST",
            "This machine's host id (a-z, 0-9, -), naming its session log sessions.HOST.jsonl; wins over [data] host in config.toml, which wins over the host name.",
        ),
        (
            "UPRIGHT_CACHE_DIR",
            "The cache dir, where the cue sounds are written for the audio player.",
        ),
        (
            "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
            "Where the config dir (upright under XDG_CONFIG_HOME), the data dir (upright under XDG_DATA_HOME) and the cache dir (upright under XDG_CACHE_HOME) are when neither a flag nor the variables above say.",
        ),
        (
            "PATH",
            "Searched for an audio player (pw-play, paplay, aplay, afplay) and, with voice on, a speech command (spd-say, espeak-ng, espeak, say), unless [sound] in config.toml names them.",
        ),
        (
            "NO_COLOR",
            "Set to anything but an empty value: no colour, whatever the theme.",
        ),
        (
            "TERM",
            "dumb: upright start coaches in plain lines of text, as with --plain (so does an output that is not a terminal).",
        ),
        (
            "UPRIGHT_NOW",
            "An RFC 3339 time that log, stats, report and status take as now (for tests and reproducible reports); remind always reads the real clock.",
        ),
        (
            COMPLETE_ENV,
            "Set by the completion scripts when they ask upright for candidates; not for use by hand.",
        ),
    ] {
        item(roff, name, text);
    }
    roff.control("SH", ["FILES"]);
    for (name, text) in [
        (
            "config.toml",
            "Settings, in the config dir (upright config default prints the commented default).",
        ),
        (
            "exercises.toml, routines.toml",
            "Your own exercises and routines, in the config dir, read over the built-in ones.",
        ),
        (
            "sessions.HOST.jsonl",
            "This machine's session log, in the data dir: one JSON event per line, appended as sessions happen. Every sessions*.jsonl there (other machines' logs, an older sessions.jsonl, sync tools' conflict copies) is read as one history.",
        ),
        (
            "status-cache.json",
            "What upright status keeps of the session log and the routine names between calls, in the data dir: safe to delete (it is rebuilt).",
        ),
        (
            "sounds-DIGEST/*.wav",
            "The cue sounds, in the cache dir: written on first use, safe to delete.",
        ),
    ] {
        item(roff, name, text);
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(
        "upright check validates every file; upright config path shows where each one is read from; upright keys lists every key.",
    )]);
}
