//! End-to-end: the real binary in a pseudo-terminal (100x30), read back through a
//! terminal emulator, with its own config and data dirs holding short test
//! routines. Every wait is bounded (see `harness::TIMEOUT`) and a child still
//! running when a test fails is killed.

use std::time::Duration;

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Waits until the session headline satisfies `pred`.
fn wait_headline(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) -> String {
    t.wait_until(&format!("headline {what}"), TIMEOUT, |s| pred(&headline(s)))
}

fn wait_time_below(t: &Tui, secs: u64) -> String {
    t.wait_until(&format!("the time to go below {secs} s"), TIMEOUT, |s| {
        shown_time(s).is_some_and(|x| clock_secs(&x) < secs)
    })
}

/// The bytes left once every `ESC [ ... final` sequence is taken out.
fn strip_csi(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            i += 2;
            while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                i += 1;
            }
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn picker_lists_routines_and_notice_shows_on_first_run_only() {
    let sb = Sandbox::new();
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Before you start", TIMEOUT);
    t.wait_for("not medical advice", TIMEOUT);
    for name in [
        "End-to-end check",
        "End-to-end long holds",
        "Full upper-back routine",
        "Desk break",
        "Core and shoulders",
    ] {
        t.wait_for(name, TIMEOUT);
    }
    // Keys other than Enter/Esc/Space do not get past the notice.
    t.send("2");
    t.settle(ms(150));
    assert!(t.screen().contains("Before you start"), "{}", t.screen());
    t.send(ENTER);
    t.wait_gone("Before you start", TIMEOUT);
    assert!(
        sb.notice_marker().exists(),
        "the notice marker was not written"
    );
    t.quit();

    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Full upper-back routine", TIMEOUT);
    // A whole frame is on screen once the program goes quiet.
    t.settle(ms(200));
    let screen = t.screen();
    assert!(!screen.contains("Before you start"), "{screen}");
    assert!(!screen.contains("medical advice"), "{screen}");
    // The picker is live: j selects the next routine and the detail pane follows.
    t.wait_for("Full upper-back routine · about", TIMEOUT);
    t.send("jjj");
    t.wait_for("End-to-end check · about", TIMEOUT);
    t.send("j");
    t.wait_for("End-to-end long holds · about", TIMEOUT);
    t.quit();
}

#[test]
fn session_counts_down_pauses_skips_rests_switches_and_completes() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e"], COLS, ROWS);
    wait_headline(&t, "Get ready", |h| h == "Get ready");
    t.wait_for("First: Plank", TIMEOUT);

    // The 4 s plank hold counts down.
    let s = wait_headline(&t, "the plank hold", |h| h == "Hold · Set 1/1");
    assert!(s.contains("Plank"), "{s}");
    let first = shown_time(&s).expect("a M:SS time on the session screen");
    let s = wait_time_below(&t, clock_secs(&first));
    assert_eq!(headline(&s), "Hold · Set 1/1", "{s}");
    let counting = clock_secs(&shown_time(&s).unwrap());

    // Space pauses; the time stays put.
    t.send(SPACE);
    let s = wait_headline(&t, "PAUSED", |h| h.contains("PAUSED"));
    let frozen = shown_time(&s).unwrap();
    assert!(clock_secs(&frozen) <= counting, "{s}");
    std::thread::sleep(ms(1600));
    let s = t.screen();
    assert_eq!(headline(&s), "Hold · Set 1/1 PAUSED", "{s}");
    assert_eq!(shown_time(&s).as_deref(), Some(frozen.as_str()), "{s}");

    // Space resumes and the clock moves again.
    t.send(SPACE);
    wait_headline(&t, "PAUSED gone", |h| h == "Hold · Set 1/1");
    wait_time_below(&t, clock_secs(&frozen));

    // n skips the rest of the hold; a rest follows, then the per-side stretch.
    t.send("n");
    wait_headline(&t, "Rest", |h| h == "Rest");
    let s = wait_headline(&t, "set 1 left", |h| h == "Hold · Set 1/2 · Left side");
    assert!(s.contains("Stretch between the shoulder blades"), "{s}");
    // The hold ends by itself and the switch gap follows.
    wait_headline(&t, "Switch sides", |h| h.starts_with("Switch sides"));
    wait_headline(&t, "set 1 right", |h| h == "Hold · Set 1/2 · Right side");
    t.send("n");
    wait_headline(&t, "Rest", |h| h == "Rest");
    wait_headline(&t, "set 2 left", |h| h == "Hold · Set 2/2 · Left side");
    t.send(RIGHT);
    wait_headline(&t, "Switch sides", |h| h.starts_with("Switch sides"));
    wait_headline(&t, "set 2 right", |h| h == "Hold · Set 2/2 · Right side");
    t.send("n");

    // The summary (not the "Next: Session complete" line of the last hold).
    let s = wait_headline(&t, "Session complete", |h| h == "Session complete");
    assert!(s.contains("End-to-end check"), "{s}");
    // The plank and three of the four stretch holds were skipped with n or →.
    let flat = squash(&s);
    assert!(flat.contains("1 done · 4 skipped"), "{s}");
    assert!(flat.contains("skipped Plank set 1/1"), "{s}");
    assert!(
        flat.contains("done Stretch between the shoulder blades set 1/2 left: 0:02 of 0:02"),
        "{s}"
    );
    // Back to the picker, then out.
    t.send("q");
    t.wait_for("Full upper-back routine", TIMEOUT);
    t.quit();
}

#[test]
fn ending_a_session_asks_keep_going_or_save_partial() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");

    t.send("q");
    let s = t.wait_for("End this session now?", TIMEOUT);
    assert!(s.contains("end now, keep what you did"), "{s}");
    assert!(headline(&s).contains("PAUSED"), "{s}");

    // k keeps going: the dialog closes and the clock runs again.
    t.send("k");
    t.wait_gone("End this session now?", TIMEOUT);
    let s = wait_headline(&t, "running again", |h| h == "Hold · Set 1/2");
    let shown = clock_secs(&shown_time(&s).unwrap());
    wait_time_below(&t, shown);

    // s saves what was done and shows the summary.
    t.send("q");
    t.wait_for("End this session now?", TIMEOUT);
    t.send("s");
    let s = t.wait_for("Session ended early", TIMEOUT);
    assert!(s.contains("End-to-end long holds"), "{s}");
    assert!(s.contains("skipped Plank set 1/2"), "{s}");
    t.send("q");
    t.wait_for("Full upper-back routine", TIMEOUT);
    t.quit();
}

#[test]
fn ending_a_session_can_discard_and_esc_keeps_going() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    t.send(ESC);
    t.wait_for("End this session now?", TIMEOUT);
    t.send(ESC);
    t.wait_gone("End this session now?", TIMEOUT);
    wait_headline(&t, "running again", |h| h == "Hold · Set 1/2");
    t.discard_and_quit();
}

/// A signal in the middle of a session: the program exits by itself (it does not
/// die of the signal) and the last thing it writes gives the terminal back.
fn signal_restores_terminal(signal: &str) {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    t.settle(ms(50));
    t.signal(signal);
    let status = t.wait_exit(TIMEOUT);
    assert!(
        status.signal().is_none(),
        "SIG{signal} killed the program instead of ending it: {status:?}"
    );
    assert!(status.success(), "SIG{signal}: exit status {status:?}");

    let raw = t.raw();
    let entered = rfind(&raw, b"\x1b[?1049h").expect("the alternate screen was entered");
    let left = rfind(&raw, b"\x1b[?1049l").expect("the alternate screen was never left");
    assert!(
        left > entered,
        "SIG{signal}: still in the alternate screen at exit"
    );
    let shown = rfind(&raw, b"\x1b[?25h").expect("the cursor was never shown again");
    if let Some(hidden) = rfind(&raw, b"\x1b[?25l") {
        assert!(shown > hidden, "SIG{signal}: cursor left hidden at exit");
    }
    assert!(
        shown > entered,
        "SIG{signal}: cursor shown before the last frame"
    );
    // Nothing but control sequences after leaving: no frame drawn over the shell.
    let tail = strip_csi(&raw[left..]);
    assert!(
        tail.iter().all(u8::is_ascii_whitespace),
        "SIG{signal}: output after leaving the alternate screen: {:?}",
        String::from_utf8_lossy(&raw[left..])
    );
    // The emulator agrees.
    let s = t.raw();
    let mut vt = vt100::Parser::new(
        std::num::NonZeroU16::new(ROWS).unwrap(),
        std::num::NonZeroU16::new(COLS).unwrap(),
        0,
    );
    vt.process(&s);
    assert!(!vt.screen().alternate_screen());
    assert!(!vt.screen().hide_cursor());
}

#[test]
fn sigterm_mid_session_restores_the_terminal() {
    signal_restores_terminal("TERM");
}

#[test]
fn sighup_mid_session_restores_the_terminal() {
    signal_restores_terminal("HUP");
}

#[test]
fn sigint_mid_session_restores_the_terminal() {
    signal_restores_terminal("INT");
}

/// Every other signal that would end the process (issue 20).
#[test]
fn sigquit_sigusr1_sigusr2_sigalrm_and_others_restore_the_terminal() {
    for signal in [
        "QUIT", "USR1", "USR2", "ALRM", "VTALRM", "PROF", "XCPU", "XFSZ", "IO", "SYS",
    ] {
        signal_restores_terminal(signal);
    }
}

#[test]
fn tiny_terminal_asks_for_more_room_and_recovers() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Full upper-back routine", TIMEOUT);

    t.resize(20, 5);
    t.wait_for("Make the terminal larger", TIMEOUT);
    t.wait_for("(now 20x5)", TIMEOUT);
    t.resize(COLS, ROWS);
    t.wait_for("Full upper-back routine", TIMEOUT);
    t.wait_gone("Make the terminal larger", TIMEOUT);
    assert!(t.running());

    // The same in a running session (the selected routine, Full upper-back):
    // the clock keeps going through it.
    t.send(ENTER);
    wait_headline(&t, "Get ready", |h| h == "Get ready");
    t.resize(20, 5);
    t.wait_for("Make the terminal larger", TIMEOUT);
    t.resize(60, 16);
    t.wait_gone("Make the terminal larger", TIMEOUT);
    t.resize(COLS, ROWS);
    let s = wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    assert!(s.contains("Plank"), "{s}");
    assert!(t.running());
    t.discard_and_quit();
}

#[test]
fn one_key_press_advances_once() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");

    t.send("n");
    wait_headline(&t, "Rest", |h| h == "Rest");
    t.settle(ms(300));
    assert_eq!(t.headline(), "Rest", "n moved more than one phase");

    // A terminal with the kitty keyboard protocol reports press and release:
    // only the press acts.
    t.send("\x1b[110u\x1b[110;1:3u");
    wait_headline(&t, "the second hold", |h| h == "Hold · Set 2/2");
    t.settle(ms(300));
    assert_eq!(t.headline(), "Hold · Set 2/2", "a release acted as a key");

    t.send(LEFT);
    wait_headline(&t, "back to the first hold", |h| h == "Hold · Set 1/2");
    t.settle(ms(300));
    assert_eq!(t.headline(), "Hold · Set 1/2");
    t.send(RIGHT);
    wait_headline(&t, "Rest", |h| h == "Rest");
    t.settle(ms(300));
    assert_eq!(t.headline(), "Rest", "→ moved more than one phase");
}

#[test]
fn ctrl_z_and_sigcont_keep_the_session_alive() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");

    // Ctrl-Z pauses the session and gives the terminal back. (The child leads its
    // own session here, so the kernel discards the stop and it carries straight
    // on, as after `fg`.) A SIGCONT from outside repaints.
    t.send("\x1a");
    t.wait_for("Paused while upright was in the background", TIMEOUT);
    t.signal("CONT");
    // Repainting must not wait on the terminal: nothing may fail a moment later.
    std::thread::sleep(ms(2500));
    assert!(
        t.running(),
        "the program ended after SIGCONT: {}",
        t.screen()
    );
    let s = t.screen();
    assert_eq!(headline(&s), "Hold · Set 1/2 PAUSED", "{s}");

    t.send(SPACE);
    wait_headline(&t, "running again", |h| h == "Hold · Set 1/2");
    t.send("q");
    t.wait_for("End this session now?", TIMEOUT);
    t.send("s");
    t.wait_for("Session ended early", TIMEOUT);
}
