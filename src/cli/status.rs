//! `upright status`: one line for a status bar. It always succeeds and prints one
//! line: with a configuration or files it cannot use, "upright: run upright check".
//! It is cheap enough to run every few seconds: the log and the routine names come
//! from the status cache ([`crate::store::status_cache`]), which reads only what
//! was appended since the last call.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

use chrono::{DateTime, Local};

use crate::model::schedule::{self, due_now, next_up};
use crate::report::status::{
    DueItem, NextItem, StatusFormat, StatusLine, TextStyle, write_broken, write_status,
};
use crate::store::library::{self, BUILTIN_ROUTINES};
use crate::store::paths::Paths;
use crate::store::status_cache::{StatusCache, fnv1a};

/// What the command line asked for.
pub(super) struct Args {
    pub format: StatusFormat,
    pub emoji: bool,
}

/// Prints the line. Failing to write (a closed pipe) is not an error either.
pub(super) fn run(out: &mut dyn Write, paths: &Paths, args: &Args, now: &DateTime<Local>) {
    let written = match line(paths, now) {
        Some(line) => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let style = TextStyle {
                color: !no_color && std::io::stdout().is_terminal(),
                emoji: args.emoji,
            };
            write_status(out, &line, args.format, style, now)
        }
        None => write_broken(out, args.format),
    };
    let _ = written.and_then(|()| out.flush());
}

/// The routine names of the library (id -> name), from the cache when the
/// library files have not changed.
pub(super) fn routine_names(
    cache: &mut StatusCache,
    paths: &Paths,
) -> Option<BTreeMap<String, String>> {
    let files = [paths.exercises_file(), paths.routines_file()];
    cache
        .routine_names(&files, fnv1a(BUILTIN_ROUTINES.as_bytes()), || {
            library::load(Some(&paths.config_dir)).map(|c| {
                c.routines()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect()
            })
        })
        .ok()
}

/// What the line says, or `None` when something cannot be used.
fn line(paths: &Paths, now: &DateTime<Local>) -> Option<StatusLine> {
    let settings = super::load_settings(paths).ok()?;
    let mut cache = StatusCache::open(&paths.status_cache());
    let digest = cache.digest(&paths.log_files(), now).ok()?;
    let reminders = &settings.reminders;
    let names = if reminders.is_empty() {
        BTreeMap::new()
    } else {
        let names = routine_names(&mut cache, paths)?;
        let ids: Vec<&str> = names.keys().map(String::as_str).collect();
        if !schedule::unknown_routines(reminders, &ids).is_empty() {
            return None;
        }
        names
    };
    // The cache only saves work; failing to write it changes nothing shown.
    let _ = cache.save();
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let due = due_now(reminders, &digest.last_done, now)
        .into_iter()
        .map(|d| DueItem {
            name: name(&d.routine),
            since: d.since.fixed_offset(),
            last_done: d.last_done,
            routine: d.routine,
        })
        .collect();
    let next = next_up(reminders, now).map(|n| NextItem {
        name: name(&n.routine),
        at: n.at.fixed_offset(),
        routine: n.routine,
    });
    let today = now.date_naive();
    Some(StatusLine {
        due,
        next,
        streak: digest.streak(today),
        week_sessions: digest.week_sessions(today),
        weekly_goal: settings.session.weekly_goal,
    })
}
