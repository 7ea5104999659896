//! Runs the real `upright` binary in a pseudo-terminal and reads its screen back
//! through a terminal emulator (vt100), the way a user would see it.
//!
//! Every wait is bounded; a failed wait panics with the screen as it stood, and
//! dropping a [`Tui`] kills a child that is still running.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The longest any single wait may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The host id of the app under test (`UPRIGHT_HOST`), so its log's name is known.
pub const HOST: &str = "pty";

pub const SPACE: &str = " ";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";

/// A test routine file: short holds, one per-side step, and a long one for
/// tests that need time to look at a phase.
pub const ROUTINES: &str = r#"
[[routine]]
id = "e2e"
name = "End-to-end check"
description = "Short holds for the end-to-end tests."

[[routine.step]]
exercise = "plank"
level = 1
sets = 1
hold = "4s"
rest = "1s"

[[routine.step]]
exercise = "shoulder-blade-stretch"
level = 1
sets = 2
hold = "2s"
rest = "1s"
per_side = true

[[routine]]
id = "e2e-long"
name = "End-to-end long holds"
description = "Long holds and rests, for tests that must see one phase stay put."

[[routine.step]]
exercise = "plank"
level = 1
sets = 2
hold = "30s"
rest = "30s"
"#;

/// A configuration with short gaps so a session moves quickly.
pub const CONFIG: &str = r#"
[timer]
lead_in = "1s"
switch_gap = "1s"
rest = "1s"

[session]
ask_pain = false
"#;

/// A temporary home: config and data dirs, HOME and XDG dirs all inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// A sandbox with the test routines and config, first run (no notice marker).
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let s = Sandbox { dir };
        std::fs::create_dir_all(s.config_dir()).unwrap();
        std::fs::create_dir_all(s.data_dir()).unwrap();
        std::fs::create_dir_all(s.home()).unwrap();
        std::fs::write(s.config_dir().join("routines.toml"), ROUTINES).unwrap();
        std::fs::write(s.config_dir().join("config.toml"), CONFIG).unwrap();
        s
    }

    /// A sandbox where the safety notice was already read.
    pub fn seen() -> Sandbox {
        let s = Sandbox::new();
        std::fs::write(s.notice_marker(), "seen\n").unwrap();
        s
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }
    /// The log the app writes: `sessions.HOST.jsonl` for the host id every
    /// spawn is given ([`HOST`], unless the test sets `UPRIGHT_HOST` itself).
    pub fn log_path(&self) -> PathBuf {
        self.data_dir().join(format!("sessions.{HOST}.jsonl"))
    }
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }
    pub fn notice_marker(&self) -> PathBuf {
        self.data_dir().join("notice-seen")
    }
}

/// What the reader thread shares with the test.
struct Shared {
    parser: vt100::Parser,
    /// The screen as a terminal that honours synchronized updates would show it:
    /// taken only outside `ESC [ ? 2026 h` ... `ESC [ ? 2026 l`, so never half a frame.
    presented: vt100::Screen,
    /// Every byte the program wrote, in order.
    raw: Vec<u8>,
    /// The program's side of the terminal is closed (it exited).
    eof: bool,
    /// When the last bytes arrived.
    last_output: Instant,
}

/// Spots the synchronized-update markers `ESC [ ? 2026 h` and `ESC [ ? 2026 l`
/// in a byte stream, across reads.
#[derive(Default)]
struct SyncTracker {
    matched: usize,
    inside: bool,
}

impl SyncTracker {
    const PREFIX: &'static [u8] = b"\x1b[?2026";

    /// Takes one byte; true when it ends a marker (and `inside` changed).
    fn feed(&mut self, b: u8) -> bool {
        if self.matched == Self::PREFIX.len() {
            self.matched = 0;
            match b {
                b'h' => {
                    self.inside = true;
                    return true;
                }
                b'l' => {
                    self.inside = false;
                    return true;
                }
                _ => {}
            }
        }
        if b == Self::PREFIX[self.matched] {
            self.matched += 1;
        } else {
            self.matched = usize::from(b == Self::PREFIX[0]);
        }
        false
    }
}

/// The program running in a pseudo-terminal.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    shared: Arc<Mutex<Shared>>,
    reader: Option<JoinHandle<()>>,
    pub spawned: Instant,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal size must not be zero")
}

/// Collapses every run of whitespace into one space, so text wrapped over lines
/// or padded into columns still matches.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Tui {
    /// Starts `upright ARGS` in a `cols`x`rows` terminal inside the sandbox.
    pub fn spawn(sandbox: &Sandbox, args: &[&str], cols: u16, rows: u16) -> Tui {
        Tui::spawn_env(sandbox, args, cols, rows, &[])
    }

    /// Like [`Tui::spawn`], with extra environment variables (e.g. NO_COLOR).
    pub fn spawn_env(
        sandbox: &Sandbox,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_upright"));
        cmd.args(args);
        cmd.env_clear();
        let home = sandbox.home();
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join(".config"));
        cmd.env("XDG_DATA_HOME", home.join(".local/share"));
        cmd.env("XDG_STATE_HOME", home.join(".local/state"));
        cmd.env("XDG_CACHE_HOME", home.join(".cache"));
        cmd.env("UPRIGHT_CONFIG_DIR", sandbox.config_dir());
        cmd.env("UPRIGHT_DATA_DIR", sandbox.data_dir());
        cmd.env("UPRIGHT_HOST", HOST);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(sandbox.dir.path());
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn upright");
        // Only the child holds the terminal's slave side now: when it exits, reads
        // from the master end.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        let shared = Arc::new(Mutex::new(Shared {
            presented: parser.screen().clone(),
            parser,
            raw: Vec::new(),
            eof: false,
            last_output: Instant::now(),
        }));
        let for_reader = Arc::clone(&shared);
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut sync = SyncTracker::default();
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut s = for_reader.lock().unwrap_or_else(|e| e.into_inner());
                        let bytes = &buf[..n];
                        let mut from = 0;
                        // Feed the emulator up to the end of each marker, and
                        // present the screen whenever no update is in progress.
                        for (i, &b) in bytes.iter().enumerate() {
                            if sync.feed(b) {
                                s.parser.process(&bytes[from..=i]);
                                from = i + 1;
                                if !sync.inside {
                                    s.presented = s.parser.screen().clone();
                                }
                            }
                        }
                        s.parser.process(&bytes[from..]);
                        if !sync.inside {
                            s.presented = s.parser.screen().clone();
                        }
                        s.raw.extend_from_slice(bytes);
                        s.last_output = Instant::now();
                    }
                }
            }
            let mut s = for_reader.lock().unwrap_or_else(|e| e.into_inner());
            s.presented = s.parser.screen().clone();
            s.eof = true;
        });
        Tui {
            child,
            master: pair.master,
            writer: Some(writer),
            shared,
            reader: Some(handle),
            spawned,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// The screen as text, one line per row (whole frames only).
    pub fn screen(&self) -> String {
        self.lock().presented.contents()
    }

    /// One row of the screen (0-based), trailing blanks kept out.
    pub fn row(&self, i: u16) -> String {
        let s = self.lock();
        let (_, cols) = s.presented.size();
        s.presented
            .rows(0, cols.get())
            .nth(usize::from(i))
            .unwrap_or_default()
            .trim_end()
            .to_string()
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }

    /// Fails the test with what the screen showed.
    pub fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\n--- screen ({} ms after spawn) ---\n{}\n---",
            self.spawned.elapsed().as_millis(),
            self.screen()
        );
    }

    /// Waits until `pred` holds for the screen text; returns that text.
    pub fn wait_until(&self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if start.elapsed() > timeout {
                self.fail(&format!("timed out after {timeout:?} waiting for {what}"));
            }
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Waits until `text` is on the screen (whitespace-insensitive).
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        let want = squash(text);
        self.wait_until(&format!("{text:?}"), timeout, |s| {
            s.contains(text) || squash(s).contains(&want)
        })
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> String {
        let want = squash(text);
        self.wait_until(&format!("{text:?} to go away"), timeout, |s| {
            !s.contains(text) && !squash(s).contains(&want)
        })
    }

    /// Waits until the program has written nothing for `quiet` (a frame is whole).
    pub fn settle(&self, quiet: Duration) {
        let start = Instant::now();
        loop {
            let last = self.lock().last_output;
            if last.elapsed() >= quiet {
                return;
            }
            if start.elapsed() > TIMEOUT {
                self.fail("the program never went quiet");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Types keys (raw bytes, as a terminal sends them).
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("writer still open");
        w.write_all(keys.as_bytes()).expect("write keys");
        w.flush().expect("flush keys");
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulator with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut s = self.lock();
        s.parser.screen_mut().set_size(nz(rows), nz(cols));
        s.presented.set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Resizes the pseudo-terminal only (the program gets SIGWINCH), for sizes
    /// the emulator should not try to hold (65535x65535).
    pub fn resize_pty_only(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    /// Sends a signal by name ("TERM", "HUP"...) with the system's `kill`.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits for the program to exit and for its output to end; returns the status.
    pub fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(e) => self.fail(&format!("waiting for the program: {e}")),
            }
            if start.elapsed() > timeout {
                self.fail(&format!("the program did not exit within {timeout:?}"));
            }
            std::thread::sleep(Duration::from_millis(15));
        };
        while !self.lock().eof {
            if start.elapsed() > timeout {
                self.fail("the terminal output did not end after the program exited");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        status
    }

    /// Ends the session in progress through the end-session dialog, answering
    /// with `choice` ("s" saves it as partial, "d" discards it).
    pub fn end_session(&mut self, choice: &str) {
        self.send("q");
        self.wait_for("End this session now?", TIMEOUT);
        self.send(choice);
        self.wait_gone("End this session now?", TIMEOUT);
    }

    /// Presses q where q leaves the app (a top view) and checks that it exits
    /// with success.
    pub fn quit(&mut self) {
        self.send("q");
        let status = self.wait_exit(TIMEOUT);
        assert!(status.success(), "exit status {status:?}");
    }

    /// From a session: discards it, leaves the end screen for the picker, and
    /// quits the app.
    pub fn discard_and_quit(&mut self) {
        self.end_session("d");
        self.wait_for("Session discarded", TIMEOUT);
        self.send("q");
        self.wait_for("1 Routines", TIMEOUT);
        self.quit();
    }

    /// The session's headline: the first line inside the session box.
    pub fn headline(&self) -> String {
        headline(&self.screen())
    }
}

/// Finds "M:SS of M:SS" on a screen and returns the first time.
pub fn shown_time(screen: &str) -> Option<String> {
    for line in screen.lines() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '│')
            .filter(|w| !w.is_empty())
            .collect();
        for w in words.windows(3) {
            if w[1] == "of" && is_clock(w[0]) && is_clock(w[2]) {
                return Some(w[0].to_string());
            }
        }
    }
    None
}

/// Seconds in an `M:SS` text.
pub fn clock_secs(text: &str) -> u64 {
    let (m, s) = text.split_once(':').expect("M:SS");
    m.parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap()
}

fn is_clock(w: &str) -> bool {
    match w.split_once(':') {
        Some((m, s)) => {
            !m.is_empty()
                && m.bytes().all(|b| b.is_ascii_digit())
                && s.len() == 2
                && s.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The first row inside the session box (row 0 is the header, row 1 the box's top).
pub fn headline(screen: &str) -> String {
    let line = screen.lines().nth(2).unwrap_or_default();
    squash(line.trim_matches(|c: char| c == '│' || c.is_whitespace()))
}

impl Drop for Tui {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // Closing our end lets the reader thread finish.
        self.writer.take();
        if let Some(h) = self.reader.take()
            && self.lock().eof
        {
            let _ = h.join();
        }
    }
}

/// Whether `needle` occurs in `hay`, and where it last does.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
