//! `upright exercises`: a row per exercise, then one indented line per level.

use std::io::{self, Write};

use crate::error::Result;
use crate::model::catalog::Catalog;
use crate::report::table::table;
use crate::store::paths::Paths;

use super::routines::marked_name;
use crate::model::words::printable;

pub(super) fn run(out: &mut dyn Write, paths: &Paths) -> Result<()> {
    let (_, catalog) = super::load_all(paths)?;
    Ok(write(out, &catalog)?)
}

fn write(out: &mut dyn Write, catalog: &Catalog) -> io::Result<()> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut levels: Vec<Vec<String>> = Vec::new();
    for e in catalog.exercises() {
        rows.push([
            e.id.clone(),
            marked_name(&e.name, catalog.exercise_origin(&e.id)),
            e.kind.as_str().to_string(),
            e.levels.len().to_string(),
        ]);
        levels.push(
            e.levels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("    {}. {}: {}", i + 1, printable(&l.name), l.describe()))
                .collect(),
        );
    }
    // The table is laid out whole (so the columns line up), then split into lines
    // to put each exercise's levels under its row.
    let mut buf = Vec::new();
    table(&mut buf, ["ID", "NAME", "KIND", "LEVELS"], &rows, &[3])?;
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.lines();
    if let Some(header) = lines.next() {
        writeln!(out, "{header}")?;
    }
    for (row, details) in lines.zip(&levels) {
        writeln!(out, "{row}")?;
        for d in details {
            writeln!(out, "{d}")?;
        }
    }
    Ok(())
}
