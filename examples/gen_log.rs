//! Writes a synthetic session log, for trying `upright log` and `upright stats` on
//! a long history and for benchmarks.
//!
//! cargo run --example gen_log -- PATH [DAYS] [SESSIONS_PER_DAY] [SEED]
//!
//! PATH is overwritten. Defaults: 365 days, 1 session a day, seed 1.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: gen_log PATH [DAYS] [SESSIONS_PER_DAY] [SEED]");
        return ExitCode::from(2);
    };
    let number = |i: usize, default: u64| -> Result<u64, String> {
        args.get(i).map_or(Ok(default), |s| {
            s.parse()
                .map_err(|_| format!("'{s}' is not a whole number"))
        })
    };
    let parsed = (|| Ok::<_, String>((number(1, 365)?, number(2, 1)?, number(3, 1)?)))();
    let (days, per_day, seed) = match parsed {
        Ok(v) => v,
        Err(e) => {
            eprintln!("gen_log: {e}");
            return ExitCode::from(2);
        }
    };
    let (Ok(days), Ok(per_day)) = (u32::try_from(days), u32::try_from(per_day)) else {
        eprintln!("gen_log: DAYS and SESSIONS_PER_DAY must be below 2^32");
        return ExitCode::from(2);
    };
    let written = std::fs::File::create(path).and_then(|file| {
        let mut out = BufWriter::new(file);
        let n = upright::store::log::write_synthetic(&mut out, days, per_day, seed)?;
        out.flush()?;
        Ok(n)
    });
    match written {
        Ok(n) => {
            println!("wrote {n} events ({days} days, {per_day} a day) to {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_log: cannot write {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
