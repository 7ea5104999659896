//! The event loop: set-up and tear-down of the terminal, input, signals, and the
//! effects the app asks for. The loop blocks on input when nothing runs, and while
//! a timer runs it sleeps until the next visible change. It reads the clock
//! through [`super::clock::now`], the app's only clock read.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event as TermEvent, KeyEventKind};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU, SIGXFSZ,
};

use super::clock::now;
use super::files::Files;
use super::sound::Audio;
use super::writer::Report;
use crate::app::keymap::Key;
use crate::app::mouse::{Hits, Pointer};
use crate::app::{App, Effect, Output};
use crate::model::history::History;

/// What wakes the loop.
enum Msg {
    Input(TermEvent),
    /// The session log, read in the background: the history and any warning.
    Loaded(History, Option<String>),
    Signal(i32),
    InputClosed,
    /// The log's writer answered.
    Saved(Report),
}

/// Every signal that would end the process and can be caught: each ends the
/// app the same way (a session in progress kept as partial, the terminal
/// given back). SIGCONT is for coming back from a stop.
pub(super) const SIGNALS: [i32; 14] = [
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGIO, SIGSYS, SIGCONT,
];

/// The largest area drawn: a bigger window (65535x65535 can be asked for)
/// is drawn in its top-left corner, so the frame's buffers stay small.
pub const MAX_AREA: (u16, u16) = (1000, 500);

/// The area to draw in a terminal of `width` x `height`.
pub fn drawn_area(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_AREA.0), height.min(MAX_AREA.1))
}

/// How long a quit waits for the writer's answers before deciding. The only
/// wait for the writer: a frame never waits for it (its answers wake the loop
/// like any other message), so the timer stays on its grid whatever the disk
/// or the log's lock does.
pub(super) const SETTLE: Duration = Duration::from_secs(2);

/// Asks the terminal to report button presses and the wheel (not every move) in
/// the SGR encoding, which has no limit on the column.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
/// Gives the mouse back to the terminal.
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1000l";

/// Puts the terminal in full-screen raw mode, taking the mouse if `mouse`.
fn enter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        out.write_all(MOUSE_ON)?;
        out.flush()?;
    }
    Ok(())
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn leave() {
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF);
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped, whatever the way out.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}

/// Runs the app until the user quits or a signal ends it.
pub fn run(app: &mut App, files: &mut Files, audio: &mut Audio) -> io::Result<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        hook(info);
    }));
    enter(app.settings.ui.mouse)?;
    let _guard = Guard;
    let backend = CrosstermBackend::new(io::stdout());
    let size = ratatui::backend::Backend::size(&backend)?;
    let viewport = Viewport::Fixed(drawn_area(size.width, size.height));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport })?;
    repaint(&mut terminal)?;

    let (tx, rx) = mpsc::channel();
    let saved = tx.clone();
    files.start_writer(move |report| {
        let _ = saved.send(Msg::Saved(report));
    });
    // The log is read off the first-frame path: History, Stats and the resume
    // offer follow as soon as it is in.
    let loader = tx.clone();
    let dir = files.data_dir();
    std::thread::spawn(move || {
        let (history, warning) = Files::load_logs(&dir);
        let _ = loader.send(Msg::Loaded(history, warning));
    });
    spawn_input(tx.clone());
    spawn_signals(tx)?;
    event_loop(app, files, audio, &mut terminal, &rx)
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Input(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    return;
                }
            }
        }
    });
}

fn spawn_signals(tx: Sender<Msg>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(SIGNALS)?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Msg::Signal(sig)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Clears the screen and makes the next draw paint every cell. Unlike
/// `Terminal::clear`, this never asks the terminal where its cursor is: that query
/// costs a round trip before the first frame, fails after 2 s in a terminal that
/// does not answer, and cannot be answered at all once the input thread is reading
/// (it holds crossterm's event reader), so a repaint after `fg` would end the app.
/// The drawn area is never larger than [`MAX_AREA`].
fn repaint(terminal: &mut Term) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(drawn_area(size.width, size.height))
}

/// Draws a frame and tells the app what the mouse can reach in it. Like
/// ratatui's own autoresize, the terminal's size is asked before each frame,
/// but the area drawn is clamped to [`MAX_AREA`].
fn draw(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    let size = terminal.size()?;
    let area = drawn_area(size.width, size.height);
    if area != terminal.get_frame().area() {
        terminal.resize(area)?;
    }
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let mut hits = Hits::default();
    terminal.draw(|f| hits = crate::ui::draw(app, f.area(), f.buffer_mut()))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    app.drawn(hits);
    Ok(())
}

/// Carries out the app's effects: sounds started, the log and the files
/// written. `shows` takes those for the terminal first (the bell, plain mode's
/// lines) and gives back the ones it does not show.
pub(super) fn flush_effects(
    app: &mut App,
    files: &mut Files,
    audio: &mut Audio,
    mut shows: impl FnMut(Effect) -> Option<Effect>,
) {
    loop {
        let pending = app.take_effects();
        if pending.is_empty() {
            return;
        }
        for e in pending.into_iter().filter_map(&mut shows) {
            match e {
                // Started, not waited for: collected by `Audio::reap`.
                Effect::Cue(cue) => {
                    if let Err(why) = audio.play(cue) {
                        app.sound_failed(Output::Player, &why);
                    }
                }
                Effect::Say(phrase) => {
                    if let Err(why) = audio.say(&phrase) {
                        app.sound_failed(Output::Speech, &why);
                    }
                }
                other => files.apply(other, app),
            }
        }
    }
}

/// The full screen shows the bell; everything else is carried out.
fn ring(effect: Effect) -> Option<Effect> {
    match effect {
        Effect::Bell => {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
            None
        }
        other => Some(other),
    }
}

/// While a player or speech command has not been collected, the loop looks
/// again at least this often (a session's timer wakes it every second anyway).
const REAP_EVERY: Duration = Duration::from_secs(1);

/// When the loop must wake by itself: the app's next visible change, or a
/// look at the programs still running.
pub(super) fn next_wake(app: &App, audio: &Audio) -> Option<Instant> {
    let reap = audio.busy().then(|| Instant::now() + REAP_EVERY);
    match (app.next_wake(), reap) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn event_loop(
    app: &mut App,
    files: &mut Files,
    audio: &mut Audio,
    terminal: &mut Term,
    rx: &Receiver<Msg>,
) -> io::Result<()> {
    // Messages that came while a quit waited for the writer, handled next.
    let mut deferred: VecDeque<Msg> = VecDeque::new();
    loop {
        flush_effects(app, files, audio, ring);
        if app.quit {
            await_writer(app, files, rx, &mut deferred, SETTLE, |msg| match msg {
                Msg::Saved(report) => Ok(report),
                other => Err(other),
            });
            if !app.hold_quit() {
                return Ok(());
            }
            continue;
        }
        // Every pass of the loop follows a wake-up that changed something: draw once.
        draw(terminal, app)?;
        // Sleep until input, a signal, or the next visible change.
        let Some(first) = next_message(app, audio, rx, &mut deferred) else {
            return Ok(());
        };
        // A player that failed is known before the tick decides the next cue.
        for (output, why) in audio.reap() {
            app.sound_failed(output, &why);
        }
        app.tick(now());
        // Handle everything already waiting before drawing again: a storm of
        // resizes or a burst of keys costs one frame.
        let mut batch: Vec<Msg> = first.into_iter().collect();
        batch.extend(deferred.drain(..));
        while let Ok(m) = rx.try_recv() {
            batch.push(m);
        }
        for msg in batch {
            match msg {
                Msg::Input(TermEvent::Key(k)) if k.kind == KeyEventKind::Press => {
                    let key = Key::from_event(&k);
                    if key == Key::ctrl('z') {
                        suspend(app, terminal)?;
                    } else {
                        app.key(key, now());
                    }
                }
                Msg::Input(TermEvent::Mouse(m)) => {
                    if let Some(pointer) = Pointer::from_event(&m) {
                        app.pointer(pointer, now());
                    }
                }
                // The draw that follows takes the new size (see `draw`).
                Msg::Input(TermEvent::Resize(..)) => {}
                Msg::Saved(report) => files.report(report, app),
                Msg::Input(_) => {}
                Msg::Loaded(history, warning) => app.history_loaded(history, warning),
                Msg::Signal(SIGCONT) => {
                    // Back from a stop we did not cause: take the terminal again.
                    enter(app.settings.ui.mouse)?;
                    repaint(terminal)?;
                }
                Msg::Signal(_) | Msg::InputClosed => {
                    // A signal that ends the process, or the terminal went away:
                    // keep what was done, ask nothing.
                    app.shutdown();
                }
            }
        }
    }
}

/// Sleeps until a message (a deferred one first), or the next visible change
/// (`Some(None)`); `None`: every sender is gone.
fn next_message(
    app: &App,
    audio: &Audio,
    rx: &Receiver<Msg>,
    deferred: &mut VecDeque<Msg>,
) -> Option<Option<Msg>> {
    if let Some(msg) = deferred.pop_front() {
        return Some(Some(msg));
    }
    match next_wake(app, audio) {
        Some(at) => {
            let wait = at.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(msg) => Some(Some(msg)),
                Err(RecvTimeoutError::Timeout) => Some(None),
                Err(RecvTimeoutError::Disconnected) => None,
            }
        }
        None => rx.recv().ok().map(Some),
    }
}

/// Before a quit: waits up to `wait` for the writer's answers to what it was
/// given, so the app knows how the log stands; other messages are kept for the
/// loop (the quit may be held, and the loop goes on). `saved` picks the
/// writer's answer out of a loop's message (the plain loop has its own).
pub(super) fn await_writer<M>(
    app: &mut App,
    files: &mut Files,
    rx: &Receiver<M>,
    deferred: &mut VecDeque<M>,
    wait: Duration,
    saved: fn(M) -> Result<Report, M>,
) {
    let until = Instant::now() + wait;
    while files.busy() {
        let left = until.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left).map(saved) {
            Ok(Ok(report)) => files.report(report, app),
            Ok(Err(other)) => deferred.push_back(other),
            Err(_) => return,
        }
    }
}

/// Ctrl-Z: pause the session, give the terminal back, stop; on `fg`, repaint.
fn suspend(app: &mut App, terminal: &mut Term) -> io::Result<()> {
    app.pause_for_suspend(now());
    leave();
    // Stop this process as the shell expects; execution resumes here on SIGCONT.
    let _ = signal_hook::low_level::raise(signal_hook::consts::signal::SIGTSTP);
    enter(app.settings.ui.mouse)?;
    repaint(terminal)?;
    Ok(())
}
