use super::*;
use crate::store::log::synthetic;

fn write(path: &Path, events: &[Event]) {
    let text: String = events.iter().map(|e| e.to_line() + "\n").collect();
    std::fs::write(path, text).expect("write");
}

#[test]
fn an_overlapping_log_adds_only_what_is_new_and_twice_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    let events = synthetic::events(20, 1, 3);
    let sessions = |evs: &[Event]| {
        let mut ids: Vec<&str> = evs.iter().map(Event::session).collect();
        ids.dedup();
        ids.len()
    };
    // The other machine's log holds the first half; the backup all of it.
    let half = events.len() / 2;
    let other = data.join("sessions.desktop.jsonl");
    write(&other, &events[..half]);
    let other_text = std::fs::read(&other).expect("read");
    let backup = dir.path().join("backup.jsonl");
    write(&backup, &events);
    let own = data.join("sessions.laptop.jsonl");
    let first = import(&backup, &data, &own).expect("import");
    assert_eq!(first.events_added, events.len() - half);
    assert_eq!(first.events_skipped, half);
    let split_session = events[half - 1].session() == events[half].session();
    assert_eq!(
        first.sessions_added + first.sessions_skipped,
        sessions(&events)
    );
    assert_eq!(first.sessions_extended, usize::from(split_session));
    assert!(first.conflicts.is_empty() && first.set_aside.is_empty());
    // The union is the backup, once; the other machine's log is untouched.
    let (history, set) = set::load_all(&data);
    assert_eq!(
        history,
        crate::model::history::History::from_events(events.clone())
    );
    assert_eq!(set.duplicates, 0);
    assert_eq!(std::fs::read(&other).expect("read"), other_text);
    // Importing again adds nothing and writes nothing.
    let own_text = std::fs::read(&own).expect("read");
    let again = import(&backup, &data, &own).expect("import");
    assert_eq!((again.events_added, again.sessions_added), (0, 0));
    assert_eq!(again.events_skipped, events.len());
    assert_eq!(again.sessions_skipped, sessions(&events));
    assert_eq!(std::fs::read(&own).expect("read"), own_text);
}

#[test]
fn a_conflicting_event_and_a_bad_line_are_reported_not_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = synthetic::events(2, 1, 4);
    let own = dir.path().join("sessions.laptop.jsonl");
    write(&own, &events);
    let before = std::fs::read(&own).expect("read");
    let mut changed = events.clone();
    let Some(i) = changed.iter().position(|e| matches!(e, Event::End(_))) else {
        panic!("no end event");
    };
    if let Event::End(end) = &mut changed[i] {
        end.active_secs += 5.0;
    }
    let file = dir.path().join("edited.jsonl");
    let mut text: String = changed.iter().map(|e| e.to_line() + "\n").collect();
    text.push_str("not an event\n");
    std::fs::write(&file, text).expect("write");
    let report = import(&file, dir.path(), &own).expect("import");
    assert_eq!(report.events_added, 0);
    assert_eq!(report.conflicts.len(), 1);
    assert_eq!(report.conflicts[0].line, i + 1);
    assert_eq!(report.conflicts[0].theirs, (own.clone(), i + 1));
    assert_eq!(report.set_aside.len(), 1);
    assert_eq!(std::fs::read(&own).expect("read"), before);
    // The imported file gets no .corrupt file beside it.
    assert!(!super::super::corrupt_path(&file).exists());
}

#[test]
fn an_unreadable_log_in_the_data_dir_or_a_missing_file_stops_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("backup.jsonl");
    write(&file, &synthetic::events(1, 1, 1));
    let own = dir.path().join("sessions.laptop.jsonl");
    std::fs::create_dir(dir.path().join("sessions.desktop.jsonl")).expect("mkdir");
    let err = import(&file, dir.path(), &own).expect_err("unknown history");
    assert!(
        err.to_string()
            .contains("what the data dir holds is unknown"),
        "{err}"
    );
    assert!(!own.exists());
    let err = import(&dir.path().join("none.jsonl"), dir.path(), &own).expect_err("missing");
    assert!(err.to_string().contains("no such file"), "{err}");
}
