//! Two real processes appending to one log at once must leave only whole lines.
//!
//! The test re-runs its own binary as the appenders: with `UPRIGHT_TEST_APPEND_TO`
//! set, `child_appender` appends its share of events; without it, it does nothing.

use std::path::Path;
use std::process::{Command, Stdio};

use upright::model::event::{DoseKind, Event, StepEvent};
use upright::model::record::SetRecord;
use upright::store::log;

use crate::fixtures::read_while_appending;

const PER_PROCESS: u32 = 1000;
const PATH_VAR: &str = "UPRIGHT_TEST_APPEND_TO";
const WHO_VAR: &str = "UPRIGHT_TEST_APPENDER";

fn event(who: &str, index: u32) -> Event {
    Event::Step(StepEvent {
        v: 1,
        session: format!("writer-{who}").into(),
        at: chrono::DateTime::parse_from_rfc3339("2024-06-01T09:00:00+02:00").expect("test time")
            + chrono::Duration::milliseconds(i64::from(index)),
        record: SetRecord {
            index,
            exercise: "plank".into(),
            exercise_name: "Plank with a longer name to make lines a bit wider".into(),
            level: 2,
            set: 1,
            sets: 3,
            side: None,
            dose: DoseKind::Open,
            planned: Some(std::time::Duration::from_secs(45)),
            achieved: Some(std::time::Duration::from_millis(u64::from(index) * 125 + 1)),
            planned_reps: None,
            achieved_reps: None,
            skipped: false,
            hurt: false,
        },
    })
}

#[test]
fn child_appender() {
    let (Some(path), Some(who)) = (std::env::var_os(PATH_VAR), std::env::var(WHO_VAR).ok()) else {
        return; // Not launched as a child: nothing to do.
    };
    for i in 0..PER_PROCESS {
        log::append(Path::new(&path), &event(&who, i)).expect("append");
    }
}

#[test]
fn two_processes_appending_leave_whole_lines() {
    // Memory-backed when the system has it: 2,000 sync_data calls on a busy disk
    // take seconds, and what is tested here is the locking and the single writes.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "log_concurrency::child_appender",
                    "--test-threads",
                    "1",
                ])
                .env(PATH_VAR, &path)
                .env(WHO_VAR, who)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn appender")
        })
        .collect();
    // Meanwhile, read the log over and over: a reader must never see a line
    // half-written (it would be set aside as torn). Readers take a shared lock for
    // this; on this kernel small appends also look atomic without it, so this checks
    // the outcome rather than the lock itself.
    read_while_appending(children, || {
        let seen = log::read(&path).expect("read while appending");
        assert!(seen.set_aside.is_empty(), "{:?}", seen.set_aside.first());
    });
    let text = std::fs::read_to_string(&path).expect("read log");
    assert!(text.ends_with('\n'));
    assert_eq!(text.lines().count(), 2 * PER_PROCESS as usize);
    let loaded = log::read(&path).expect("load");
    assert!(
        loaded.set_aside.is_empty(),
        "{:?}",
        loaded.set_aside.first()
    );
    assert_eq!(loaded.events.len(), 2 * PER_PROCESS as usize);
    for who in ["a", "b"] {
        let mine: Vec<&Event> = loaded
            .events
            .iter()
            .filter(|e| e.session() == format!("writer-{who}"))
            .collect();
        assert_eq!(mine.len(), PER_PROCESS as usize);
        // Each writer's events are in its own order, and each is intact.
        for (i, e) in mine.into_iter().enumerate() {
            assert_eq!(e, &event(who, i as u32));
        }
    }
}
