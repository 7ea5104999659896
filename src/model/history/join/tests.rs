use super::*;
use crate::model::event::parse_line;
use crate::model::history::Status;

fn ev(line: &str) -> Event {
    parse_line(line).unwrap_or_else(|r| panic!("{line}: {}", r.0))
}

fn start(session: &str, at: &str) -> Event {
    ev(&format!(
        r#"{{"type":"start","v":2,"session":"{session}","at":"{at}","routine":"full","routine_name":"Full"}}"#
    ))
}

fn step(session: &str, at: &str, index: u32, secs: u32) -> Event {
    ev(&format!(
        r#"{{"type":"step","v":2,"session":"{session}","at":"{at}","index":{index},"exercise":"plank","exercise_name":"Plank","level":1,"set":1,"sets":1,"dose":"hold","planned_secs":30,"achieved_secs":{secs},"skipped":false,"hurt":false}}"#
    ))
}

fn end(session: &str, at: &str) -> Event {
    ev(&format!(
        r#"{{"type":"end","v":2,"session":"{session}","at":"{at}","status":"completed","active_secs":60}}"#
    ))
}

fn laptop() -> Vec<Event> {
    vec![
        start("a", "2024-05-01T08:00:00Z"),
        step("a", "2024-05-01T08:01:00Z", 0, 30),
        end("a", "2024-05-01T08:02:00Z"),
    ]
}

fn desktop() -> Vec<Event> {
    vec![
        start("b", "2024-05-02T18:00:00Z"),
        step("b", "2024-05-02T18:01:00Z", 0, 25),
        end("b", "2024-05-02T18:02:00Z"),
    ]
}

#[test]
fn two_machines_logs_join_into_one_history() {
    let joined = join(vec![laptop(), desktop()]);
    let ids: Vec<&str> = joined.history.sessions().iter().map(|s| &*s.id).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(joined.duplicates, 0);
    // The same as one file holding both.
    let one = History::from_events([laptop(), desktop()].concat());
    assert_eq!(joined.history, one);
}

#[test]
fn a_conflict_copy_changes_nothing_shown() {
    let plain = join(vec![laptop(), desktop()]);
    let mut copy = laptop();
    copy.truncate(2);
    let with_copy = join(vec![laptop(), copy, desktop(), desktop()]);
    assert_eq!(with_copy.history, plain.history);
    assert_eq!(with_copy.duplicates, 5);
}

#[test]
fn a_session_spread_over_files_is_put_back_in_time_order() {
    // Started on one file, resumed into another: the steps come back in order
    // whichever file is read first.
    let first = vec![
        start("a", "2024-05-01T08:00:00Z"),
        step("a", "2024-05-01T08:01:00Z", 0, 30),
    ];
    let second = vec![
        step("a", "2024-05-01T08:05:00Z", 1, 20),
        end("a", "2024-05-01T08:06:00Z"),
    ];
    let joined = join(vec![second.clone(), first.clone()]);
    let s = &joined.history.sessions()[0];
    assert_eq!(
        s.steps.iter().map(|st| st.index).collect::<Vec<_>>(),
        [0, 1]
    );
    assert_eq!(s.status, Status::Completed);
    assert_eq!(joined.history, join(vec![first, second]).history);
}

#[test]
fn a_phase_done_again_within_a_file_still_replaces_the_first() {
    let events = vec![
        start("a", "2024-05-01T08:00:00Z"),
        step("a", "2024-05-01T08:01:00Z", 0, 10),
        step("a", "2024-05-01T08:02:00Z", 0, 30),
    ];
    let joined = join(vec![events.clone(), events]);
    let s = &joined.history.sessions()[0];
    assert_eq!(s.steps.len(), 1);
    assert_eq!(
        s.steps[0].achieved,
        Some(std::time::Duration::from_secs(30))
    );
    assert_eq!(joined.duplicates, 3);
}

#[test]
fn clashes_name_both_places_and_tell_duplicates_from_conflicts() {
    let numbered = |events: Vec<Event>| -> Vec<(usize, Event)> {
        events
            .into_iter()
            .enumerate()
            .map(|(i, e)| (i + 1, e))
            .collect()
    };
    let mut changed = laptop();
    changed[1] = step("a", "2024-05-01T08:01:00Z", 0, 45);
    let files = vec![numbered(laptop()), numbered(desktop()), numbered(changed)];
    let found = clashes(&files);
    assert_eq!(found.len(), 3);
    let conflicts: Vec<&Clash> = found.iter().filter(|c| c.conflict).collect();
    assert_eq!(conflicts.len(), 1);
    let c = conflicts[0];
    assert_eq!(
        (c.first, c.again),
        (Place { file: 0, line: 2 }, Place { file: 2, line: 2 })
    );
    assert_eq!(
        c.key.describe(),
        "step 0 event of session a at 2024-05-01T08:01:00+00:00"
    );
    // A set done again in one file is that machine's record, not a clash.
    let redo = vec![
        step("a", "2024-05-01T08:01:00Z", 0, 10),
        step("a", "2024-05-01T08:01:00Z", 0, 30),
    ];
    assert!(clashes(&[numbered(redo)]).is_empty());
}
