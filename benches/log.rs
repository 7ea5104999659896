//! Session log benchmarks: reading `sessions.jsonl` from disk, rebuilding the
//! history, and computing the stats, for synthetic logs of one year and ten years of
//! daily sessions and of 100,000 sessions.
//!
//! cargo bench --bench log

use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use upright::model::history::History;
use upright::store::log;

struct Size {
    name: &'static str,
    days: u32,
    per_day: u32,
}

const SIZES: [Size; 3] = [
    Size {
        name: "1y-daily",
        days: 365,
        per_day: 1,
    },
    Size {
        name: "10y-daily",
        days: 3650,
        per_day: 1,
    },
    Size {
        name: "100k-sessions",
        days: 25_000,
        per_day: 4,
    },
];

/// Writes the synthetic log once; later runs reuse it from Cargo's temporary
/// directory for benchmarks. ("gen2": the generator seeded through fastrand; the
/// files of the first generator, "-v1", are not reused.)
fn write_log(dir: &Path, size: &Size) -> PathBuf {
    let path = dir.join(format!("{}-gen2.jsonl", size.name));
    if path.exists() {
        return path;
    }
    let file = std::fs::File::create(&path).expect("create log");
    let mut out = BufWriter::new(file);
    let lines = log::synthetic::write(&mut out, size.days, size.per_day, 42).expect("write log");
    out.flush().expect("flush");
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "{}: {} sessions, {lines} lines, {:.1} MiB",
        size.name,
        size.days * size.per_day,
        bytes as f64 / (1024.0 * 1024.0)
    );
    path
}

/// "now": the day after the synthetic log's last day.
fn now_after(size: &Size) -> DateTime<FixedOffset> {
    let start = DateTime::parse_from_rfc3339("2015-01-05T20:00:00+01:00").expect("time");
    start + chrono::Duration::days(i64::from(size.days))
}

fn benches(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("log-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    for size in &SIZES {
        let path = write_log(&dir, size);
        let now = now_after(size);
        let mut group = c.benchmark_group(format!("log/{}", size.name));
        if size.days * size.per_day > 10_000 {
            group
                .sample_size(10)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(20));
        }
        // What opening the history or stats view costs: read, rebuild, compute.
        group.bench_function("read+history+stats", |b| {
            b.iter(|| {
                let (history, _) = log::read_history(&path).expect("read");
                black_box(history.stats(&now, 3))
            })
        });
        group.bench_function("read", |b| {
            b.iter(|| black_box(log::read(&path).expect("read").events.len()))
        });
        let events = log::read(&path).expect("read").events;
        group.bench_function("history", |b| {
            b.iter_batched(
                || events.clone(),
                |events| black_box(History::from_events(events)),
                BatchSize::LargeInput,
            )
        });
        let history = History::from_events(events);
        group.bench_function("stats", |b| b.iter(|| black_box(history.stats(&now, 3))));
        group.finish();
    }
}

/// One typical step line through the line reader (the fast reader), and through
/// serde_json alone (the reference it falls back to).
fn line(c: &mut Criterion) {
    let line = log::synthetic::lines(1, 1, 42)
        .into_iter()
        .find(|l| l.contains("\"type\":\"step\""))
        .expect("a step line");
    let mut parser = upright::model::event::LineParser::new();
    c.bench_function("log/line/step", |b| {
        b.iter(|| black_box(parser.parse(black_box(&line))).is_ok())
    });
    c.bench_function("log/line/step-serde", |b| {
        b.iter(|| black_box(parser.parse_serde(black_box(&line))).is_ok())
    });
}

criterion_group!(log_benches, line, benches);
criterion_main!(log_benches);
