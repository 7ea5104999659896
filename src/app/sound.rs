//! Sound in the app: what each moment of a session plays, says or rings, as
//! effects for the runner. The runner says once what it found (a player, a
//! speech command) and reports a failure; the app then falls back to the bell
//! and the status bar says so, once.

use super::{App, Effect};
use crate::model::cues::{Announcement, Cue};

/// What can sound, as the runner found it at start (all off until it says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SoundOut {
    /// Cue sounds play (tones on and a player found, and it has not failed).
    pub tones: bool,
    /// Phrases are spoken (voice on and a speech command found, not failed).
    pub voice: bool,
}

/// Which of the system programs failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Player,
    Speech,
}

impl App {
    /// The runner found these outputs; `note` is something to tell the user
    /// once (e.g. voice is on but no speech command was found).
    pub fn sound_ready(&mut self, out: SoundOut, note: Option<String>) {
        self.sound = out;
        if note.is_some() {
            self.status_line = note;
        }
    }

    /// A player or speech command failed: stop using it, and say so once.
    pub fn sound_failed(&mut self, output: Output, why: &str) {
        let message = match output {
            Output::Player if self.sound.tones => {
                self.sound.tones = false;
                let instead = if self.settings.sound.bell {
                    "the terminal bell rings instead"
                } else {
                    "cues are silent now (bell = false)"
                };
                format!("Sound player failed ({why}); {instead}.")
            }
            Output::Speech if self.sound.voice => {
                self.sound.voice = false;
                format!("Speech failed ({why}); no more spoken phrases this time.")
            }
            _ => return,
        };
        self.status_line = Some(message);
    }

    /// Plays, says or rings what belongs to this moment of the session.
    pub(super) fn announce(&mut self, announcement: Option<Announcement>) {
        let Some(a) = announcement else { return };
        let sound = &self.settings.sound;
        if self.muted || (a.cue == Cue::Countdown && !sound.countdown) {
            return;
        }
        if self.sound.tones {
            self.effects.push(Effect::Cue(a.cue));
            // The end chime rings the bell too.
            if a.cue == Cue::Complete && sound.bell {
                self.effects.push(Effect::Bell);
            }
        } else if sound.bell && a.cue.rings_bell() {
            self.effects.push(Effect::Bell);
        }
        if self.sound.voice
            && let Some(phrase) = a.phrase
        {
            self.effects.push(Effect::Say(phrase));
        }
    }
}
