//! Editing the TOML document of a routines file with `toml_edit`, so that only the
//! `[[routine]]` table concerned changes and every other byte stays as it was.

use std::time::Duration;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::Change;
use crate::model::diagnostic::Diagnostic;
use crate::model::duration::{format_short, parse_duration};
use crate::model::routine::{Routine, Step};
use crate::store::diag::SourceText;

/// Replaces routine `found` (or adds one) with `routine`.
pub(super) fn put(doc: &mut DocumentMut, found: Option<usize>, routine: &Routine) {
    // A file with no table yet holds all its text (comments) in its trailing part,
    // which is written after the tables: it goes before the new table instead.
    let mut lead = String::new();
    if !doc.contains_key("routine") {
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        if !trailing.trim().is_empty() {
            lead = trailing.trim_end().to_string() + "\n\n";
        }
        doc.set_trailing("");
        doc.insert("routine", Item::ArrayOfTables(ArrayOfTables::new()));
    } else {
        lead.push('\n');
    }
    // Room after every table for this routine's steps (see `place_steps`).
    spread(doc.as_table_mut(), routine.steps.len() as isize + 2);
    let next = next_position(doc);
    let Some(list) = doc
        .get_mut("routine")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    let at = match found {
        Some(i) => i,
        None => {
            let mut table = Table::new();
            table.decor_mut().set_prefix(lead);
            table.set_position(Some(next));
            list.push(table);
            list.len() - 1
        }
    };
    if let Some(table) = list.get_mut(at) {
        update_routine(table, routine);
        place_steps(table);
    }
}

/// Removes routine `i`. The comment lines right above its header go with it;
/// anything before them (a file's opening comment, say) stays in the file.
pub(super) fn remove(doc: &mut DocumentMut, i: usize) {
    let Some(list) = doc
        .get_mut("routine")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return;
    };
    let removed = list.remove(i);
    let prefix = removed
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or_default();
    let kept = detached_part(prefix);
    let kept = if kept.contains('#') { kept } else { "" };
    match list.get_mut(i) {
        Some(next) => {
            if !kept.is_empty() {
                let own = next
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or_default()
                    .trim_start_matches(['\n', '\r', ' ', '\t'])
                    .to_string();
                next.decor_mut().set_prefix(format!("{kept}{own}"));
            }
        }
        None => {
            let empty = list.is_empty();
            if empty {
                doc.remove("routine");
            }
            if !kept.is_empty() {
                let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
                doc.set_trailing(format!("{kept}{trailing}"));
            }
        }
    }
}

/// The part of a table's prefix that is not the comment block written right
/// above its header (everything up to the last blank line).
fn detached_part(prefix: &str) -> &str {
    let mut end = prefix.len();
    for line in prefix.split_inclusive('\n').rev() {
        let indent = !line.ends_with('\n') && line.trim().is_empty();
        if !indent && !line.trim_start().starts_with('#') {
            break;
        }
        end -= line.len();
    }
    &prefix[..end]
}

/// Parses the file, or reports where it cannot be parsed (as `upright check` would).
pub(super) fn parse(text: &str, shown: &str) -> Result<DocumentMut, Diagnostic> {
    let src = SourceText::new(shown, text);
    if let Err(diags) = crate::store::doc::parse(&src) {
        let first = diags.into_iter().next();
        return Err(first.unwrap_or_else(|| Diagnostic::whole_file(shown, "the file is not TOML")));
    }
    text.parse::<DocumentMut>().map_err(|e| {
        src.at(
            &e.span().unwrap_or(0..0),
            format!("TOML syntax error: {}", e.message().trim()),
        )
        .expected("valid TOML")
    })
}

/// The index of the routine the change is about, if the file has it.
pub(super) fn routine_index(
    doc: &DocumentMut,
    text: &str,
    shown: &str,
    change: Change<'_>,
) -> Result<Option<usize>, Diagnostic> {
    let id = match change {
        Change::Put(r) => r.id.as_str(),
        Change::Remove(id) => id,
    };
    let Some(item) = doc.get("routine") else {
        return Ok(None);
    };
    let Some(list) = item.as_array_of_tables() else {
        // e.g. `routine = [{ id = "x", ... }]`: valid, but not something to edit
        // a table at a time.
        let at = text.find("routine").unwrap_or(0);
        return Err(SourceText::new(shown, text)
            .at(&(at..at), "the routines are written as an inline array")
            .expected("[[routine]] tables, which the editor can update one at a time"));
    };
    Ok(list
        .iter()
        .position(|t| t.get("id").and_then(Item::as_str) == Some(id)))
}

/// One more than the largest table position in the document: where a new table
/// goes to come last.
fn next_position(doc: &DocumentMut) -> isize {
    fn max_in(table: &Table, max: &mut isize) {
        if let Some(p) = table.position() {
            *max = (*max).max(p);
        }
        for (_, item) in table.iter() {
            match item {
                Item::Table(t) => max_in(t, max),
                Item::ArrayOfTables(a) => a.iter().for_each(|t| max_in(t, max)),
                _ => {}
            }
        }
    }
    let mut max = 0;
    max_in(doc.as_table(), &mut max);
    max + 1
}

/// Gives a routine's step tables positions right after the routine's own, in
/// their order in the list. A document is written in the order of its tables'
/// positions, so steps that were moved would otherwise keep their old places.
/// Only positions are numbered; what separates the tables (blank lines,
/// comments) travels with each table.
fn place_steps(routine: &mut Table) {
    let base = routine.position().unwrap_or(0);
    if let Some(steps) = routine
        .get_mut("step")
        .and_then(Item::as_array_of_tables_mut)
    {
        // The positions were spread apart first, so these sort after the routine's
        // header and before whatever table came after the routine.
        for (i, t) in steps.iter_mut().enumerate() {
            t.set_position(Some(base + 1 + i as isize));
        }
    }
}

/// Multiplies every table position by `factor`, leaving room after each.
fn spread(table: &mut Table, factor: isize) {
    if let Some(p) = table.position() {
        table.set_position(Some(p * factor));
    }
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => spread(t, factor),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| spread(t, factor)),
            _ => {}
        }
    }
}

/// Writes a routine into its table: values that did not change are left exactly
/// as they were written; step tables are reused (with their comments) where a
/// step is unchanged or only re-dosed.
fn update_routine(table: &mut Table, routine: &Routine) {
    set_str(table, "id", &routine.id);
    set_str(table, "name", &routine.name);
    let old_description = table
        .get("description")
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_string();
    if old_description != routine.description {
        if routine.description.is_empty() {
            table.remove("description");
        } else {
            set_value(
                table,
                "description",
                Value::from(routine.description.as_str()),
            );
        }
    }

    let mut old: Vec<(Table, Option<Step>)> = match table.remove("step") {
        Some(Item::ArrayOfTables(list)) => list
            .into_iter()
            .map(|t| {
                let step = read_step(&t);
                (t, step)
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut used = vec![false; old.len()];
    let mut chosen: Vec<Option<usize>> = vec![None; routine.steps.len()];
    // Unchanged steps first, then steps of the same exercise (re-dosed).
    for same_dose in [true, false] {
        for (i, step) in routine.steps.iter().enumerate() {
            if chosen[i].is_some() {
                continue;
            }
            let fits = |(j, (_, s)): &(usize, &(Table, Option<Step>))| {
                !used[*j]
                    && s.as_ref().is_some_and(|s| {
                        if same_dose {
                            s == step
                        } else {
                            s.exercise == step.exercise
                        }
                    })
            };
            if let Some((j, _)) = old.iter().enumerate().find(fits) {
                used[j] = true;
                chosen[i] = Some(j);
            }
        }
    }
    let mut list = ArrayOfTables::new();
    for (step, pick) in routine.steps.iter().zip(chosen) {
        let mut t = match pick {
            Some(j) => std::mem::take(&mut old[j].0),
            None => {
                let mut t = Table::new();
                t.decor_mut().set_prefix("\n");
                t
            }
        };
        write_step(&mut t, step);
        list.push(t);
    }
    if !list.is_empty() {
        table.insert("step", Item::ArrayOfTables(list));
    }
}

fn set_str(table: &mut Table, key: &str, text: &str) {
    if table.get(key).and_then(Item::as_str) != Some(text) {
        set_value(table, key, Value::from(text));
    }
}

/// Sets a value, keeping the spacing and comment around the old one.
fn set_value(table: &mut Table, key: &str, new: Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Sets or removes an optional value, leaving it alone when it already means `new`.
fn set_optional<T: PartialEq>(
    table: &mut Table,
    key: &str,
    new: Option<T>,
    read: impl Fn(&Item) -> Option<T>,
    write: impl Fn(T) -> Value,
) {
    match new {
        None => {
            table.remove(key);
        }
        Some(v) => {
            if table.get(key).and_then(&read).as_ref() != Some(&v) {
                set_value(table, key, write(v));
            }
        }
    }
}

fn write_step(t: &mut Table, step: &Step) {
    set_str(t, "exercise", &step.exercise);
    set_optional(t, "level", step.dose.level, read_count, |n| {
        Value::from(n as i64)
    });
    set_optional(
        t,
        "sets",
        step.dose.sets.map(|n| n as usize),
        read_count,
        |n| Value::from(n as i64),
    );
    set_optional(t, "hold", step.dose.hold, read_duration, duration_value);
    set_optional(
        t,
        "reps",
        step.dose.reps.map(|n| n as usize),
        read_count,
        |n| Value::from(n as i64),
    );
    set_optional(t, "rest", step.dose.rest, read_duration, duration_value);
    set_optional(
        t,
        "per_side",
        step.dose.per_side,
        Item::as_bool,
        Value::from,
    );
    set_optional(t, "open", step.dose.open, Item::as_bool, Value::from);
}

/// A duration as users write it: "45s", "1m30s".
fn duration_value(d: Duration) -> Value {
    Value::from(format_short(d))
}

fn read_count(item: &Item) -> Option<usize> {
    item.as_integer().and_then(|n| usize::try_from(n).ok())
}

fn read_duration(item: &Item) -> Option<Duration> {
    if let Some(n) = item.as_integer() {
        return u64::try_from(n).ok().map(Duration::from_secs);
    }
    item.as_str().and_then(|s| parse_duration(s).ok())
}

/// Reads a step table as the loader would, to compare it with an edited step.
/// `None` when it has anything unexpected (it is then never reused).
fn read_step(t: &Table) -> Option<Step> {
    let mut step = Step::for_exercise(t.get("exercise")?.as_str()?);
    for (key, item) in t.iter() {
        match key {
            "exercise" => {}
            "level" => step.dose.level = Some(read_count(item)?),
            "sets" => step.dose.sets = Some(u32::try_from(read_count(item)?).ok()?),
            "hold" => step.dose.hold = Some(read_duration(item)?),
            "reps" => step.dose.reps = Some(u32::try_from(read_count(item)?).ok()?),
            "rest" => step.dose.rest = Some(read_duration(item)?),
            "per_side" => step.dose.per_side = Some(item.as_bool()?),
            "open" => step.dose.open = Some(item.as_bool()?),
            _ => return None,
        }
    }
    Some(step)
}
