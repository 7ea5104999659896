//! Writes a synthetic session log, for trying `upright log` and `upright stats` on
//! a long history and for benchmarks.
//!
//! cargo run --example gen_log -- [--days N] [--per-day N] [--seed N] PATH
//!
//! PATH is overwritten. `--help` lists the options and their defaults.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes a synthetic session log (sessions.jsonl) with a realistic mix of
/// routines, pain scores, skipped and hurt sets, partial, abandoned and interrupted
/// sessions and level changes. The same options give the same file.
#[derive(Debug, Parser)]
#[command(name = "gen_log")]
struct Args {
    /// Days of history, from Monday 2015-01-05.
    #[arg(long, default_value_t = 365)]
    days: u32,
    /// Sessions each day.
    #[arg(long, default_value_t = 1)]
    per_day: u32,
    /// Seed of the random choices.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The file to write (overwritten if it exists).
    path: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let path = args.path.display();
    let written = std::fs::File::create(&args.path).and_then(|file| {
        let mut out = BufWriter::new(file);
        let n =
            upright::store::log::synthetic::write(&mut out, args.days, args.per_day, args.seed)?;
        out.flush()?;
        Ok(n)
    });
    match written {
        Ok(n) => {
            println!(
                "wrote {n} events ({} days, {} a day) to {path}",
                args.days, args.per_day
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_log: cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
