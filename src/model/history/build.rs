//! Rebuilding the history from the log, one event at a time.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use super::{History, LevelChange, SessionRecord, Status};
use crate::model::event::{Event, Name};

/// Builds a [`History`] one event at a time, in log order, so a reader can feed it
/// while reading without keeping the events ([`History::from_events`] does this).
#[derive(Debug, Default)]
pub struct HistoryBuilder {
    sessions: Vec<SessionRecord>,
    by_id: HashMap<Name, usize>,
    levels: Vec<LevelChange>,
    last: Option<usize>,
}

impl HistoryBuilder {
    /// A builder that goes on from a history already built.
    pub fn continuing(history: History) -> HistoryBuilder {
        let History { sessions, levels } = history;
        let by_id = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        HistoryBuilder {
            sessions,
            by_id,
            levels,
            last: None,
        }
    }

    pub fn push(&mut self, event: Event) {
        if let Event::Level(l) = event {
            self.levels.push(LevelChange {
                exercise: l.exercise,
                level: l.level,
                reason: l.reason,
                at: l.at,
                session: l.session,
            });
            return;
        }
        let at = event.at();
        let slot = self.slot(event.session_name(), at);
        self.last = Some(slot);
        let s = &mut self.sessions[slot];
        // The answers after a session are not part of its time.
        if !matches!(event, Event::After(_)) {
            s.last_event = s.last_event.max(at);
        }
        match event {
            Event::Start(e) => {
                if s.routine.is_none() {
                    // The first start fixes the session's start; a repeated one
                    // (a resumed session) only fills what is missing.
                    s.started = e.at;
                    s.routine = Some(e.routine);
                    s.routine_name = Some(e.routine_name);
                }
                s.pain_before = s.pain_before.or(e.pain_before);
                s.planned_steps = s.planned_steps.or(e.planned_steps);
                if let Some(n) = e.planned_steps {
                    s.steps.reserve((n as usize).min(256));
                }
            }
            Event::Step(e) => {
                if s.routine.is_none() {
                    s.started = s.started.min(e.at);
                }
                let record = e;
                let redo = match s.steps.last() {
                    Some(prev) if prev.index < record.index => None,
                    None => None,
                    Some(_) => s.steps.iter().rposition(|p| p.index == record.index),
                };
                match redo {
                    Some(i) => s.steps[i] = record,
                    None => s.steps.push(record),
                }
            }
            Event::End(e) => {
                // A log without the planned count (version 1) grew the list by
                // doubling: give the slack back while the next sessions can use it.
                s.steps.shrink_to_fit();
                s.ended = Some(e.at);
                s.status = e.status.into();
                s.pain_after = e.pain_after.or(s.pain_after);
                s.note = e.note.or(s.note.take());
                s.active_secs = e.active_secs;
            }
            Event::After(e) => {
                s.pain_after = e.pain_after.or(s.pain_after);
                s.note = e.note.or(s.note.take());
            }
            Event::Level(_) => {}
        }
    }

    /// The index of the session an event belongs to, made on first sight (as
    /// interrupted, until its end is read).
    fn slot(&mut self, id: &Name, at: DateTime<FixedOffset>) -> usize {
        // Events of one session usually follow each other: skip the lookup.
        if let Some(i) = self.last.filter(|&i| self.sessions[i].id == *id) {
            return i;
        }
        if let Some(&i) = self.by_id.get(id) {
            return i;
        }
        self.by_id.insert(id.clone(), self.sessions.len());
        self.sessions.push(SessionRecord {
            id: id.clone(),
            routine: None,
            routine_name: None,
            started: at,
            ended: None,
            last_event: at,
            status: Status::Interrupted,
            pain_before: None,
            pain_after: None,
            note: None,
            active_secs: 0.0,
            planned_steps: None,
            steps: Vec::new(),
        });
        self.sessions.len() - 1
    }

    pub fn finish(self) -> History {
        let HistoryBuilder {
            mut sessions,
            mut levels,
            ..
        } = self;
        // In one log the level changes come in time order; joined logs of several
        // machines come file by file (a stable sort keeps one file's order).
        levels.sort_by_key(|l| l.at);
        for s in &mut sessions {
            if s.ended.is_none() {
                s.active_secs = s.steps.iter().filter_map(|st| st.achieved_secs()).sum();
            }
        }
        sessions.sort_by_key(|s| s.started);
        History { sessions, levels }
    }
}
