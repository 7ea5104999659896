//! What plain mode says besides the engine's milestones (those come as
//! [`Effect::Line`](crate::app::Effect::Line)): the changes of the app's state
//! the screen would show, each said once, in the words the screen uses. The
//! time left before the countdown, a pause and going on, a message or a status
//! line, a dialog's question and its keys, and the end of the session.

use ratatui::text::Line;

use crate::app::keymap::Context;
use crate::app::{Action, App, EndStatus, Overlay, Running, Screen, Summary};
use crate::model::cues;
use crate::model::session::Status;
use crate::ui::theme::Theme;
use crate::ui::{self, summary};

/// What has been said of the app's state so far.
#[derive(Debug, Default)]
pub struct Follower {
    status_line: Option<String>,
    message: Option<String>,
    paused: bool,
    /// The phase the session is at, and whether its time left was said.
    phase: Option<usize>,
    time_left_said: bool,
    /// The dialog open (a prompt without what was typed in it).
    overlay: Option<Overlay>,
    summary: bool,
}

impl Follower {
    /// The lines to print for what changed since the last call.
    pub fn lines(&mut self, app: &App) -> Vec<String> {
        let mut out = Vec::new();
        if app.status_line != self.status_line {
            self.status_line.clone_from(&app.status_line);
            out.extend(app.status_line.clone());
        }
        match &app.screen {
            Screen::Session(r) => self.session(app, r, &mut out),
            Screen::Summary(s) if !self.summary => {
                self.summary = true;
                out.extend(end_lines(app, s));
            }
            _ => {}
        }
        let overlay = app.overlay.as_ref().map(|o| match o {
            Overlay::Prompt { ask, .. } => Overlay::Prompt {
                ask: ask.clone(),
                input: String::new(),
            },
            other => other.clone(),
        });
        if overlay != self.overlay {
            self.overlay.clone_from(&overlay);
            out.extend(overlay.map_or_else(Vec::new, |o| dialog_lines(app, &o)));
        }
        out
    }

    fn session(&mut self, app: &App, r: &Running, out: &mut Vec<String>) {
        if r.message != self.message {
            self.message.clone_from(&r.message);
            out.extend(r.message.clone());
        }
        let Some(view) = r.session.view(app.now.mono) else {
            return;
        };
        if self.phase != Some(view.index) {
            self.phase = Some(view.index);
            self.time_left_said = false;
        }
        if !self.time_left_said
            && let Some(line) = cues::time_left_line(&view)
        {
            self.time_left_said = true;
            out.push(line);
        }
        // A dialog that pauses the session says so itself.
        if app.overlay.is_none() {
            let paused = view.status == Status::Paused;
            if paused != self.paused {
                self.paused = paused;
                out.push(if paused {
                    let key = app.session_key(Action::Pause);
                    format!("Paused. Press {key} to go on.")
                } else {
                    "Going on.".to_string()
                });
            }
        }
    }
}

/// A line of a view as plain text.
fn text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// A dialog as lines: its question and its keys.
fn dialog_lines(app: &App, overlay: &Overlay) -> Vec<String> {
    let theme = Theme::choose(app.settings.ui.theme, true);
    match overlay {
        Overlay::ConfirmEnd => {
            let choices: Vec<String> = ui::end_choices(app, &theme)
                .iter()
                .map(|(line, _)| text(line))
                .collect();
            vec![format!("{} {}", ui::END_QUESTION, choices.join(" · "))]
        }
        Overlay::Prompt { ask, .. } => {
            let (_, question, hint) = ui::prompt_text(app, ask);
            vec![format!("{question}: {hint}")]
        }
        Overlay::Help => {
            let mut lines = vec!["Keys:".to_string()];
            lines.extend(
                app.keymap
                    .help(Context::Session)
                    .into_iter()
                    .map(|(keys, what)| format!("  {keys}  {what}")),
            );
            lines
        }
        Overlay::QuitUnsaved => {
            let (head, why) = ui::quit_unsaved_head(app);
            let choices: Vec<String> = ui::quit_unsaved_choices(app, &theme)
                .iter()
                .map(|(line, _)| text(line))
                .collect();
            vec![format!("{head} {why}"), choices.join(" · ")]
        }
        Overlay::Notice | Overlay::Resume => Vec::new(),
    }
}

/// The end of the session: how it ended (a completed one said so as it
/// completed), what was done, new bests and level suggestions.
fn end_lines(app: &App, s: &Summary) -> Vec<String> {
    let mut lines = Vec::new();
    if s.status != EndStatus::Completed {
        lines.push(format!("{}.", summary::title(s.status)));
    }
    if let Some(r) = app.history.session(&s.session_id) {
        lines.push(format!(
            "{}: {} · {}",
            s.routine_name,
            r.tally().words(),
            r.times()
        ));
    }
    lines.extend(summary::new_best_texts(app, s));
    lines.extend(s.suggestions.iter().map(summary::suggestion_text));
    lines
}
