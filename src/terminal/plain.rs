//! Plain mode: a session coached in lines of text, one a milestone ("Plank,
//! level 1. Hold 20 seconds.", "10 seconds left.", "3", "2", "1", "Rest, 30
//! seconds. Next: Push-up.", "Session complete, 11 minutes."). No alternate
//! screen, no cursor movement, no colour: what a screen reader can follow, an
//! editor's shell can show, a slow connection can carry.
//!
//! The same [`App`] as the full screen runs the session, with the same keymap:
//! keys come from standard input (see [`keys`]; a terminal there is set to pass
//! single keys, see [`tty`]), and its effects are carried out the same way, so
//! the session is logged exactly as a full-screen one. The milestones come from
//! the app as [`Effect::Line`]; what else the screen would show comes from
//! [`Follower`]. With standard input closed the session goes on by itself.

mod follow;
mod keys;
mod tty;

use std::collections::VecDeque;
use std::io::{self, IsTerminal, Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use signal_hook::consts::signal::SIGCONT;

pub use follow::Follower;
pub use keys::KeyReader;

use super::clock::now;
use super::files::Files;
use super::runner;
use super::sound::Audio;
use super::writer::Report;
use crate::app::keymap::Context;
use crate::app::{Action, App, Effect, Overlay};
use crate::model::session::Status;

/// What wakes the loop.
enum Msg {
    /// Bytes from standard input.
    Bytes(Vec<u8>),
    InputClosed,
    Signal(i32),
    /// The log's writer answered.
    Saved(Report),
}

/// Standard output, a line at a time, each written out at once. A failure to
/// write (the reader went away) does not stop the session, which is still
/// logged.
struct Out {
    terminal: bool,
}

impl Out {
    fn line(&self, text: &str) {
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }

    /// The bell, on a terminal only (never into a file or a pipe).
    fn bell(&self) {
        if self.terminal {
            let mut out = io::stdout().lock();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    }
}

/// Runs a session of `routine` in plain mode until it ends; `notice`: the
/// safety notice was never shown, so it is printed first.
pub fn run(
    mut app: App,
    files: &mut Files,
    mut audio: Audio,
    routine: &str,
    notice: bool,
) -> io::Result<()> {
    let out = Out {
        terminal: io::stdout().is_terminal(),
    };
    app.plain = true;
    if notice {
        for line in crate::ui::NOTICE {
            out.line(line);
        }
        files.apply(Effect::NoticeSeen, &mut app);
    }
    // The logs first: the level and the best of each step come from them.
    let (history, warning) = Files::load_logs(&files.data_dir());
    app.skip_resume_offer();
    app.history_loaded(history, warning);
    out.line(&keys_line(&app));
    let single_keys = tty::SingleKeys::enter();
    let (tx, rx) = mpsc::channel();
    let saved = tx.clone();
    files.start_writer(move |report| {
        let _ = saved.send(Msg::Saved(report));
    });
    spawn_input(tx.clone());
    spawn_signals(tx)?;
    app.tick(now());
    app.start_session(routine);
    event_loop(&mut app, files, &mut audio, &out, &rx, single_keys.as_ref());
    Ok(())
}

/// "Keys: Space pause/resume · →/n next · ..." for the session.
fn keys_line(app: &App) -> String {
    use Action as A;
    let actions = [
        A::Pause,
        A::Next,
        A::Previous,
        A::Done,
        A::Hurt,
        A::EndSession,
        A::Help,
    ];
    let keys: Vec<String> = actions
        .iter()
        .filter(|a| !app.keymap.keys(Context::Session, **a).is_empty())
        .map(|a| {
            let keys = app.keymap.all_keys(Context::Session, *a);
            format!("{keys} {}", a.label())
        })
        .collect();
    format!("Keys: {}", keys.join(" · "))
}

/// Every signal that ends the process the same way as on the full screen,
/// and SIGCONT.
fn spawn_signals(tx: Sender<Msg>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(runner::SIGNALS)?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        let mut buf = [0u8; 1024];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if tx.send(Msg::Bytes(buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = tx.send(Msg::InputClosed);
    });
}

/// The session is over (or never began) and nothing more is asked.
fn finished(app: &App) -> bool {
    app.quit || (!app.in_session() && app.overlay.is_none())
}

fn event_loop(
    app: &mut App,
    files: &mut Files,
    audio: &mut Audio,
    out: &Out,
    rx: &Receiver<Msg>,
    single_keys: Option<&tty::SingleKeys>,
) {
    let mut follower = Follower::default();
    let mut reader = KeyReader::default();
    let mut input_open = true;
    // Messages that came while a quit waited for the writer, handled next.
    let mut deferred: VecDeque<Msg> = VecDeque::new();
    loop {
        runner::flush_effects(app, files, audio, |e| match e {
            Effect::Line(text) => {
                out.line(&text);
                None
            }
            Effect::Bell => {
                out.bell();
                None
            }
            other => Some(other),
        });
        for line in follower.lines(app) {
            out.line(&line);
        }
        // The keys are printed; there is nothing to scroll.
        if app.overlay == Some(Overlay::Help) {
            app.act(Action::Back, now());
            continue;
        }
        if finished(app) {
            runner::await_writer(
                app,
                files,
                rx,
                &mut deferred,
                runner::SETTLE,
                |msg| match msg {
                    Msg::Saved(report) => Ok(report),
                    other => Err(other),
                },
            );
            // Events not saved: the quit question, printed like any other.
            if !app.hold_quit() {
                return;
            }
            continue;
        }
        if !input_open && run_on(app) {
            continue;
        }
        let Some(first) = next_message(app, audio, input_open, rx, &mut deferred) else {
            return;
        };
        // A player that failed is known before the tick decides the next cue.
        for (output, why) in audio.reap() {
            app.sound_failed(output, &why);
        }
        app.tick(now());
        let mut batch: Vec<Msg> = first.into_iter().collect();
        batch.extend(deferred.drain(..));
        batch.extend(std::iter::from_fn(|| rx.try_recv().ok()));
        for msg in batch {
            match msg {
                Msg::Bytes(bytes) => {
                    for key in reader.feed(&bytes) {
                        app.key(key, now());
                    }
                }
                Msg::InputClosed => {
                    input_open = false;
                    reader.finish();
                }
                Msg::Saved(report) => files.report(report, app),
                Msg::Signal(SIGCONT) => {
                    if let Some(t) = single_keys {
                        t.again();
                    }
                }
                // A signal that ends the process: keep what was done, ask nothing.
                Msg::Signal(_) => app.shutdown(),
            }
        }
    }
}

/// Sleeps until a message (a deferred one first), the next change the app
/// waits for, or (with standard input closed) the moment a phase the user
/// ends ends by itself: `Some(None)` for a wake-up; `None`: every sender is
/// gone.
fn next_message(
    app: &App,
    audio: &Audio,
    input_open: bool,
    rx: &Receiver<Msg>,
    deferred: &mut VecDeque<Msg>,
) -> Option<Option<Msg>> {
    if let Some(msg) = deferred.pop_front() {
        return Some(Some(msg));
    }
    let mut wake = runner::next_wake(app, audio);
    if !input_open {
        wake = wake.into_iter().chain(run_on_at(app)).min();
    }
    match wake {
        Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
            Ok(msg) => Some(Some(msg)),
            Err(RecvTimeoutError::Timeout) => Some(None),
            Err(RecvTimeoutError::Disconnected) => None,
        },
        None => rx.recv().ok().map(Some),
    }
}

/// With standard input closed, the session goes on by itself: a question is
/// skipped, the end dialog keeps going, the quit question quits anyway (the
/// events go to the cache dir and the run says so), a pause ends, a phase that waits for
/// the user goes on, and a phase the user ends (an open hold, reps at your own
/// pace) ends once its planned time has passed (the target; 3 s a rep).
/// Whether it did anything.
fn run_on(app: &mut App) -> bool {
    let now = now();
    let way_out = match &app.overlay {
        Some(Overlay::Prompt { .. }) => Some(Action::Cancel),
        Some(Overlay::ConfirmEnd) => Some(Action::KeepGoing),
        Some(Overlay::QuitUnsaved) => Some(Action::QuitAnyway),
        Some(_) => Some(Action::Back),
        None => None,
    };
    if let Some(action) = way_out {
        let before = app.overlay.clone();
        app.act(action, now);
        return app.overlay != before;
    }
    let Some(r) = app.running() else {
        return false;
    };
    let Some(view) = r.session.view(now.mono) else {
        return false;
    };
    let planned = r.session.plan().lengths.get(view.index).copied();
    let action = match view.status {
        Status::Paused => Some(Action::Pause),
        Status::Waiting => Some(Action::Done),
        Status::Running if view.length.is_none() && planned.is_some_and(|p| view.elapsed >= p) => {
            Some(Action::Done)
        }
        _ => None,
    };
    if let Some(action) = action {
        app.update(action, now);
    }
    action.is_some()
}

/// When the phase the user ends is due to end by itself (see [`run_on`]).
fn run_on_at(app: &App) -> Option<Instant> {
    let r = app.running()?;
    let view = r.session.view(app.now.mono)?;
    if view.status != Status::Running || view.length.is_some() {
        return None;
    }
    let planned = r.session.plan().lengths.get(view.index).copied()?;
    Some(app.now.mono + planned.saturating_sub(view.elapsed))
}
