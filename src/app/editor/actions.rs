//! What the editor's keys do when no dialog is open: move the selection, change
//! the steps (each change can be undone), open a dialog, save, leave.

use super::{AddList, DoseForm, EditorState, Modal, NamePrompt, Pending, capitalise, editor_key};
use crate::app::{Action, App, Effect, Overlay, Screen};
use crate::model::catalog::{Catalog, Origin};
use crate::model::edit::EditError;

/// What an editing action says afterwards, if anything.
type Outcome = Result<Option<String>, EditError>;

/// The keys the editor's messages name, as the hint bar writes them.
struct Keys {
    undo: String,
    back: String,
    add: String,
    reset: String,
}

impl App {
    /// An action from the keymap while the editor shows (no dialog open).
    pub(in crate::app) fn editor_action(&mut self, action: Action) {
        let key = |action| editor_key(&self.keymap, action);
        let keys = Keys {
            undo: key(Action::Undo),
            back: key(Action::Back),
            add: key(Action::Add),
            reset: key(Action::Reset),
        };
        let catalog = &self.catalog;
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        state.note = None;
        if state.deleted.is_some() {
            self.deleted_routine_action(action, &keys);
            return;
        }
        let dirty = state.edit.is_dirty();
        match action {
            Action::Save => self.editor_save(false, false),
            Action::Back if dirty => state.modal = Some(Modal::ConfirmLeave { quit: false }),
            Action::Back => self.leave_editor(),
            Action::Quit if dirty => state.modal = Some(Modal::ConfirmLeave { quit: true }),
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help),
            _ => {
                let result = match open_dialog(state, catalog, action, &keys) {
                    Some(outcome) => outcome,
                    None => change_steps(state, catalog, action, &keys),
                };
                state.note = match result {
                    Ok(note) => note,
                    Err(e) => Some(capitalise(&e.0)),
                };
            }
        }
    }

    /// The routine was deleted in this editor: only undo (bring it back), leaving
    /// and the help do anything.
    fn deleted_routine_action(&mut self, action: Action, keys: &Keys) {
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        match action {
            Action::Undo => {
                if let Some(routine) = state.deleted.clone() {
                    state.pending = Some(Pending::Restore);
                    self.effects.push(Effect::SaveRoutine { routine });
                }
            }
            Action::Back => self.leave_editor(),
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::Help),
            _ => {
                state.note = Some(format!(
                    "This routine was deleted: {} brings it back, {} leaves.",
                    keys.undo, keys.back
                ))
            }
        }
    }
}

/// Moves the selection or changes the steps; every change can be undone.
fn change_steps(
    state: &mut EditorState,
    catalog: &Catalog,
    action: Action,
    keys: &Keys,
) -> Outcome {
    let edit = &mut state.edit;
    let sel = edit.selected();
    let said = |text: &str| Ok(Some(text.to_string()));
    match action {
        Action::Up => {
            edit.select(sel.saturating_sub(1));
            Ok(None)
        }
        Action::Down => {
            edit.select(sel + 1);
            Ok(None)
        }
        Action::MoveUp => edit.move_up(sel).and(said("Moved up.")),
        Action::MoveDown => edit.move_down(sel).and(said("Moved down.")),
        Action::Delete => edit.delete(sel).map(|step| {
            let name = catalog
                .exercise(&step.exercise)
                .map_or(step.exercise.clone(), |e| e.name.clone());
            Some(format!("Removed {name} ({} to undo).", keys.undo))
        }),
        Action::Duplicate => edit.duplicate(sel).and(said("Duplicated.")),
        Action::Undo if edit.undo() => said("Undone."),
        Action::Undo => said("Nothing to undo."),
        Action::Redo if edit.redo() => said("Redone."),
        Action::Redo => said("Nothing to redo."),
        _ => Ok(None),
    }
}

/// Opens the dialog an action asks for (or says why it cannot); `None` when the
/// action opens none.
fn open_dialog(
    state: &mut EditorState,
    catalog: &Catalog,
    action: Action,
    keys: &Keys,
) -> Option<Outcome> {
    let edit = &mut state.edit;
    let said = |text: String| Some(Ok(Some(text)));
    let modal = match action {
        Action::Add => Modal::Add(AddList::default()),
        Action::EditDose => {
            let sel = edit.selected();
            let found = edit
                .selected_step()
                .and_then(|s| catalog.exercise(&s.exercise).map(|e| (s, e)));
            match found {
                Some((step, exercise)) => Modal::Dose(DoseForm::new(sel, &step.dose, exercise)),
                None => {
                    return said(format!("No step to change: press {} to add one.", keys.add));
                }
            }
        }
        Action::Rename => Modal::Name(NamePrompt {
            text: edit.routine().name.clone(),
            new: false,
            error: None,
        }),
        Action::Reset => match state.origin {
            Some(Origin::Customised) => Modal::ConfirmReset,
            Some(Origin::BuiltIn) => {
                return match catalog.builtin_routine(&edit.routine().id) {
                    Some(builtin) if edit.routine() != builtin => {
                        let _ = edit.replace(builtin.clone());
                        said(format!(
                            "Back to the built-in version ({} to undo).",
                            keys.undo
                        ))
                    }
                    _ => said("This is the built-in version already.".into()),
                };
            }
            _ => return said("Only a built-in routine can be reset; this one is yours.".into()),
        },
        Action::DeleteRoutine => match state.origin {
            Some(Origin::User) => Modal::ConfirmDelete,
            Some(Origin::Customised) => {
                return said(format!(
                    "A built-in cannot be deleted; {} resets your copy of it.",
                    keys.reset
                ));
            }
            Some(Origin::BuiltIn) => return said("A built-in routine cannot be deleted.".into()),
            None => {
                return said(format!(
                    "Not saved yet: {} and discard to drop it.",
                    keys.back
                ));
            }
        },
        _ => return None,
    };
    state.modal = Some(modal);
    Some(Ok(None))
}
