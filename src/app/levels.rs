//! Level suggestions at the end of a session: the next level once the current
//! one is met in several sessions, an easier one after "this hurt".

use super::{App, Screen};
use crate::model::event::{Event, LevelReason};

/// "Ready for the next level" (or, after it hurt, an easier one).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub exercise: String,
    pub exercise_name: String,
    pub from: u32,
    pub to: u32,
    pub level_name: String,
    pub reason: LevelReason,
    pub accepted: bool,
}

impl App {
    /// Works out level suggestions for the end screen from the history.
    pub(super) fn suggest_levels(&mut self) {
        let Screen::Summary(summary) = &mut self.screen else {
            return;
        };
        let Some(session) = self.history.session(&summary.session_id) else {
            return;
        };
        let mut out: Vec<Suggestion> = Vec::new();
        let mut seen: Vec<(&str, u32)> = Vec::new();
        for r in &session.steps {
            let key = (&*r.exercise, r.level);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let Some(ex) = self.catalog.exercise(&r.exercise) else {
                continue;
            };
            let level = r.level;
            let hurt = session
                .steps
                .iter()
                .any(|x| x.exercise == r.exercise && x.hurt);
            let (to, reason) = if hurt && level > 1 {
                (level - 1, LevelReason::Easier)
            } else if !hurt
                && (level as usize) < ex.levels.len()
                && ex
                    .level(level as usize)
                    .is_some_and(|own| self.history.suggest_next_level(&r.exercise, level, own))
            {
                (level + 1, LevelReason::Progress)
            } else {
                continue;
            };
            let accepted = summary
                .suggestions
                .iter()
                .any(|s| *s.exercise == *r.exercise && s.to == to && s.accepted);
            out.push(Suggestion {
                exercise: r.exercise.to_string(),
                exercise_name: r.exercise_name.to_string(),
                from: level,
                to,
                level_name: ex
                    .level(to as usize)
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                reason,
                accepted,
            });
        }
        summary.suggestions = out;
    }

    /// Takes the first suggestion not yet taken.
    pub(super) fn accept_level(&mut self) {
        let Screen::Summary(summary) = &mut self.screen else {
            return;
        };
        let Some(s) = summary.suggestions.iter_mut().find(|s| !s.accepted) else {
            return;
        };
        s.accepted = true;
        let event = Event::level(
            &summary.session_id,
            &s.exercise,
            s.to,
            s.reason,
            self.now.wall,
        );
        let taken = format!(
            "{}: now level {} ({}), from the next session on.",
            s.exercise_name, s.to, s.level_name
        );
        self.record(event);
        self.refresh_figures();
        self.status_line = Some(taken);
    }
}
