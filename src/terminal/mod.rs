//! The app in a terminal: builds the app from what was loaded, runs the
//! full-screen event loop ([`runner`]) or the plain line-by-line one
//! ([`plain`]), and carries out the app's effects on the files ([`files`]) and
//! the speakers ([`sound`], playing the sounds of [`tones`]). Everything the
//! terminal needs lives here; the app and the views below know nothing of it.

mod clock;
mod files;
pub mod plain;
mod runner;
pub mod sound;
pub mod tones;
mod writer;

use std::ffi::OsStr;

use crate::app::keymap::Keymap;
use crate::app::{App, SoundOut};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::model::settings::Settings;
use crate::store::paths::Paths;
use files::Files;
use sound::Audio;

/// The keymap of the settings; `[keys]` problems become located diagnostics.
pub fn keymap(settings: &Settings) -> Result<Keymap, Error> {
    Keymap::from_settings(settings).map_err(Error::Config)
}

/// Whether `upright start` coaches in plain lines of text: when asked to
/// (`--plain`), when standard output is not a terminal, or when the terminal
/// says it cannot do more (`TERM=dumb`).
pub fn wants_plain(asked: bool, stdout_is_terminal: bool, term: Option<&OsStr>) -> bool {
    asked || !stdout_is_terminal || term.is_some_and(|t| t == "dumb")
}

/// The app as both runners start it, with the sound outputs and this
/// machine's log: the keymap checked, the routine to start (if any) found,
/// the player and the speech command chosen (and the sounds written to the
/// cache) before anything can sound.
fn setup(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(App, Audio, Files), Error> {
    let keymap = keymap(&settings)?;
    let (host, _) =
        crate::store::host::this_machine(&settings.data).map_err(|d| Error::Config(vec![d]))?;
    if let Some(id) = start {
        catalog.find_routine(id)?;
    }
    let path = std::env::var_os("PATH");
    let sound = sound::setup(&settings.sound, &paths.cache_dir, path.as_deref());
    let audio = sound.audio;
    let mut app = App::new(catalog, settings, keymap, clock::now());
    let out = SoundOut {
        tones: audio.tones(),
        voice: audio.voice(),
    };
    app.sound_ready(out, sound.note);
    app.nonce = std::process::id();
    app.host = host.clone();
    Ok((app, audio, Files::new(paths, &host)))
}

/// The end of a run: events that did not reach the log are written elsewhere
/// and the run fails, saying where they are.
fn finish(files: &mut Files, result: Result<(), Error>) -> Result<(), Error> {
    match (files.finish(), result) {
        (Some(lost), Ok(())) => Err(Error::Runtime(lost)),
        (Some(lost), Err(e)) => Err(Error::Runtime(format!("{e}\n{lost}"))),
        (None, result) => result,
    }
}

/// Opens the full-screen app, at the picker or straight into a routine.
pub fn run(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(), Error> {
    let notice = !paths.notice_marker().exists();
    let (mut app, mut audio, mut files) = setup(paths, settings, catalog, start)?;
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if notice {
        app.show_notice();
    }
    // The log is read in the background; a session waits for its levels and bests.
    app.await_history();
    if let Some(id) = start {
        app.skip_resume_offer();
        app.start_session(id);
    }
    let result = runner::run(&mut app, &mut files, &mut audio)
        .map_err(|e| Error::Runtime(format!("terminal: {e}")));
    finish(&mut files, result)
}

/// Coaches a session of `routine` in plain lines of text (see [`plain`]).
pub fn run_plain(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    routine: &str,
) -> Result<(), Error> {
    let notice = !paths.notice_marker().exists();
    let (app, audio, mut files) = setup(paths, settings, catalog, Some(routine))?;
    let result = plain::run(app, &mut files, audio, routine, notice)
        .map_err(|e| Error::Runtime(format!("plain mode: {e}")));
    finish(&mut files, result)
}

/// The drawn area for a window of `width` x `height` (never more than 1000x500).
pub fn drawn_area(width: u16, height: u16) -> ratatui::layout::Rect {
    runner::drawn_area(width, height)
}
