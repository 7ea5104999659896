use super::*;
use crate::store::log::{append, synthetic};

#[test]
fn names_say_what_a_file_is() {
    assert_eq!(kind("sessions.jsonl"), Kind::Legacy);
    assert_eq!(kind("sessions.laptop.jsonl"), Kind::Host("laptop".into()));
    assert_eq!(
        kind("sessions.laptop.sync-conflict-20240501-101500-ABCDEFG.jsonl"),
        Kind::Copy {
            of: Some("laptop".into())
        }
    );
    assert_eq!(
        kind("sessions.home-pc (Jo's conflicted copy 2024-05-01).jsonl"),
        Kind::Copy {
            of: Some("home-pc".into())
        }
    );
    assert_eq!(
        kind("sessions (conflicted copy 2024-05-01 101500).jsonl"),
        Kind::Copy { of: None }
    );
    assert_eq!(
        kind("sessions.sync-conflict-20240501-101500-ABCDEFG.jsonl"),
        Kind::Copy { of: None }
    );
    assert!(is_log_name("sessions.jsonl"));
    assert!(!is_log_name("sessions.laptop.jsonl.corrupt"));
    assert!(!is_log_name(".syncthing.sessions.laptop.jsonl.tmp"));
    assert!(!is_log_name("status-cache.json"));
}

#[test]
fn every_log_is_listed_in_join_order_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [
        "sessions.b.jsonl",
        "sessions.a.jsonl",
        "sessions.jsonl",
        "sessions.a.sync-conflict-20240501-101500-ABCDEFG.jsonl",
        "sessions.a.jsonl.corrupt",
        "status-cache.json",
        "notes.txt",
    ] {
        std::fs::write(dir.path().join(name), "").expect("write");
    }
    let names: Vec<String> = list(dir.path())
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "sessions.jsonl",
            "sessions.a.sync-conflict-20240501-101500-ABCDEFG.jsonl",
            "sessions.a.jsonl",
            "sessions.b.jsonl",
        ]
    );
    assert!(list(&dir.path().join("missing")).is_empty());
}

#[test]
fn the_union_of_several_logs_equals_one_log_and_copies_count_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = synthetic::lines(30, 2, 5);
    type Part<'a> = Vec<(usize, &'a String)>;
    let (a, b): (Part<'_>, Part<'_>) = lines.iter().enumerate().partition(|(i, _)| i % 3 == 0);
    let write = |name: &str, part: &[(usize, &String)]| {
        let text: String = part.iter().map(|(_, l)| format!("{l}\n")).collect();
        std::fs::write(dir.path().join(name), text).expect("write");
    };
    // Split by line, so sessions are spread over both files.
    write("sessions.a.jsonl", &a);
    write("sessions.b.jsonl", &b);
    let whole = History::from_events(synthetic::events(30, 2, 5));
    let (history, set) = load_all(dir.path());
    assert_eq!(history, whole);
    assert_eq!((set.duplicates, set.logs.len()), (0, 2));
    // A conflict copy of one of them changes nothing.
    write("sessions.a.sync-conflict-20240501-101500-ABCDEFG.jsonl", &a);
    let (again, set) = load_all(dir.path());
    assert_eq!(again, whole);
    assert_eq!(set.duplicates, a.len());
}

#[test]
fn a_bad_file_is_skipped_and_a_torn_copy_set_aside_in_its_own_corrupt_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let events = synthetic::events(3, 1, 1);
    let own = dir.path().join("sessions.a.jsonl");
    for e in &events {
        append(&own, e).expect("append");
    }
    let text = std::fs::read_to_string(&own).expect("read");
    // A conflict copy cut in the middle of its last line.
    let copy = dir
        .path()
        .join("sessions.a.sync-conflict-20240501-101500-ABCDEFG.jsonl");
    std::fs::write(&copy, &text[..text.len() - 20]).expect("write");
    // A directory with a log's name, and a file that is no log at all.
    std::fs::create_dir(dir.path().join("sessions.b.jsonl")).expect("mkdir");
    let notes = dir.path().join("sessions-notes.jsonl");
    std::fs::write(&notes, "my notes\n").expect("write");
    let (history, set) = load_all(dir.path());
    assert_eq!(history, History::from_events(events));
    assert_eq!(set.failed.len(), 1, "{:?}", set.failed);
    assert!(set.failed[0].1.contains("directory"), "{:?}", set.failed);
    assert_eq!(set.set_aside(), 2);
    assert!(corrupt_path(&copy).exists());
    assert!(corrupt_path(&notes).exists());
    assert!(!corrupt_path(&own).exists());
    // No log was changed.
    assert_eq!(std::fs::read_to_string(&own).expect("read"), text);
    let summary = set.summary().expect("a summary");
    assert_eq!(
        summary,
        format!(
            "1 line of {} could not be read and was set aside in {}; 1 line of {} could not be read and was set aside in {}; {}",
            notes.display(),
            corrupt_path(&notes).display(),
            copy.display(),
            corrupt_path(&copy).display(),
            set.failed[0].1
        )
    );
    assert_eq!(set.warnings().len(), 3);
}
