//! What a key does: it goes to the dialog open (an overlay, or a dialog of the
//! editor), else to the view, always through the keymap. A dialog that takes
//! typed text gets the characters no binding of its context claims. The mouse
//! comes in through [`App::act`], the same way without the key.

use super::keymap::{Context, Key};
use super::{Action, App, Ask, Effect, EndStatus, Now, Overlay};

impl Overlay {
    /// The keymap context of this overlay.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help => Context::Help,
            Overlay::Notice => Context::Notice,
            Overlay::ConfirmEnd => Context::EndDialog,
            Overlay::Prompt { .. } => Context::Prompt,
            Overlay::Resume => Context::Resume,
            Overlay::QuitUnsaved => Context::QuitDialog,
        }
    }
}

/// The longest note kept.
const NOTE_MAX: usize = 200;
/// The longest path typed for the events not saved.
const PATH_MAX: usize = 4096;

/// Whether a prompt takes `c` after `input`: a pain score is a whole number from
/// 0 to 10, a note any text up to [`NOTE_MAX`] characters.
fn prompt_takes(ask: &Ask, input: &str, c: char) -> bool {
    match ask {
        Ask::Note => return input.chars().count() < NOTE_MAX,
        Ask::SaveEventsTo => return !c.is_control() && input.chars().count() < PATH_MAX,
        _ => {}
    }
    let next = format!("{input}{c}");
    c.is_ascii_digit() && next.parse::<u8>().is_ok_and(|v| v <= 10) && next.len() <= 2
}

impl App {
    /// A key was pressed.
    pub fn key(&mut self, key: Key, now: Now) {
        self.tick(now);
        if let Some(overlay) = self.overlay.clone() {
            let action = self.keymap.action(overlay.context(), key);
            self.overlay_input(overlay, action, key.typed());
            return;
        }
        if let Some(ctx) = self.editor_modal_context() {
            let action = self.keymap.action(ctx, key);
            self.editor_input(ctx, action, key.typed());
            return;
        }
        let ctx = self.context();
        if let Some(action) = self.keymap.action(ctx, key) {
            self.update(action, now);
        }
    }

    /// Does what a key bound to `action` does where the user is: in the dialog
    /// open, else in the view. How a click or the wheel acts (see `mouse`).
    pub fn act(&mut self, action: Action, now: Now) {
        self.tick(now);
        if let Some(overlay) = self.overlay.clone() {
            self.overlay_input(overlay, Some(action), None);
        } else if let Some(ctx) = self.editor_modal_context() {
            self.editor_input(ctx, Some(action), None);
        } else {
            self.update(action, now);
        }
    }

    /// An action (or, with none, the character typed) in the overlay open.
    pub(super) fn overlay_input(
        &mut self,
        overlay: Overlay,
        action: Option<Action>,
        typed: Option<char>,
    ) {
        if overlay == Overlay::QuitUnsaved {
            self.quit_unsaved_input(action);
            return;
        }
        if action == Some(Action::Quit) {
            self.quit_app();
            return;
        }
        match (overlay, action) {
            (Overlay::Help, action) => self.help_input(action),
            (Overlay::Notice, Some(Action::Acknowledge)) => {
                self.close_overlay();
                self.effects.push(Effect::NoticeSeen);
            }
            (Overlay::Resume, Some(Action::ResumeSession)) => {
                self.close_overlay();
                if let Some(offer) = self.resume_offer.take() {
                    self.resume(&offer);
                }
            }
            (Overlay::Resume, Some(Action::NotNow)) => {
                self.close_overlay();
                if let Some(offer) = self.resume_offer.take() {
                    self.decline_resume(&offer);
                }
            }
            (Overlay::ConfirmEnd, Some(Action::SavePartial)) => {
                self.close_overlay();
                self.end_session(EndStatus::Partial);
            }
            (Overlay::ConfirmEnd, Some(Action::Discard)) => {
                self.close_overlay();
                self.end_session(EndStatus::Abandoned);
            }
            (Overlay::ConfirmEnd, Some(Action::KeepGoing)) => {
                self.close_overlay();
                self.keep_going();
            }
            (Overlay::Prompt { ask, input }, action) => self.prompt_key(ask, input, action, typed),
            _ => {}
        }
    }

    /// The help: up and down scroll it when it does not fit (see
    /// [`App::drawn`]); any other key closes it.
    fn help_input(&mut self, action: Option<Action>) {
        let max = self.mouse.hits.help_max_scroll;
        match action {
            Some(Action::Up) if max > 0 => self.help_scroll = self.help_scroll.saturating_sub(1),
            Some(Action::Down) if max > 0 => self.help_scroll = (self.help_scroll + 1).min(max),
            _ => {
                self.help_scroll = 0;
                self.close_overlay();
            }
        }
    }

    /// A key in the pain or note prompt: its action, or the character it types.
    fn prompt_key(
        &mut self,
        ask: Ask,
        mut input: String,
        action: Option<Action>,
        typed: Option<char>,
    ) {
        match action {
            Some(Action::Confirm) => {
                let answer = input.trim().to_string();
                self.close_overlay();
                self.answer(ask, (!answer.is_empty()).then_some(answer));
                return;
            }
            Some(Action::Cancel) if ask == Ask::SaveEventsTo => {
                // Back to the quit question.
                self.close_overlay();
                self.show(Overlay::QuitUnsaved);
                return;
            }
            Some(Action::Cancel) => {
                self.close_overlay();
                self.answer(ask, None);
                return;
            }
            Some(Action::DeleteChar) => {
                input.pop();
            }
            Some(_) => {}
            None => {
                if let Some(c) = typed
                    && prompt_takes(&ask, &input, c)
                {
                    input.push(c);
                }
            }
        }
        self.overlay = Some(Overlay::Prompt { ask, input });
    }
}
