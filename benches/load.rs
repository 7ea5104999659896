//! Start-up work besides the log: loading the built-in library, loading a large
//! user library (500 exercises, 200 routines, generated here), and building the
//! timeline of the longest routine.
//!
//! cargo bench --bench load

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use upright::model::catalog::Catalog;
use upright::model::plan::Plan;
use upright::store::{config, library};

const EXERCISES: usize = 500;
const ROUTINES: usize = 200;
/// Steps in routine `r`: from 1 up to the loader's limit, so the last routine is
/// the longest a user can write.
fn steps_in(r: usize) -> usize {
    1 + r * (upright::model::limits::MAX_STEPS - 1) / (ROUTINES - 1)
}

/// An exercises file of `EXERCISES` exercises, each with three levels of the three
/// dose kinds (hold, paced reps, open hold), some per side.
fn user_exercises() -> String {
    let mut s = String::with_capacity(EXERCISES * 1500);
    for i in 0..EXERCISES {
        let kind = ["strength", "stretch", "mobility"][i % 3];
        let _ = write!(
            s,
            r#"
[[exercise]]
id = "ex-{i}"
name = "Exercise number {i}"
kind = "{kind}"
areas = ["upper back", "shoulders"]
position = "floor"
summary = "A generated exercise for the load benchmark, number {i}."
instructions = [
    "Get into position and settle your breathing.",
    "Move slowly through the range you can manage without pain.",
    "Return to the start and rest for a moment.",
]
cues = ["Shoulders down.", "Breathe out as you move."]
caution = "Stop if you feel sharp pain, numbness or tingling."

[[exercise.level]]
name = "Easy"
how = "Small range, slow."
hold = "{hold}s"
sets = 2
rest = "20s"
per_side = {side}

[[exercise.level]]
name = "Medium"
reps = {reps}
tempo = [{{ cue = "down", time = "2s" }}, {{ cue = "hold", time = 1 }}, {{ cue = "up", time = "1s" }}]
sets = 3

[[exercise.level]]
name = "Hard"
open = true
target = "1m{target:02}s"
"#,
            hold = 15 + i % 30,
            side = i % 4 == 0,
            reps = 5 + i % 10,
            target = i % 60,
        );
    }
    s
}

/// A routines file of `ROUTINES` routines over the generated exercises.
fn user_routines() -> String {
    let mut s = String::with_capacity(ROUTINES * 100 * 60);
    for r in 0..ROUTINES {
        let _ = write!(
            s,
            "\n[[routine]]\nid = \"routine-{r}\"\nname = \"Routine {r}\"\ndescription = \"Generated for the load benchmark.\"\n"
        );
        for k in 0..steps_in(r) {
            let ex = (r * 7 + k * 13) % EXERCISES;
            let level = 1 + (r + k) % 3;
            let _ = write!(
                s,
                "\n[[routine.step]]\nexercise = \"ex-{ex}\"\nlevel = {level}\n"
            );
            if k % 5 == 0 {
                let _ = writeln!(s, "sets = {}\nrest = \"{}s\"", 1 + k % 4, 10 + k % 20);
            }
        }
    }
    s
}

fn longest(catalog: &Catalog) -> &upright::model::routine::Routine {
    catalog
        .routines()
        .max_by_key(|r| r.steps.len())
        .expect("a routine")
}

fn benches(c: &mut Criterion) {
    let ex = user_exercises();
    let rt = user_routines();
    eprintln!(
        "user library: {EXERCISES} exercises ({} KiB), {ROUTINES} routines ({} KiB)",
        ex.len() / 1024,
        rt.len() / 1024
    );
    let ex_file = ("exercises.toml", ex.as_bytes());
    let rt_file = ("routines.toml", rt.as_bytes());
    // Fail loudly (not by measuring an error path) if the generator is wrong.
    let catalog = match library::load_from(Some(ex_file), Some(rt_file)) {
        Ok(c) => c,
        Err(d) => panic!(
            "generated library rejected:\n{}",
            upright::store::diag::render_all(&d)
        ),
    };
    assert_eq!(catalog.exercises().len(), EXERCISES + 5);

    let mut g = c.benchmark_group("load");
    g.bench_function("builtin-library", |b| {
        b.iter(|| black_box(library::load_from(None, None).expect("built-in")))
    });
    g.bench_function("user-library-500ex-200rt", |b| {
        b.iter(|| black_box(library::load_from(Some(ex_file), Some(rt_file)).expect("user")))
    });
    g.bench_function("config-defaults", |b| {
        b.iter(|| black_box(config::defaults()))
    });
    g.finish();

    let timer = config::defaults().timer;
    let mut g = c.benchmark_group("plan");
    let builtin = library::load_from(None, None).expect("built-in");
    let full = longest(&builtin);
    let steps = builtin.resolve(full, &|_| None);
    g.bench_function(format!("build-builtin-{}", full.id), |b| {
        b.iter(|| black_box(Plan::build(black_box(&steps), &timer)))
    });
    let long = longest(&catalog);
    let steps = catalog.resolve(long, &|_| None);
    let plan = Plan::build(&steps, &timer);
    eprintln!(
        "longest user routine: {} steps, {} phases, {} min",
        long.steps.len(),
        plan.phases.len(),
        plan.total().as_secs() / 60
    );
    g.bench_function("build-longest-user-200-steps", |b| {
        b.iter(|| black_box(Plan::build(black_box(&steps), &timer)))
    });
    g.bench_function("resolve+build-longest-user", |b| {
        b.iter(|| {
            let steps = catalog.resolve(long, &|_| None);
            black_box(Plan::build(&steps, &timer))
        })
    });
    g.finish();
}

criterion_group!(load_benches, benches);
criterion_main!(load_benches);
