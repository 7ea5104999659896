//! The routine editor inside the app: the routine being edited, the dialog open
//! over it (exercise list, dose form, name prompt, confirmations) and what keys do
//! there. Saving and deleting go out as effects; the runner reports back through
//! [`App::routine_saved`] and [`App::routine_removed`].

mod actions;
mod keys;

use super::keymap::{Context, Keymap};
use super::{Action, App, Effect, Screen, Tab};
use crate::model::catalog::{Catalog, Origin};
use crate::model::diagnostic::Diagnostic;
use crate::model::duration::{format_short, parse_duration};
use crate::model::edit::{DoseField, Editor, check_dose, takes_hold, takes_reps};
use crate::model::exercise::Exercise;
use crate::model::limits::EDIT_LIMITS;
use crate::model::routine::{Routine, StepDose};

/// The editor screen's state.
#[derive(Debug, Clone)]
pub struct EditorState {
    pub edit: Editor,
    /// Where the routine stands: `None` until a new routine is first saved.
    pub origin: Option<Origin>,
    pub modal: Option<Modal>,
    /// What the last key did, in a few words.
    pub note: Option<String>,
    /// Why the last save (or delete) failed; shown until one succeeds.
    pub error: Option<String>,
    /// The routine was deleted from routines.toml in this session, as it was
    /// saved: undo brings it back until the editor is left.
    pub deleted: Option<Routine>,
    /// A file operation the runner was asked for, to read its report.
    pending: Option<Pending>,
}

#[derive(Debug, Clone)]
enum Pending {
    /// Save; leave the editor afterwards (and quit the app) if asked.
    Save {
        leave: bool,
        quit: bool,
    },
    /// Bring back a routine deleted in this session.
    Restore,
    Delete,
    /// Remove the user's copy of a built-in, going back to this version.
    Reset(Routine),
}

/// A dialog over the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    Add(AddList),
    Dose(DoseForm),
    Name(NamePrompt),
    /// "Unsaved changes: save / discard / keep editing"; `quit` after leaving.
    ConfirmLeave {
        quit: bool,
    },
    ConfirmDelete,
    ConfirmReset,
}

/// Choosing an exercise to add, filtered by what is typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddList {
    pub filter: String,
    pub selected: usize,
}

impl AddList {
    /// The exercises whose name, id, kind or areas contain the filter (any case).
    pub fn matches<'c>(&self, catalog: &'c Catalog) -> Vec<&'c Exercise> {
        let want = self.filter.trim().to_lowercase();
        catalog
            .exercises()
            .filter(|e| {
                want.is_empty()
                    || e.name.to_lowercase().contains(&want)
                    || e.id.contains(&want)
                    || e.kind.as_str().contains(&want)
                    || e.areas.iter().any(|a| a.to_lowercase().contains(&want))
            })
            .collect()
    }
}

/// Typing a routine's name: for a new routine, or to rename one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePrompt {
    pub text: String,
    pub new: bool,
    pub error: Option<String>,
}

/// One field of the dose form, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    pub field: DoseField,
    /// Empty means "the level's own value".
    pub text: String,
}

/// The dose form of one step: only the fields the exercise can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseForm {
    pub step: usize,
    pub exercise: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Shown after Enter was pressed with a problem left.
    pub tried: bool,
}

impl DoseField {
    pub fn label(self) -> &'static str {
        match self {
            DoseField::Level => "Level",
            DoseField::Sets => "Sets",
            DoseField::Hold => "Hold",
            DoseField::Reps => "Reps",
            DoseField::Rest => "Rest",
            DoseField::PerSide => "Each side",
            DoseField::Open => "As long as you can",
        }
    }

    /// Whether the field is a yes / no / default choice rather than typed text.
    pub fn is_choice(self) -> bool {
        matches!(self, DoseField::PerSide | DoseField::Open)
    }
}

impl DoseForm {
    /// A form filled in from a step's current dose.
    pub fn new(step: usize, dose: &StepDose, exercise: &Exercise) -> DoseForm {
        let mut fields = vec![
            FormField {
                field: DoseField::Level,
                text: dose.level.map(|n| n.to_string()).unwrap_or_default(),
            },
            FormField {
                field: DoseField::Sets,
                text: dose.sets.map(|n| n.to_string()).unwrap_or_default(),
            },
        ];
        if takes_hold(exercise, None) {
            fields.push(FormField {
                field: DoseField::Hold,
                text: dose.hold.map(format_short).unwrap_or_default(),
            });
        }
        if takes_reps(exercise, None) {
            fields.push(FormField {
                field: DoseField::Reps,
                text: dose.reps.map(|n| n.to_string()).unwrap_or_default(),
            });
        }
        fields.push(FormField {
            field: DoseField::Rest,
            text: dose.rest.map(format_short).unwrap_or_default(),
        });
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        };
        fields.push(FormField {
            field: DoseField::PerSide,
            text: yes_no(dose.per_side),
        });
        // Held as long as you can: only for an exercise held for a time.
        if takes_hold(exercise, None) && !takes_reps(exercise, None) {
            fields.push(FormField {
                field: DoseField::Open,
                text: yes_no(dose.open),
            });
        }
        DoseForm {
            step,
            exercise: exercise.id.clone(),
            fields,
            focus: 0,
            tried: false,
        }
    }

    /// The dose as typed, and what cannot be read (per field).
    pub fn parse(&self) -> (StepDose, Vec<(DoseField, String)>) {
        let mut dose = StepDose::default();
        let mut problems = Vec::new();
        for f in &self.fields {
            let text = f.text.trim();
            if text.is_empty() {
                continue;
            }
            let number = text.parse::<u32>().ok();
            let duration = parse_duration(text).ok();
            let ok = match f.field {
                DoseField::Level => number.map(|n| dose.level = Some(n as usize)).is_some(),
                DoseField::Sets => number.map(|n| dose.sets = Some(n)).is_some(),
                DoseField::Reps => number.map(|n| dose.reps = Some(n)).is_some(),
                DoseField::Hold => duration.map(|d| dose.hold = Some(d)).is_some(),
                DoseField::Rest => duration.map(|d| dose.rest = Some(d)).is_some(),
                DoseField::PerSide | DoseField::Open => {
                    let choice = match text {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    };
                    if f.field == DoseField::Open {
                        dose.open = choice;
                    } else {
                        dose.per_side = choice;
                    }
                    choice.is_some()
                }
            };
            if !ok {
                let expected = match f.field {
                    DoseField::Hold | DoseField::Rest => "a duration such as 45s or 1m30s",
                    DoseField::PerSide | DoseField::Open => "yes, no, or empty",
                    _ => "a whole number",
                };
                problems.push((f.field, format!("\"{text}\" is not {expected}")));
            }
        }
        (dose, problems)
    }

    /// Every problem with the form as it stands (typing and the dose's limits).
    pub fn problems(&self, exercise: &Exercise) -> Vec<(DoseField, String)> {
        let (dose, mut problems) = self.parse();
        for p in check_dose(&dose, exercise, &EDIT_LIMITS) {
            if !problems.iter().any(|(f, _)| *f == p.0) {
                problems.push(p);
            }
        }
        problems
    }
}

impl EditorState {
    fn new(edit: Editor, origin: Option<Origin>) -> EditorState {
        EditorState {
            edit,
            origin,
            modal: None,
            note: None,
            error: None,
            deleted: None,
            pending: None,
        }
    }

    /// What the status line of the editor says about where the routine is kept.
    pub fn where_kept(&self, keymap: &Keymap) -> String {
        let key = |action| editor_key(keymap, action);
        if self.deleted.is_some() {
            return format!(
                "Deleted from routines.toml. {} brings it back; {} leaves.",
                key(Action::Undo),
                key(Action::Back)
            );
        }
        match self.origin {
            None => "A new routine, not saved yet.".into(),
            Some(Origin::BuiltIn) => format!(
                "Built-in routine: {} saves your own copy in routines.toml.",
                key(Action::Save)
            ),
            Some(Origin::Customised) => format!(
                "Your customised copy of a built-in; {} resets it.",
                key(Action::Reset)
            ),
            Some(Origin::User) => "Your routine, kept in routines.toml.".into(),
        }
    }
}

impl App {
    /// The editor, if it is open.
    pub fn editor(&self) -> Option<&EditorState> {
        match &self.screen {
            Screen::Editor(e) => Some(e),
            _ => None,
        }
    }

    fn editor_mut(&mut self) -> Option<&mut EditorState> {
        match &mut self.screen {
            Screen::Editor(e) => Some(e),
            _ => None,
        }
    }

    /// Opens the editor on a routine of the catalog.
    pub fn open_editor(&mut self, routine_id: &str) -> bool {
        let Some(routine) = self.catalog.routine(routine_id) else {
            return false;
        };
        let origin = self.catalog.routine_origin(routine_id);
        let edit = Editor::open(routine.clone(), EDIT_LIMITS);
        self.screen = Screen::Editor(Box::new(EditorState::new(edit, origin)));
        true
    }

    /// Opens the editor on a new, empty routine, asking for its name first.
    pub fn new_routine(&mut self) {
        let Ok(edit) = Editor::new_routine("", "New routine", EDIT_LIMITS) else {
            return;
        };
        let mut state = EditorState::new(edit, None);
        state.modal = Some(Modal::Name(NamePrompt {
            text: String::new(),
            new: true,
            error: None,
        }));
        self.screen = Screen::Editor(Box::new(state));
    }

    /// Back to the picker, on the routine that was edited.
    fn leave_editor(&mut self) {
        let id = self
            .editor()
            .map(|e| e.edit.routine().id.clone())
            .unwrap_or_default();
        self.screen = Screen::Main;
        self.tab = Tab::Routines;
        let n = self.catalog.routines().len();
        match self.catalog.routines().position(|r| r.id == id) {
            Some(i) => self.selected = i,
            None => self.selected = self.selected.min(n.saturating_sub(1)),
        }
    }

    /// Asks the runner to save the routine, if it can be saved.
    fn editor_save(&mut self, leave: bool, quit: bool) {
        let too_long = match &self.screen {
            Screen::Editor(e) => {
                crate::model::limits::too_long(&self.catalog.resolve(e.edit.routine(), &|_| None))
            }
            _ => None,
        };
        let Some(state) = self.editor_mut() else {
            return;
        };
        if let Err(e) = state.edit.check_saveable() {
            state.note = Some(capitalise(&e.0));
            return;
        }
        if let Some(total) = too_long {
            state.note = Some(format!(
                "This routine would take about {} hours; make it 24 hours or less to save it.",
                total.as_secs() / 3600
            ));
            return;
        }
        if !state.edit.is_dirty() && !leave {
            state.note = Some("No changes to save.".into());
            return;
        }
        state.pending = Some(Pending::Save { leave, quit });
        let routine = state.edit.routine().clone();
        self.effects.push(Effect::SaveRoutine { routine });
    }

    /// The runner saved a routine (`Ok(where)`), or could not.
    pub fn routine_saved(&mut self, routine: &Routine, result: Result<String, Diagnostic>) {
        let origin = match self.catalog.routine_origin(&routine.id) {
            Some(Origin::BuiltIn | Origin::Customised) => Origin::Customised,
            _ => Origin::User,
        };
        if result.is_ok() {
            // The picker's estimate and the next session follow at once.
            self.catalog.put_routine(routine.clone(), origin);
        }
        let Some(state) = self.editor_mut() else {
            if let Err(d) = result {
                self.status_line = Some(format!("Not saved: {d}"));
            }
            return;
        };
        let pending = state.pending.take();
        match result {
            Ok(path) => {
                state.edit.mark_saved(routine);
                state.origin = Some(origin);
                state.error = None;
                state.deleted = None;
                state.note = Some(match pending {
                    Some(Pending::Restore) => format!("Brought back into {path}."),
                    _ => format!("Saved to {path}."),
                });
                if let Some(Pending::Save { leave: true, quit }) = pending {
                    let name = routine.name.clone();
                    self.leave_editor();
                    self.status_line = Some(format!("Saved \"{name}\" to {path}."));
                    self.quit |= quit;
                }
            }
            Err(d) => {
                state.error = Some(format!("Not saved: {d}"));
                state.note = None;
            }
        }
    }

    /// The runner removed a routine from the user's file (`Ok(where)`), or could not.
    pub fn routine_removed(&mut self, id: &str, result: Result<String, Diagnostic>) {
        let undo = editor_key(&self.keymap, Action::Undo);
        let Some(state) = self.editor_mut() else {
            if result.is_ok() {
                self.catalog.remove_routine(id);
            }
            return;
        };
        let pending = state.pending.take();
        let path = match result {
            Ok(path) => path,
            Err(d) => {
                state.error = Some(format!("Not changed: {d}"));
                state.note = None;
                return;
            }
        };
        state.error = None;
        match pending {
            Some(Pending::Reset(builtin)) => {
                let _ = state.edit.replace(builtin.clone());
                state.edit.mark_saved(&builtin);
                state.origin = Some(Origin::BuiltIn);
                state.note = Some(format!(
                    "Reset to the built-in; your copy was removed from {path}. {undo} brings your steps back (unsaved)."
                ));
                self.catalog.put_routine(builtin, Origin::BuiltIn);
            }
            _ => {
                let saved = state
                    .edit
                    .saved()
                    .cloned()
                    .unwrap_or_else(|| state.edit.routine().clone());
                state.deleted = Some(saved);
                state.note = Some(format!("Deleted from {path}."));
                self.catalog.remove_routine(id);
            }
        }
    }
}

/// The key of an editor action as the hint bar writes it ("u"), for messages.
pub(crate) fn editor_key(keymap: &Keymap, action: Action) -> String {
    keymap
        .first_key(Context::Editor, action)
        .unwrap_or_else(|| action.name().to_string())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => {
            let mut out: String = first.to_uppercase().collect();
            out.push_str(chars.as_str());
            if !out.ends_with('.') {
                out.push('.');
            }
            out
        }
        None => String::new(),
    }
}
