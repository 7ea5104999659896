//! Keys one at a time from a terminal, without taking the screen: while plain
//! mode runs, a terminal on standard input stops waiting for Enter before it
//! passes what was typed on (no canonical mode) and stops echoing it, and
//! keeps everything else (Ctrl-C still interrupts, output still ends lines
//! as before).

use std::io::{IsTerminal, Stdin};

use rustix::termios::{
    LocalModes, OptionalActions, SpecialCodeIndex, Termios, tcgetattr, tcsetattr,
};

/// A terminal on standard input set for single keys; put back as it was when
/// dropped.
pub struct SingleKeys {
    saved: Termios,
}

impl SingleKeys {
    /// Sets the terminal on standard input for single keys; `None` when
    /// standard input is no terminal (a pipe, a file, /dev/null) or it refused.
    pub fn enter() -> Option<SingleKeys> {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        let saved = tcgetattr(&stdin).ok()?;
        set(&stdin, &saved).ok()?;
        Some(SingleKeys { saved })
    }

    /// Sets it again (after the process was stopped and continued, when the
    /// shell may have put its own settings back).
    pub fn again(&self) {
        let _ = set(&std::io::stdin(), &self.saved);
    }
}

fn set(stdin: &Stdin, saved: &Termios) -> rustix::io::Result<()> {
    let mut t = saved.clone();
    t.local_modes &= !(LocalModes::ICANON | LocalModes::ECHO);
    t.special_codes[SpecialCodeIndex::VMIN] = 1;
    t.special_codes[SpecialCodeIndex::VTIME] = 0;
    tcsetattr(stdin, OptionalActions::Now, &t)
}

impl Drop for SingleKeys {
    fn drop(&mut self) {
        let _ = tcsetattr(std::io::stdin(), OptionalActions::Now, &self.saved);
    }
}
