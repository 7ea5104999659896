//! `upright sound`: plays every cue in turn through the player a session would
//! use, speaks a sample phrase when voice is on, and says which programs it
//! used, or why there are none.

use std::ffi::OsStr;
use std::io::Write;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::model::cues::{self, Cue};
use crate::model::plan::Plan;
use crate::store::paths::Paths;
use crate::terminal::sound::{self, Choice, PLAYERS, SPEECH};

/// The longest one cue or phrase may take before it counts as failed.
const LIMIT: Duration = Duration::from_secs(10);
/// The pause between two cues, so each can be told apart.
const GAP: Duration = Duration::from_millis(250);

pub(super) fn run(out: &mut dyn Write, paths: &Paths) -> Result<()> {
    let (settings, catalog) = super::load_all(paths)?;
    let path = std::env::var_os("PATH");
    let setup = sound::setup(&settings.sound, &paths.cache_dir, path.as_deref());
    let mut problems = Vec::new();

    writeln!(
        out,
        "player  {}",
        describe(&setup.player, "player", PLAYERS)
    )?;
    if let Some(note) = &setup.note {
        writeln!(out, "        {note}")?;
    }
    match (setup.player.command(), &setup.sounds) {
        (Some(command), Some(dir)) => {
            writeln!(out, "sounds  {}", dir.display())?;
            for &cue in Cue::ALL {
                write!(out, "  {:<13} {:<44} ", cue.name(), cue.describe())?;
                out.flush()?;
                let file = sound::cue_file(dir, cue);
                match sound::run_to_end(command, file.as_os_str(), LIMIT) {
                    Ok(()) => writeln!(out, "played")?,
                    Err(why) => {
                        writeln!(out, "failed: {why}")?;
                        problems.push(format!("{}: {why}", cue.name()));
                    }
                }
                std::thread::sleep(GAP);
            }
        }
        (Some(_), None) => problems.push("the cue sounds could not be written".into()),
        (None, _) if setup.player == Choice::Missing => {
            problems.push("no audio player was found".into());
        }
        (None, _) => {}
    }
    if setup.player.command().is_none() || !problems.is_empty() {
        let bell = if settings.sound.bell {
            "sessions ring the terminal bell instead"
        } else {
            "sessions are silent (bell = false)"
        };
        writeln!(out, "        {bell}")?;
    }

    writeln!(out, "speech  {}", describe(&setup.speech, "speech", SPEECH))?;
    if let Some(command) = setup.speech.command() {
        let phrase = sample_phrase(&catalog, &settings);
        match sound::run_to_end(command, OsStr::new(&phrase), LIMIT) {
            Ok(()) => writeln!(out, "  said \"{phrase}\"")?,
            Err(why) => {
                writeln!(out, "  failed: {why}")?;
                problems.push(format!("speech: {why}"));
            }
        }
    } else if setup.speech == Choice::Missing {
        problems.push("no speech command was found".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Runtime(format!(
            "sound check failed: {}",
            problems.join("; ")
        )))
    }
}

/// Which program, and why it (or none) was chosen.
fn describe(choice: &Choice, key: &str, known: &[&[&str]]) -> String {
    match choice {
        Choice::Off if key == "player" => "none: tones = false in [sound]".to_string(),
        Choice::Off => "off: voice = false in [sound]".to_string(),
        Choice::Configured(command) => format!("{} ({key} in [sound])", command.join(" ")),
        Choice::Found(command, at) => {
            format!("{} (found at {})", command.join(" "), at.display())
        }
        Choice::Missing => format!(
            "none found on PATH (looked for {}); install one or set {key} in [sound]",
            sound::names(known)
        ),
    }
}

/// What a session would say first: the first exercise of the first routine.
fn sample_phrase(
    catalog: &crate::model::catalog::Catalog,
    settings: &crate::model::settings::Settings,
) -> String {
    catalog
        .routines()
        .next()
        .map(|routine| {
            let steps = catalog.resolve(routine, &|_| None);
            Plan::build(&steps, &settings.timer)
        })
        .and_then(|plan| {
            let first = plan.work_phases().next()?;
            cues::phase_phrase(&plan, first)
        })
        .unwrap_or_else(|| cues::COUNTDOWN_PHRASE.to_string())
}
