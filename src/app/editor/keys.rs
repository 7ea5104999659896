//! What keys do in the editor's dialogs, through the keymap: each dialog is a
//! keymap context, and the ones with a text field take the characters no binding
//! claims.

use super::{DoseForm, Modal, Pending, capitalise};
use crate::app::keymap::Context;
use crate::app::{Action, App, Effect, Screen};
use crate::model::edit::{Editor, id_from_name};
use crate::model::limits::EDIT_LIMITS;

/// The longest filter of the exercise list, and the longest dose field.
const FILTER_MAX: usize = 30;
const FIELD_MAX: usize = 12;

impl Modal {
    /// The keymap context of this dialog.
    pub fn context(&self) -> Context {
        match self {
            Modal::Add(_) => Context::AddStep,
            Modal::Dose(_) => Context::DoseForm,
            Modal::Name(_) => Context::NamePrompt,
            Modal::ConfirmLeave { .. } => Context::ConfirmLeave,
            Modal::ConfirmDelete => Context::ConfirmDelete,
            Modal::ConfirmReset => Context::ConfirmReset,
        }
    }
}

/// A choice field's values (each side, as long as you can) in the order the choice keys step through them.
const CHOICES: [&str; 3] = ["", "yes", "no"];

impl DoseForm {
    /// A key in the dose form: its action, or the character it types into the
    /// focused field (the choice fields take y, n and Space as choices).
    fn key(&mut self, action: Option<Action>, typed: Option<char>) {
        let n = self.fields.len();
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        let choice = f.field.is_choice();
        let step = |text: &str, by: usize| {
            let i = CHOICES.iter().position(|o| *o == text).unwrap_or(0);
            CHOICES[(i + by) % CHOICES.len()].to_string()
        };
        match action {
            Some(Action::NextField) => self.focus = (self.focus + 1) % n,
            Some(Action::PreviousField) => self.focus = (self.focus + n - 1) % n,
            Some(Action::DeleteChar) if choice => f.text.clear(),
            Some(Action::DeleteChar) => {
                f.text.pop();
            }
            Some(Action::NextChoice) if choice => f.text = step(&f.text, 1),
            Some(Action::PreviousChoice) if choice => f.text = step(&f.text, 2),
            Some(_) => {}
            None => match typed {
                Some(' ') if choice => f.text = step(&f.text, 1),
                Some('y') if choice => f.text = "yes".into(),
                Some('n') if choice => f.text = "no".into(),
                Some(c) if !choice && f.text.chars().count() < FIELD_MAX => f.text.push(c),
                _ => {}
            },
        }
    }
}

impl App {
    /// The keymap context of the dialog open over the editor, if any.
    pub(in crate::app) fn editor_modal_context(&self) -> Option<Context> {
        self.editor()
            .and_then(|e| e.modal.as_ref())
            .map(Modal::context)
    }

    /// An action (or, with none, the character typed) in the editor's dialog
    /// of context `ctx`.
    pub(in crate::app) fn editor_input(
        &mut self,
        ctx: Context,
        action: Option<Action>,
        typed: Option<char>,
    ) {
        match (ctx, action) {
            (_, Some(Action::Quit)) => self.editor_dialog_quit(),
            (Context::AddStep, _) => self.add_list_key(action, typed),
            (Context::DoseForm, _) => self.dose_form_key(action, typed),
            (Context::NamePrompt, _) => self.name_key(action, typed),
            (_, Some(action)) => self.question_key(action),
            (_, None) => {}
        }
    }

    /// The quit key in a dialog: it asks first only if there are changes worth
    /// keeping (a routine still being named has none); in the "unsaved changes"
    /// question it is the second ask, so it quits, leaving the changes unsaved.
    fn editor_dialog_quit(&mut self) {
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        match state.modal.take() {
            Some(Modal::ConfirmLeave { .. }) => self.quit = true,
            Some(Modal::Name(p)) if p.new => self.quit = true,
            _ => self.editor_action(Action::Quit),
        }
    }

    fn add_list_key(&mut self, action: Option<Action>, typed: Option<char>) {
        let catalog = &self.catalog;
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        let Some(Modal::Add(list)) = state.modal.as_mut() else {
            return;
        };
        match action {
            Some(Action::Cancel) => state.modal = None,
            Some(Action::PreviousMatch) => list.selected = list.selected.saturating_sub(1),
            Some(Action::NextMatch) => {
                let n = list.matches(catalog).len();
                list.selected = (list.selected + 1).min(n.saturating_sub(1));
            }
            Some(Action::DeleteChar) => {
                list.filter.pop();
                list.selected = 0;
            }
            Some(Action::Confirm) => {
                let Some(exercise) = list.matches(catalog).get(list.selected).copied() else {
                    return;
                };
                let at = if state.edit.routine().steps.is_empty() {
                    0
                } else {
                    state.edit.selected() + 1
                };
                match state.edit.add(at, exercise) {
                    Ok(()) => {
                        state.note = Some(format!("Added {}.", exercise.name));
                        state.modal = None;
                    }
                    Err(e) => state.note = Some(capitalise(&e.0)),
                }
            }
            Some(_) => {}
            None => {
                if let Some(c) = typed
                    && list.filter.chars().count() < FILTER_MAX
                {
                    list.filter.push(c);
                    list.selected = 0;
                }
            }
        }
    }

    fn dose_form_key(&mut self, action: Option<Action>, typed: Option<char>) {
        let catalog = &self.catalog;
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        let Some(Modal::Dose(form)) = state.modal.as_mut() else {
            return;
        };
        match action {
            Some(Action::Cancel) => state.modal = None,
            Some(Action::Confirm) => {
                let Some(exercise) = catalog.exercise(&form.exercise) else {
                    state.modal = None;
                    return;
                };
                if !form.problems(exercise).is_empty() {
                    form.tried = true;
                    return;
                }
                let (dose, _) = form.parse();
                match state.edit.set_dose(form.step, dose, exercise) {
                    Ok(()) => {
                        state.note = Some(format!("Changed the dose of {}.", exercise.name));
                        state.modal = None;
                    }
                    Err(e) => {
                        form.tried = true;
                        state.note = Some(capitalise(&e.0));
                    }
                }
            }
            _ => form.key(action, typed),
        }
    }

    fn name_key(&mut self, action: Option<Action>, typed: Option<char>) {
        let add_key = self
            .keymap
            .first_key(Context::Editor, Action::Add)
            .unwrap_or_else(|| Action::Add.name().to_string());
        let catalog = &self.catalog;
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        let Some(Modal::Name(prompt)) = state.modal.as_mut() else {
            return;
        };
        match action {
            Some(Action::Cancel) => {
                let new = prompt.new;
                state.modal = None;
                if new {
                    self.leave_editor();
                }
            }
            Some(Action::DeleteChar) => {
                prompt.text.pop();
                prompt.error = None;
            }
            Some(Action::Confirm) if prompt.new => {
                let id = id_from_name(&prompt.text, &|id| catalog.routine(id).is_some());
                match Editor::new_routine(&id, &prompt.text, EDIT_LIMITS) {
                    Ok(edit) => {
                        state.note = Some(format!(
                            "New routine \"{}\" (id {id}). Press {add_key} to add a step.",
                            edit.routine().name
                        ));
                        state.edit = edit;
                        state.modal = None;
                    }
                    Err(e) => prompt.error = Some(capitalise(&e.0)),
                }
            }
            Some(Action::Confirm) => {
                let text = prompt.text.clone();
                match state.edit.rename(&text) {
                    Ok(()) => {
                        state.note = Some(format!("Renamed to \"{}\".", state.edit.routine().name));
                        state.modal = None;
                    }
                    Err(e) => prompt.error = Some(capitalise(&e.0)),
                }
            }
            Some(_) => {}
            None => {
                if let Some(c) = typed
                    && prompt.text.chars().count() < EDIT_LIMITS.max_name
                {
                    prompt.text.push(c);
                    prompt.error = None;
                }
            }
        }
    }

    /// An answer to one of the editor's questions: leave with unsaved changes,
    /// delete the routine, reset it to the built-in.
    fn question_key(&mut self, action: Action) {
        let catalog = &self.catalog;
        let Screen::Editor(state) = &mut self.screen else {
            return;
        };
        let Some(modal) = state.modal.clone() else {
            return;
        };
        match (modal, action) {
            (Modal::ConfirmLeave { quit }, Action::Save) => {
                state.modal = None;
                self.editor_save(true, quit);
            }
            (Modal::ConfirmLeave { quit }, Action::Discard) => {
                state.modal = None;
                self.leave_editor();
                self.quit |= quit;
            }
            (Modal::ConfirmLeave { .. }, Action::KeepGoing)
            | (Modal::ConfirmDelete | Modal::ConfirmReset, Action::No) => state.modal = None,
            (Modal::ConfirmDelete, Action::Yes) => {
                state.modal = None;
                state.pending = Some(Pending::Delete);
                let id = state.edit.routine().id.clone();
                self.effects.push(Effect::DeleteRoutine { id });
            }
            (Modal::ConfirmReset, Action::Yes) => {
                state.modal = None;
                let id = state.edit.routine().id.clone();
                if let Some(builtin) = catalog.builtin_routine(&id).cloned() {
                    state.pending = Some(Pending::Reset(builtin));
                    self.effects.push(Effect::DeleteRoutine { id });
                }
            }
            _ => {}
        }
    }
}
