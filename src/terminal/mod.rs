//! The full-screen app in a terminal: builds the app from what was loaded, runs
//! the event loop ([`runner`]) and carries out the app's effects on the files
//! ([`files`]) and the speakers ([`sound`], playing the sounds of [`tones`]).
//! Everything the terminal needs lives here; the app and the views below know
//! nothing of it.

mod files;
mod runner;
pub mod sound;
pub mod tones;

use crate::app::keymap::Keymap;
use crate::app::{App, SoundOut};
use crate::error::Error;
use crate::model::catalog::Catalog;
use crate::model::settings::Settings;
use crate::model::words::plural;
use crate::store::paths::Paths;
use files::Files;

/// The keymap of the settings; `[keys]` problems become located diagnostics.
pub fn keymap(settings: &Settings) -> Result<Keymap, Error> {
    Keymap::from_settings(settings).map_err(Error::Config)
}

/// Opens the full-screen app, at the picker or straight into a routine.
pub fn run(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(), Error> {
    let keymap = keymap(&settings)?;
    if let Some(id) = start {
        catalog.find_routine(id)?;
    }
    // The player and the speech command are chosen (and the sounds written to
    // the cache) before anything can sound.
    let path = std::env::var_os("PATH");
    let sound = sound::setup(&settings.sound, &paths.cache_dir, path.as_deref());
    let mut audio = sound.audio;
    let mut app = App::new(catalog, settings, keymap, runner::now());
    let out = SoundOut {
        tones: audio.tones(),
        voice: audio.voice(),
    };
    app.sound_ready(out, sound.note);
    app.nonce = std::process::id();
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !paths.notice_marker().exists() {
        app.show_notice();
    }
    if let Some(id) = start {
        app.skip_resume_offer();
        app.start_session(id);
    }
    let mut files = Files::new(paths);
    let result = runner::run(&mut app, &mut files, &mut audio)
        .map_err(|e| Error::Runtime(format!("terminal: {e}")));
    if files.unsaved() > 0 {
        eprintln!(
            "upright: {} could not be saved to {}",
            plural(files.unsaved() as u64, "event", "events"),
            files.log_path().display()
        );
    }
    result
}
