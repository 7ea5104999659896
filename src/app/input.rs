//! What a key does: it goes to the dialog open (an overlay, or a dialog of the
//! editor), else to the view, always through the keymap. A dialog that takes
//! typed text gets the characters no binding of its context claims.

use super::keymap::{Context, Key};
use super::{Action, App, Ask, Effect, EndStatus, Now, Overlay};

impl Overlay {
    /// The keymap context of this overlay; `None` for the help, which any key
    /// closes.
    pub fn context(&self) -> Option<Context> {
        match self {
            Overlay::Help => None,
            Overlay::Notice => Some(Context::Notice),
            Overlay::ConfirmEnd => Some(Context::EndDialog),
            Overlay::Prompt { .. } => Some(Context::Prompt),
            Overlay::Resume => Some(Context::Resume),
        }
    }
}

/// The longest note kept.
const NOTE_MAX: usize = 200;

/// Whether a prompt takes `c` after `input`: a pain score is a whole number from
/// 0 to 10, a note any text up to [`NOTE_MAX`] characters.
fn prompt_takes(ask: &Ask, input: &str, c: char) -> bool {
    if matches!(ask, Ask::Note) {
        return input.chars().count() < NOTE_MAX;
    }
    let next = format!("{input}{c}");
    c.is_ascii_digit() && next.parse::<u8>().is_ok_and(|v| v <= 10) && next.len() <= 2
}

impl App {
    /// A key was pressed.
    pub fn key(&mut self, key: Key, now: Now) {
        self.tick(now);
        if let Some(overlay) = self.overlay.clone() {
            self.overlay_key(overlay, key);
            return;
        }
        if self.editor_key(key) {
            return;
        }
        let ctx = self.context();
        if let Some(action) = self.keymap.action(ctx, key) {
            self.update(action, now);
        }
    }

    fn overlay_key(&mut self, overlay: Overlay, key: Key) {
        let Some(ctx) = overlay.context() else {
            // The help: the quit key quits, any other key closes it.
            if self.keymap.action(Context::Global, key) == Some(Action::Quit) {
                self.shutdown();
            } else {
                self.close_overlay();
            }
            return;
        };
        let action = self.keymap.action(ctx, key);
        if action == Some(Action::Quit) {
            self.shutdown();
            return;
        }
        match (overlay, action) {
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
            (Overlay::Prompt { ask, input }, action) => self.prompt_key(ask, input, action, key),
            _ => {}
        }
    }

    /// A key in the pain or note prompt: its action, or the character it types.
    fn prompt_key(&mut self, ask: Ask, mut input: String, action: Option<Action>, key: Key) {
        match action {
            Some(Action::Confirm) => {
                let answer = input.trim().to_string();
                self.close_overlay();
                self.answer(ask, (!answer.is_empty()).then_some(answer));
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
                if let Some(c) = key.typed()
                    && prompt_takes(&ask, &input, c)
                {
                    input.push(c);
                }
            }
        }
        self.overlay = Some(Overlay::Prompt { ask, input });
    }
}
