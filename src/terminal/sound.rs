//! Playing the cues and speaking the phrases through system programs: an
//! audio player (pw-play, paplay, aplay, afplay) and a speech command
//! (spd-say, espeak-ng, espeak, say), found on PATH or named in config.toml.
//! No audio library: nothing here needs system headers to build.
//!
//! A program is started and never waited for in the event loop; [`Audio::reap`]
//! collects the ones that have ended (the loop calls it on every wake-up) and
//! reports those that failed.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::tones;
use crate::app::Output;
use crate::model::cues::Cue;
use crate::model::settings::SoundSettings;
use crate::store::cache;

/// The players looked for on PATH, in order, with the arguments each needs
/// before the file.
pub const PLAYERS: &[&[&str]] = &[&["pw-play"], &["paplay"], &["aplay", "-q"], &["afplay"]];
/// The speech commands looked for on PATH, in order.
pub const SPEECH: &[&[&str]] = &[&["spd-say"], &["espeak-ng"], &["espeak"], &["say"]];

/// At most this many players and speech commands run at once; starting one
/// more ends the oldest (a player that hangs must not pile up processes). The
/// one ended is collected on a later wake-up, like the others.
pub const MAX_RUNNING: usize = 8;

/// How a player or a speech command was chosen, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Turned off in config.toml (`tones = false`, `voice = false`).
    Off,
    /// The command line set in config.toml.
    Configured(Vec<String>),
    /// The first known command found on PATH, and where.
    Found(Vec<String>, PathBuf),
    /// None of the known commands is on PATH.
    Missing,
}

impl Choice {
    /// The command line to run, if there is one.
    pub fn command(&self) -> Option<&[String]> {
        match self {
            Choice::Configured(c) | Choice::Found(c, _) => Some(c),
            Choice::Off | Choice::Missing => None,
        }
    }
}

/// Picks the command: the configured one, else the first of `known` on `path`.
pub fn choose(on: bool, configured: &[String], known: &[&[&str]], path: Option<&OsStr>) -> Choice {
    if !on {
        return Choice::Off;
    }
    if !configured.is_empty() {
        return Choice::Configured(configured.to_vec());
    }
    for words in known {
        if let Some(found) = path.and_then(|p| find_on_path(words[0], p)) {
            return Choice::Found(words.iter().map(|w| w.to_string()).collect(), found);
        }
    }
    Choice::Missing
}

/// The first executable file called `name` in the directories of `path`.
pub fn find_on_path(name: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// The directory in the cache that holds this build's sounds (named after a
/// digest of them, so a build with other sounds never plays stale files).
pub fn sounds_dir(cache_dir: &Path) -> PathBuf {
    let digest = cache::digest(Cue::ALL.iter().map(|c| tones::embedded(*c)));
    cache_dir.join(format!("sounds-{digest}"))
}

/// Writes the sounds into `dir` unless they are there already.
pub fn write_sounds(dir: &Path) -> std::io::Result<()> {
    for &cue in Cue::ALL {
        cache::ensure(&sound_file(dir, cue), tones::embedded(cue))?;
    }
    Ok(())
}

fn sound_file(dir: &Path, cue: Cue) -> PathBuf {
    dir.join(format!("{}.wav", cue.name()))
}

/// What [`setup`] found.
pub struct Setup {
    pub audio: Audio,
    pub player: Choice,
    pub speech: Choice,
    /// Where the sounds are (when a player will play them).
    pub sounds: Option<PathBuf>,
    /// Something to tell the user: the sounds could not be written, or voice
    /// is on but no speech command was found.
    pub note: Option<String>,
}

/// Chooses the player and the speech command from the settings and `path`
/// (the PATH variable), and writes the sounds to the cache when a player will
/// play them.
pub fn setup(settings: &SoundSettings, cache_dir: &Path, path: Option<&OsStr>) -> Setup {
    let player = choose(settings.tones, &settings.player, PLAYERS, path);
    let speech = choose(settings.voice, &settings.speech, SPEECH, path);
    let mut note = None;
    let mut sounds = None;
    if player.command().is_some() {
        let dir = sounds_dir(cache_dir);
        match write_sounds(&dir) {
            Ok(()) => sounds = Some(dir),
            Err(e) => {
                note = Some(format!(
                    "The cue sounds could not be written to {} ({e}); the terminal bell rings instead.",
                    dir.display()
                ));
            }
        }
    }
    if speech == Choice::Missing {
        note = Some(format!(
            "Voice is on, but no speech command was found ({}); set speech in [sound].",
            names(SPEECH)
        ));
    }
    let audio = Audio {
        player: sounds
            .as_ref()
            .and(player.command())
            .map(<[String]>::to_vec),
        speech: speech.command().map(<[String]>::to_vec),
        sounds: sounds.clone().unwrap_or_default(),
        running: Vec::new(),
    };
    Setup {
        audio,
        player,
        speech,
        sounds,
        note,
    }
}

/// "pw-play, paplay, aplay, afplay".
pub fn names(known: &[&[&str]]) -> String {
    known.iter().map(|w| w[0]).collect::<Vec<_>>().join(", ")
}

/// A program started for a cue or a phrase.
struct Running {
    child: Child,
    output: Output,
    program: String,
    /// Ended by us to make room: its end is no failure.
    ended_by_us: bool,
}

/// Starts the player and the speech command, and collects them when they end.
pub struct Audio {
    player: Option<Vec<String>>,
    speech: Option<Vec<String>>,
    sounds: PathBuf,
    running: Vec<Running>,
}

impl Audio {
    /// Whether cue sounds can play.
    pub fn tones(&self) -> bool {
        self.player.is_some()
    }

    /// Whether phrases can be spoken.
    pub fn voice(&self) -> bool {
        self.speech.is_some()
    }

    /// Whether a started program has not been collected yet.
    pub fn busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// Starts the player on the cue's sound; an error says why it could not.
    pub fn play(&mut self, cue: Cue) -> Result<(), String> {
        let Some(command) = self.player.clone() else {
            return Ok(());
        };
        let file = sound_file(&self.sounds, cue);
        self.start(Output::Player, &command, file.as_os_str())
    }

    /// Starts the speech command on the phrase; an error says why it could not.
    pub fn say(&mut self, phrase: &str) -> Result<(), String> {
        let Some(command) = self.speech.clone() else {
            return Ok(());
        };
        self.start(Output::Speech, &command, OsStr::new(phrase))
    }

    fn start(&mut self, output: Output, command: &[String], last: &OsStr) -> Result<(), String> {
        let live = self.running.iter().filter(|r| !r.ended_by_us).count();
        if live >= MAX_RUNNING
            && let Some(oldest) = self.running.iter_mut().find(|r| !r.ended_by_us)
        {
            // Killed, not waited for: `reap` collects it.
            let _ = oldest.child.kill();
            oldest.ended_by_us = true;
        }
        let child = spawn(command, last)?;
        self.running.push(Running {
            child,
            output,
            program: command[0].clone(),
            ended_by_us: false,
        });
        Ok(())
    }

    /// Collects the programs that have ended; returns each that failed, with why.
    pub fn reap(&mut self) -> Vec<(Output, String)> {
        let mut failed = Vec::new();
        self.running.retain_mut(|r| match r.child.try_wait() {
            Ok(None) => true,
            Ok(Some(status)) => {
                if !status.success() && !r.ended_by_us {
                    failed.push((r.output, format!("{} {}", r.program, ended(status))));
                }
                false
            }
            Err(e) => {
                failed.push((r.output, format!("{}: {e}", r.program)));
                false
            }
        });
        failed
    }
}

/// Starts `command` with `last` as its last argument, detached from the
/// terminal (no input, output thrown away), and returns without waiting.
pub fn spawn(command: &[String], last: &OsStr) -> Result<Child, String> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| "the command line is empty".to_string())?;
    Command::new(program)
        .args(args)
        .arg(last)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {program}: {e}"))
}

/// "exited with status 1", "was ended by signal 9".
fn ended(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return format!("was ended by signal {sig}");
        }
    }
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "failed".to_string(),
    }
}

/// Runs `command` with `last` and waits for it, up to `limit` (then ends it):
/// for `upright sound`, which plays one cue after another.
pub fn run_to_end(command: &[String], last: &OsStr, limit: Duration) -> Result<(), String> {
    let mut child = spawn(command, last)?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("{} {}", command[0], ended(status))),
            Ok(None) if start.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} did not finish within {:.1} s",
                    command[0],
                    limit.as_secs_f64()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("{}: {e}", command[0])),
        }
    }
}

/// The file a cue plays from, in the sounds directory of [`Setup::sounds`].
pub fn cue_file(sounds: &Path, cue: Cue) -> PathBuf {
    sound_file(sounds, cue)
}

#[cfg(test)]
mod tests;
