//! `upright remind`: runs in the foreground (a systemd user service, a launchd
//! agent, a tmux window), sleeping until the next reminder is due and sending it.
//! It wakes only when something may be due: at a reminder's time or a repeat
//! (`[remind] snooze`). It sleeps until a time on the wall clock, so after a
//! suspend or a clock change it looks at the clock again instead of waking late.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::notify::{Message, Sender};
use crate::error::Result;
use crate::model::catalog::Catalog;
use crate::model::schedule::{LastDone, Reminding};
use crate::model::settings::Settings;
use crate::store::paths::Paths;
use crate::store::status_cache::StatusCache;

/// What the command line asked for.
pub(super) struct Args {
    pub once: bool,
    pub dry_run: bool,
    pub terminal: bool,
}

pub(super) fn run(
    out: &mut dyn Write,
    err: &mut dyn Write,
    paths: &Paths,
    args: &Args,
) -> Result<()> {
    let (mut settings, mut catalog) = super::load_all(paths)?;
    if settings.reminders.is_empty() {
        writeln!(
            err,
            "upright: no reminders are scheduled; add [[reminder]] tables to {} \
             (see \"Reminders\" in the README)",
            paths.config_file.display()
        )?;
        return Ok(());
    }
    let mut reminding = Reminding::new();
    let mut warned = false;
    loop {
        warm_cache(paths);
        let mut cache = StatusCache::open(&paths.status_cache());
        let now = super::real_now().fixed_offset();
        let last_done = match cache.digest(&paths.log_files(), &now) {
            Ok(digest) => {
                let _ = cache.save();
                warned = false;
                digest.last_done
            }
            Err(e) => {
                if !warned {
                    writeln!(
                        err,
                        "upright: the session log cannot be read ({e}); every reminder counts as not done"
                    )?;
                    warned = true;
                }
                LastDone::new()
            }
        };
        // With --once there is nothing to repeat.
        let snooze = if args.once {
            Duration::ZERO
        } else {
            settings.remind.snooze
        };
        let plan = reminding.step(
            &settings.reminders,
            &last_done,
            snooze,
            settings.remind.max_snoozes,
            &now,
        );
        let sender = Sender {
            dry_run: args.dry_run,
            terminal: args.terminal,
            command: settings.remind.command.clone(),
        };
        for notice in &plan.notices {
            let name = catalog
                .find_routine(&notice.routine)
                .map_or_else(|_| notice.routine.clone(), |r| r.name.clone());
            sender.send(out, err, &Message::of(notice, &name, &now));
        }
        if args.once && !plan.notices.is_empty() {
            return Ok(());
        }
        let Some(wake) = plan.wake else {
            return Ok(());
        };
        sleep_until(wake);
        reload(err, paths, &mut settings, &mut catalog, &mut reminding)?;
    }
}

/// Brings the status cache up to date in a short-lived `upright status`, so this
/// long-running process never folds a whole log itself: its memory would stay as
/// high as the fold took it. Without the helper it is done here, as before.
fn warm_cache(paths: &Paths) {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut status = Command::new(exe);
    status
        .arg("status")
        .arg("--data-dir")
        .arg(&paths.data_dir)
        .arg("--config-dir")
        .arg(&paths.config_dir);
    if paths.config_explicit {
        status.arg("--config").arg(&paths.config_file);
    }
    let _ = status
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Takes up changes to the configuration and the library; a file broken in the
/// meantime is reported and the schedule in force is kept.
fn reload(
    err: &mut dyn Write,
    paths: &Paths,
    settings: &mut Settings,
    catalog: &mut Catalog,
    reminding: &mut Reminding,
) -> Result<()> {
    match super::load_all(paths) {
        Ok((s, c)) => {
            if s.reminders != settings.reminders {
                *reminding = Reminding::new();
            }
            *settings = s;
            *catalog = c;
        }
        Err(e) => {
            write!(err, "{}", e.render())?;
            writeln!(err, "upright: keeping the reminders as they were")?;
        }
    }
    Ok(())
}

/// Sleeps until `at` on the wall clock (CLOCK_REALTIME with TIMER_ABSTIME): the
/// kernel wakes it when the clock reaches `at`, also when the clock jumps there
/// after a suspend.
#[cfg(target_os = "linux")]
fn sleep_until(at: DateTime<FixedOffset>) {
    use rustix::io::Errno;
    use rustix::thread::{ClockId, Timespec, clock_nanosleep_absolute};
    let request = Timespec {
        tv_sec: at.timestamp(),
        tv_nsec: i64::from(at.timestamp_subsec_nanos()),
    };
    loop {
        match clock_nanosleep_absolute(ClockId::Realtime, &request) {
            Err(Errno::INTR) => continue,
            Ok(()) => return,
            Err(_) => return sleep_in_steps(at),
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn sleep_until(at: DateTime<FixedOffset>) {
    sleep_in_steps(at)
}

/// Where the wall clock cannot be slept on: steps of at most five minutes, so a
/// suspend makes it at most that late.
fn sleep_in_steps(at: DateTime<FixedOffset>) {
    const STEP: Duration = Duration::from_secs(300);
    loop {
        let left = (at - super::real_now().fixed_offset()).to_std();
        match left {
            Ok(d) if !d.is_zero() => std::thread::sleep(d.min(STEP)),
            _ => return,
        }
    }
}
