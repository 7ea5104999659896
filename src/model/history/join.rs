//! One history from the logs of several machines: the events of each file are
//! joined by session id, an event seen in two files (a sync tool's conflict copy,
//! an imported backup) counts once, and the events of a session spread over files
//! are put back in time order.
//!
//! Within one file nothing is dropped or moved: a file is the order its machine
//! wrote, and a phase done again (a later record of the same set) replaces the
//! earlier one as it always has.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use super::{History, HistoryBuilder};
use crate::model::event::{Event, Name};

/// The history of several logs and how many events were seen twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    pub history: History,
    /// Events dropped because an earlier file holds the same event.
    pub duplicates: usize,
}

/// Joins the events of several logs, given one list per file in file order.
pub fn join(files: Vec<Vec<Event>>) -> Joined {
    // Which file each session was first seen in, and whether it is in others too.
    let mut seen: HashMap<Name, (usize, bool)> = HashMap::new();
    for (i, events) in files.iter().enumerate() {
        for e in events {
            let entry = seen.entry(e.session_name().clone()).or_insert((i, false));
            entry.1 |= entry.0 != i;
        }
    }
    let mut builder = HistoryBuilder::default();
    // The sessions in several files, each with its events per file, in the order
    // they were first seen.
    let mut spread: Vec<Vec<Vec<Event>>> = Vec::new();
    let mut spread_at: HashMap<Name, usize> = HashMap::new();
    let count = files.len();
    for (i, events) in files.into_iter().enumerate() {
        for e in events {
            let name = e.session_name();
            if !seen.get(name).is_some_and(|s| s.1) {
                builder.push(e);
                continue;
            }
            let slot = match spread_at.get(name) {
                Some(&slot) => slot,
                None => {
                    spread_at.insert(name.clone(), spread.len());
                    spread.push(vec![Vec::new(); count]);
                    spread.len() - 1
                }
            };
            spread[slot][i].push(e);
        }
    }
    let mut duplicates = 0;
    for per_file in spread {
        let (events, dropped) = merge(per_file);
        duplicates += dropped;
        for e in events {
            builder.push(e);
        }
    }
    Joined {
        history: builder.finish(),
        duplicates,
    }
}

/// One session's events from several files: each file's events not already in an
/// earlier file, merged by time (each file's own order kept; at the same moment a
/// start comes first, then the sets in plan order, the end, the answers after it,
/// then in file order). Returns them and how many were dropped as seen before.
fn merge(per_file: Vec<Vec<Event>>) -> (Vec<Event>, usize) {
    let mut kept: Vec<Vec<Event>> = Vec::with_capacity(per_file.len());
    let mut dropped = 0;
    for events in per_file {
        let before = events.len();
        let fresh: Vec<Event> = events
            .into_iter()
            .filter(|e| !kept.iter().flatten().any(|k| k == e))
            .collect();
        dropped += before - fresh.len();
        kept.push(fresh);
    }
    let total = kept.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(total);
    let mut heads: Vec<std::iter::Peekable<std::vec::IntoIter<Event>>> =
        kept.into_iter().map(|v| v.into_iter().peekable()).collect();
    loop {
        let mut best: Option<(usize, Order)> = None;
        for (i, head) in heads.iter_mut().enumerate() {
            if let Some(e) = head.peek()
                && best.is_none_or(|(_, o)| order(e) < o)
            {
                best = Some((i, order(e)));
            }
        }
        let Some((i, _)) = best else { break };
        out.extend(heads[i].next());
    }
    (out, dropped)
}

/// Where an event goes among a session's events: its time, then its kind, then
/// a set's place in the plan.
type Order = (DateTime<FixedOffset>, u8, u32);

fn order(e: &Event) -> Order {
    let (rank, index) = match e {
        Event::Start(_) => (0, 0),
        Event::Step(s) => (1, s.index),
        Event::End(_) => (2, 0),
        Event::After(_) => (3, 0),
        Event::Level(_) => (4, 0),
    };
    (e.at(), rank, index)
}

/// What makes two events the same event: the session, the type, the moment, and
/// for a set its place in the plan, for a level change its exercise. Two events
/// with one key and different content conflict: one machine cannot have written
/// both.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventKey {
    pub session: Name,
    pub kind: &'static str,
    pub at: DateTime<FixedOffset>,
    /// The set's index in the plan, or the exercise of a level change.
    pub part: Option<String>,
}

impl EventKey {
    pub fn of(e: &Event) -> EventKey {
        let part = match e {
            Event::Step(s) => Some(s.index.to_string()),
            Event::Level(l) => Some(l.exercise.to_string()),
            _ => None,
        };
        EventKey {
            session: e.session_name().clone(),
            kind: e.kind(),
            at: e.at(),
            part,
        }
    }

    /// The event in words: "step 3 of session ID at TIME".
    pub fn describe(&self) -> String {
        let what = match (&self.part, self.kind) {
            (Some(i), "step") => format!("step {i}"),
            (Some(x), _) => format!("{} of {x}", self.kind),
            (None, kind) => kind.to_string(),
        };
        format!(
            "{what} event of session {} at {}",
            self.session,
            self.at.to_rfc3339()
        )
    }
}

/// Where an event was read: the file's index and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub file: usize,
    pub line: usize,
}

/// An event found in two files, the same or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub key: EventKey,
    /// Where it was first read, and where again.
    pub first: Place,
    pub again: Place,
    /// Whether the two differ (a conflict) or are the same (a duplicate).
    pub conflict: bool,
}

/// Every event of a later file that an earlier file holds too, the same (a
/// duplicate, shown once) or different (a conflict: the later file's wins where
/// they are joined). Events repeated within one file are that machine's own
/// record and are not reported.
pub fn clashes(files: &[Vec<(usize, Event)>]) -> Vec<Clash> {
    let mut first: HashMap<EventKey, (Place, &Event)> = HashMap::new();
    let mut out = Vec::new();
    for (file, events) in files.iter().enumerate() {
        for (line, e) in events {
            let key = EventKey::of(e);
            let here = Place { file, line: *line };
            match first.get(&key) {
                Some((place, _)) if place.file == file => {}
                Some((place, earlier)) => out.push(Clash {
                    key,
                    first: *place,
                    again: here,
                    conflict: *earlier != e,
                }),
                None => {
                    first.insert(key, (here, e));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
