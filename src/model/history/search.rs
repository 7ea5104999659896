//! Finding sessions by what was typed into History's filter.

use super::SessionRecord;

/// A filter as typed: words that must all be found in a session (any case).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            words: text.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// Nothing typed (or only spaces): every session matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word is in the session's routine (name or id), its date
    /// and time as History shows them ("2026-03-14 07:30", "Saturday 14 March"),
    /// its outcome word or its note.
    pub fn matches(&self, s: &SessionRecord) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let text = s.search_text();
        self.words.iter().all(|w| text.contains(w.as_str()))
    }
}

impl SessionRecord {
    /// What History's filter looks in, lower case.
    fn search_text(&self) -> String {
        let mut text = self
            .started
            .format("%Y-%m-%d %H:%M %A %-d %B %Y")
            .to_string();
        for part in [
            self.routine_name.as_deref(),
            self.routine.as_deref(),
            Some(self.status.word()),
            self.note.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            text.push('\n');
            text.push_str(part);
        }
        text.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::model::history::Status;

    fn session(routine: &str, at: &str, status: Status, note: Option<&str>) -> SessionRecord {
        let at = DateTime::parse_from_rfc3339(at).expect("time");
        SessionRecord {
            id: "s".into(),
            routine: Some(routine.to_lowercase().replace(' ', "-")),
            routine_name: Some(routine.to_string()),
            started: at,
            ended: None,
            last_event: at,
            status,
            pain_before: None,
            pain_after: None,
            note: note.map(str::to_string),
            active_secs: 0.0,
            planned_steps: None,
            steps: Vec::new(),
        }
    }

    #[test]
    fn every_word_must_be_found_in_name_date_outcome_or_note() {
        let s = session(
            "Desk break",
            "2026-03-14T07:30:00+01:00",
            Status::Partial,
            Some("Stiff neck after the flight"),
        );
        for hit in [
            "",
            "  ",
            "desk",
            "DESK Break",
            "desk-break",
            "2026-03",
            "2026-03-14",
            "march",
            "saturday",
            "ended early",
            "early desk",
            "neck flight",
            "07:30",
        ] {
            assert!(Query::new(hit).matches(&s), "{hit:?}");
        }
        for miss in ["full", "2026-04", "completed", "desk full", "qui"] {
            assert!(!Query::new(miss).matches(&s), "{miss:?}");
        }
        let done = session(
            "Full upper-back routine",
            "2026-04-01T18:00:00+02:00",
            Status::Completed,
            None,
        );
        assert!(Query::new("completed full").matches(&done));
        assert!(Query::new("2026-04").matches(&done));
        assert!(!Query::new("note").matches(&done));
    }
}
