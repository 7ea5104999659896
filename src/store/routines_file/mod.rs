//! Saving routines to the user's `routines.toml`, the way a careful person would
//! edit it by hand: only the `[[routine]]` table of the routine concerned is
//! replaced, added or removed; every other byte (comments, key order, spacing,
//! other routines) stays as it was. The new text must pass the real loader
//! before it replaces the file, and it replaces it atomically: a temporary file in
//! the same directory is written, synced and renamed over the old one.

mod document;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic_with;
use super::diag::decode;
use super::library::{self, MAX_FILE};
use crate::model::diagnostic::Diagnostic;
use crate::model::routine::Routine;
use document::{parse, put, remove, routine_index};

pub const FILE_NAME: &str = "routines.toml";

/// The top of a routines file that upright creates.
const NEW_FILE_HEADER: &str = "\
# Your routines for upright. A routine here with the id of a built-in one
# replaces it; any other id adds a routine. The routine editor updates this
# file and keeps your comments and layout; `upright check` validates it.
";

/// What to do to the file.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// Replace the routine with the same id, or add it at the end.
    Put(&'a Routine),
    /// Remove the routine with this id (nothing happens if there is none).
    Remove(&'a str),
}

/// Applies a change to the text of a routines file (`None`: there is no file yet).
/// `shown` names the file in problems. Refuses a text that does not parse, with
/// the problem located as the loader would locate it.
pub fn apply(text: Option<&str>, shown: &str, change: Change<'_>) -> Result<String, Diagnostic> {
    let text = match (text, change) {
        (Some(t), _) => t,
        (None, Change::Put(_)) => NEW_FILE_HEADER,
        (None, Change::Remove(_)) => return Ok(String::new()),
    };
    let mut doc = parse(text, shown)?;
    let found = routine_index(&doc, text, shown, change)?;
    match change {
        Change::Put(routine) => put(&mut doc, found, routine),
        Change::Remove(_) => {
            if let Some(i) = found {
                remove(&mut doc, i);
            }
        }
    }
    Ok(doc.to_string())
}

/// Where the routines file of a config dir is.
pub fn path_in(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE_NAME)
}

/// Saves a routine into `routines.toml` in the config dir (creating both if
/// needed). Returns the file written.
pub fn save_routine(config_dir: &Path, routine: &Routine) -> Result<PathBuf, Diagnostic> {
    update(config_dir, Change::Put(routine), &mut |_| Ok(()))
}

/// Removes a routine from `routines.toml` in the config dir. Returns the file.
pub fn remove_routine(config_dir: &Path, id: &str) -> Result<PathBuf, Diagnostic> {
    update(config_dir, Change::Remove(id), &mut |_| Ok(()))
}

/// Reads the file, applies the change, checks the result with the real loader
/// (together with the user's exercises), and writes it atomically.
/// `before_rename` runs once the new text is written and synced to the
/// temporary file (tests use it to fail at the worst moment).
pub fn update(
    config_dir: &Path,
    change: Change<'_>,
    before_rename: &mut dyn FnMut(&Path) -> io::Result<()>,
) -> Result<PathBuf, Diagnostic> {
    let path = path_in(config_dir);
    let shown = path.display().to_string();
    let bytes = library::read_user_file(&path)?;
    let old = match &bytes {
        Some(b) => Some(decode(&shown, b, MAX_FILE)?),
        None => None,
    };
    let new = apply(old, &shown, change)?;
    if old == Some(new.as_str()) {
        return Ok(path);
    }
    check_loads(config_dir, &shown, &new, change)?;
    let cannot = |e: io::Error| {
        Diagnostic::whole_file(&shown, format!("cannot write the file: {e}"))
            .expected("a config directory you can write to")
    };
    fs::create_dir_all(config_dir).map_err(cannot)?;
    write_atomic_with(&path, new.as_bytes(), before_rename).map_err(cannot)?;
    Ok(path)
}

/// Runs the new text through the loader: a save never leaves a file the app
/// cannot load, and what was saved must read back as the routine that was meant.
fn check_loads(
    config_dir: &Path,
    shown: &str,
    new: &str,
    change: Change<'_>,
) -> Result<(), Diagnostic> {
    let ex_path = config_dir.join("exercises.toml");
    let ex_bytes = library::read_user_file(&ex_path)?;
    let ex_shown = ex_path.display().to_string();
    let exercises = ex_bytes.as_deref().map(|b| (ex_shown.as_str(), b));
    let catalog =
        library::load_from(exercises, Some((shown, new.as_bytes()))).map_err(|diags| {
            let more = diags.len().saturating_sub(1);
            let mut d = diags
                .into_iter()
                .next()
                .unwrap_or_else(|| Diagnostic::whole_file(shown, "the file would not load"));
            d.message = format!("not saved, the file would not load: {}", d.message);
            if more > 0 {
                d.message.push_str(&format!(" (and {more} more problems)"));
            }
            d
        })?;
    let read_back = match change {
        Change::Put(r) => catalog.routine(&r.id) == Some(r),
        Change::Remove(_) => true,
    };
    if !read_back {
        return Err(Diagnostic::whole_file(
            shown,
            "not saved: the routine would read back differently from what was edited",
        ));
    }
    Ok(())
}
