//! Glue between the app and the files: builds the app from what was loaded, runs
//! it in the terminal, and carries out its effects (the session log, markers).

use crate::app::keymap::Keymap;
use crate::app::run::{self, Effects};
use crate::app::{App, Effect};
use crate::cli::Failure;
use crate::model::catalog::Catalog;
use crate::model::settings::Settings;
use crate::store::paths::Paths;

/// Writes what the app asks for to disk.
pub struct FileEffects {
    pub paths: Paths,
}

impl Effects for FileEffects {
    fn apply(&mut self, effect: Effect, app: &mut App) {
        match effect {
            Effect::NoticeSeen => {
                let marker = self.paths.notice_marker();
                let written = std::fs::create_dir_all(&self.paths.data_dir)
                    .and_then(|_| std::fs::write(&marker, "The safety notice was shown.\n"));
                if let Err(e) = written {
                    app.status_line = Some(format!("Could not write {}: {e}", marker.display()));
                }
            }
            Effect::Bell
            | Effect::SessionStarted { .. }
            | Effect::StepDone { .. }
            | Effect::SessionEnded { .. } => {}
        }
    }
}

/// The keymap of the settings; `[keys]` problems become located diagnostics.
pub fn keymap(settings: &Settings) -> Result<Keymap, Failure> {
    Keymap::from_settings(settings).map_err(Failure::Config)
}

/// Opens the full-screen app, at the picker or straight into a routine.
pub fn run(
    paths: Paths,
    settings: Settings,
    catalog: Catalog,
    start: Option<&str>,
) -> Result<(), Failure> {
    let keymap = keymap(&settings)?;
    if let Some(id) = start {
        crate::cli::find_routine(&catalog, id)?;
    }
    let mut app = App::new(catalog, settings, keymap, run::now());
    app.nonce = std::process::id();
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !paths.notice_marker().exists() {
        app.show_notice();
    }
    if let Some(id) = start {
        app.start_session(id);
    }
    let mut effects = FileEffects { paths };
    run::run(&mut app, &mut effects).map_err(|e| Failure::Runtime(format!("terminal: {e}")))
}
