//! One history from several machines' logs (issue 18): ten years of daily
//! sessions read from one file, from three files (each session in one of them,
//! as three machines write them), and from those three plus a sync tool's
//! conflict copy of one (every event of it a duplicate).
//!
//! cargo bench --bench sync

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use upright::model::event::Event;
use upright::store::log::{self, set};

const DAYS: u32 = 3650;

fn write(path: &Path, events: &[&Event]) {
    let text: String = events.iter().map(|e| e.to_line() + "\n").collect();
    std::fs::write(path, text).expect("write log");
}

/// The logs, written once into Cargo's temporary directory for benchmarks.
fn logs(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>) {
    let events = log::synthetic::events(DAYS, 1, 42);
    let one = dir.join("one/sessions.jsonl");
    let hosts = ["a", "b", "c"];
    let three: Vec<PathBuf> = hosts
        .iter()
        .map(|h| dir.join(format!("three/sessions.{h}.jsonl")))
        .collect();
    let copy = dir.join("four/sessions.a.sync-conflict-20250101-101500-ABCDEFG.jsonl");
    if !copy.exists() {
        for sub in ["one", "three", "four"] {
            std::fs::create_dir_all(dir.join(sub)).expect("bench dir");
        }
        write(&one, &events.iter().collect::<Vec<_>>());
        // Sessions dealt to the three machines in turn.
        let mut turn: HashMap<&str, usize> = HashMap::new();
        for e in &events {
            let next = turn.len();
            turn.entry(e.session()).or_insert(next);
        }
        for (i, path) in three.iter().enumerate() {
            let part: Vec<&Event> = events
                .iter()
                .filter(|e| turn[e.session()] % 3 == i)
                .collect();
            write(path, &part);
            std::fs::copy(path, dir.join("four").join(path.file_name().expect("name")))
                .expect("copy");
        }
        std::fs::copy(&three[0], &copy).expect("copy");
    }
    (vec![one], three, set::list(&dir.join("four")))
}

fn benches(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sync-bench");
    let (one, three, four) = logs(&dir);
    let mut group = c.benchmark_group("sync/10y-daily");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for (name, files) in [
        ("one-file", &one),
        ("three-files", &three),
        ("three-files+copy", &four),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let (history, loaded) = set::load_files(files);
                black_box((history.sessions().len(), loaded.duplicates))
            })
        });
    }
    group.finish();
}

criterion_group!(sync_benches, benches);
criterion_main!(sync_benches);
