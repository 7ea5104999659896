//! Glue between the app and the files: builds the app from what was loaded, runs
//! it in the terminal, and carries out its effects (the session log, markers).

use crate::app::keymap::Keymap;
use crate::app::run::{self, Effects};
use crate::app::{App, Effect};
use crate::cli::Failure;
use crate::model::catalog::Catalog;
use crate::model::settings::Settings;
use crate::store::diag::Diagnostic;
use crate::store::paths::Paths;
use crate::store::routines_file;

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
            Effect::SaveRoutine { routine } => {
                let result = routines_file::save_routine(&self.paths.config_dir, &routine);
                app.routine_saved(&routine, result.map(|p| p.display().to_string()));
            }
            Effect::DeleteRoutine { id } => {
                let result = routines_file::remove_routine(&self.paths.config_dir, &id);
                app.routine_removed(&id, result.map(|p| p.display().to_string()));
            }
            Effect::Bell
            | Effect::SessionStarted { .. }
            | Effect::StepDone { .. }
            | Effect::SessionEnded { .. } => {}
        }
    }
}

/// Turns `[keys]` problems into located diagnostics.
pub fn keymap(settings: &Settings) -> Result<Keymap, Failure> {
    Keymap::with_bindings(&settings.keys).map_err(|problems| {
        Failure::Config(
            problems
                .into_iter()
                .map(|p| {
                    let (path, line, column) = split_origin(&p.origin);
                    Diagnostic {
                        path,
                        line,
                        column,
                        message: p.message,
                        expected: Some(p.expected),
                    }
                })
                .collect(),
        )
    })
}

fn split_origin(origin: &str) -> (String, usize, usize) {
    let mut parts = origin.rsplitn(3, ':');
    let col = parts.next().and_then(|c| c.parse().ok());
    let line = parts.next().and_then(|l| l.parse().ok());
    match (parts.next(), line, col) {
        (Some(path), Some(line), Some(col)) => (path.to_string(), line, col),
        _ => (origin.to_string(), 0, 0),
    }
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
