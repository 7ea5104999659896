//! How `upright remind` delivers a notification: to standard output (`--dry-run`),
//! through the program named in `[remind] command`, or as a desktop notification
//! (D-Bus on Linux, through a pure-Rust client), and with `--terminal` also as a
//! bell and an OSC 9 message to its own terminal.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::model::schedule::{Notice, format_ago};

/// What one notification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub title: String,
    pub body: String,
}

impl Message {
    /// "Desk break is due" / "Last done 3 hours ago. Start it with: upright start
    /// desk-break".
    pub fn of(notice: &Notice, name: &str, now: &DateTime<FixedOffset>) -> Message {
        let title = if notice.repeat == 0 {
            format!("{name} is due")
        } else {
            format!("{name} is still due")
        };
        let done = match &notice.last_done {
            Some(t) => format!("Last done {}.", format_ago((*now - *t).num_seconds())),
            None => "Not done yet.".to_string(),
        };
        Message {
            title,
            body: format!("{done} Start it with: upright start {}", notice.routine),
        }
    }

    /// The notification on one line.
    pub fn line(&self) -> String {
        format!("{}. {}", self.title, self.body)
    }
}

/// Where notifications go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub dry_run: bool,
    pub terminal: bool,
    /// `[remind] command`; empty: the desktop notification.
    pub command: Vec<String>,
}

/// How long a notification program may run before it is stopped.
const COMMAND_LIMIT: Duration = Duration::from_secs(10);

impl Sender {
    /// Delivers `message`. A failure is reported on `err` with the message, so it is
    /// not lost, and the loop goes on.
    pub fn send(&self, out: &mut dyn Write, err: &mut dyn Write, message: &Message) {
        if self.dry_run {
            let _ = writeln!(out, "{}", message.line());
            let _ = out.flush();
            return;
        }
        if self.terminal {
            // The bell, then OSC 9 (a desktop notification from terminals that
            // support it); control characters are left out of the text.
            let text: String = message.line().chars().filter(|c| !c.is_control()).collect();
            let _ = write!(out, "\x07\x1b]9;{text}\x07");
            let _ = writeln!(out, "{}", message.line());
            let _ = out.flush();
        }
        let sent = if self.command.is_empty() {
            desktop_in_child(message)
        } else {
            run_command(&self.command, message)
        };
        if let Err(why) = sent {
            let _ = writeln!(err, "upright: {why}: {}", message.line());
        }
    }
}

/// Runs the notification program with the title and the text as its last two
/// arguments, and waits (at most [`COMMAND_LIMIT`]) for it to finish.
fn run_command(command: &[String], message: &Message) -> Result<(), String> {
    let (program, first) = command
        .split_first()
        .ok_or_else(|| "no notification program".to_string())?;
    let mut child = Command::new(program)
        .args(first)
        .arg(&message.title)
        .arg(&message.body)
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run the notification program \"{program}\" ({e})"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(format!(
                    "the notification program \"{program}\" failed ({status})"
                ));
            }
            Ok(None) if started.elapsed() < COMMAND_LIMIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "the notification program \"{program}\" did not finish in {} s",
                    COMMAND_LIMIT.as_secs()
                ));
            }
            Err(e) => return Err(format!("cannot wait for \"{program}\" ({e})")),
        }
    }
}

/// The subcommand of upright that sends one desktop notification and exits.
pub const SEND_COMMAND: &str = "send-notification";

/// A desktop notification, sent by a short-lived `upright send-notification`: the
/// D-Bus client starts threads that stay and wake, which a process waiting for
/// hours should not carry. If upright cannot run itself, it is sent from here.
fn desktop_in_child(message: &Message) -> Result<(), String> {
    let Ok(exe) = std::env::current_exe() else {
        return desktop(message);
    };
    let command = [exe.display().to_string(), SEND_COMMAND.to_string()];
    match run_command(&command, message) {
        Err(why) if why.starts_with("cannot run") => desktop(message),
        Err(_) => Err("the desktop notification was not sent (see above)".into()),
        Ok(()) => Ok(()),
    }
}

/// A desktop notification through the platform's notification service.
pub fn desktop(message: &Message) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("upright")
        .summary(&message.title)
        .body(&message.body)
        .show()
        .map(drop)
        .map_err(|e| format!("cannot send a desktop notification ({e}); try --terminal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(repeat: u32, last_done: Option<&str>) -> Notice {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).expect("time");
        Notice {
            routine: "desk-break".into(),
            since: t("2024-05-06T09:00:00+02:00"),
            last_done: last_done.map(t),
            repeat,
        }
    }

    #[test]
    fn a_message_names_the_routine_and_the_command_that_starts_it() {
        let now = DateTime::parse_from_rfc3339("2024-05-06T12:10:00+02:00").expect("now");
        let m = Message::of(
            &notice(0, Some("2024-05-06T09:05:00+02:00")),
            "Desk break",
            &now,
        );
        assert_eq!(
            m.line(),
            "Desk break is due. Last done 3 hours ago. Start it with: upright start desk-break"
        );
        let again = Message::of(&notice(1, None), "Desk break", &now);
        assert_eq!(again.title, "Desk break is still due");
        assert!(again.body.starts_with("Not done yet."), "{}", again.body);
    }

    #[test]
    fn the_command_gets_the_title_and_text_and_a_failure_is_reported() {
        let m = Message {
            title: "T".into(),
            body: "B".into(),
        };
        assert_eq!(run_command(&["true".into()], &m), Ok(()));
        let e = run_command(&["false".into()], &m).unwrap_err();
        assert!(e.contains("failed"), "{e}");
        let e = run_command(&["/nonexistent/notify".into()], &m).unwrap_err();
        assert!(e.contains("cannot run"), "{e}");
    }
}
