//! The app in a terminal: builds the app from what was loaded, runs the
//! full-screen event loop ([`runner`]) or the plain line-by-line one
//! ([`plain`]), and carries out the app's effects on the files ([`files`]) and
//! the speakers ([`sound`], playing the sounds of [`tones`]). Everything the
//! terminal needs lives here; the app and the views below know nothing of it.

mod files;
pub mod plain;
mod runner;
pub mod sound;
pub mod tones;

use std::ffi::OsStr;

use crate::app::keymap::Keymap;
use crate::app::{App, SoundOut};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::model::settings::Settings;
use crate::model::words::plural;
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

/// The app as both runners start it: the keymap checked, the routine to start
/// (if any) found, the player and the speech command chosen (and the sounds
/// written to the cache) before anything can sound.
fn setup(
    paths: &Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(App, Audio), Error> {
    let keymap = keymap(&settings)?;
    if let Some(id) = start {
        catalog.find_routine(id)?;
    }
    let path = std::env::var_os("PATH");
    let sound = sound::setup(&settings.sound, &paths.cache_dir, path.as_deref());
    let audio = sound.audio;
    let mut app = App::new(catalog, settings, keymap, runner::now());
    let out = SoundOut {
        tones: audio.tones(),
        voice: audio.voice(),
    };
    app.sound_ready(out, sound.note);
    app.nonce = std::process::id();
    Ok((app, audio))
}

/// Says on standard error what could not be saved by the end of the run.
fn report_unsaved(files: &Files) {
    if files.unsaved() > 0 {
        eprintln!(
            "upright: {} could not be saved to {}",
            plural(files.unsaved() as u64, "event", "events"),
            files.log_path().display()
        );
    }
}

/// Opens the full-screen app, at the picker or straight into a routine.
pub fn run(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(), Error> {
    let (mut app, mut audio) = setup(&paths, settings, catalog, start)?;
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !paths.notice_marker().exists() {
        app.show_notice();
    }
    // The log is read in the background; a session waits for its levels and bests.
    app.await_history();
    if let Some(id) = start {
        app.skip_resume_offer();
        app.start_session(id);
    }
    let mut files = Files::new(paths);
    let result = runner::run(&mut app, &mut files, &mut audio)
        .map_err(|e| Error::Runtime(format!("terminal: {e}")));
    report_unsaved(&files);
    result
}

/// Coaches a session of `routine` in plain lines of text (see [`plain`]).
pub fn run_plain(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    routine: &str,
) -> Result<(), Error> {
    let (app, audio) = setup(&paths, settings, catalog, Some(routine))?;
    let notice = !paths.notice_marker().exists();
    let mut files = Files::new(paths);
    let result = plain::run(app, &mut files, audio, routine, notice)
        .map_err(|e| Error::Runtime(format!("plain mode: {e}")));
    report_unsaved(&files);
    result
}
