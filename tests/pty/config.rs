//! End-to-end checks of config.toml in a pseudo-terminal: a remapped key works and
//! the help shows it, so do remapped dialog keys, NO_COLOR means no colour on the
//! wire, `bell` and `auto_advance` are obeyed, a bad file never opens the TUI, and
//! the user's file is never written.

use std::time::Duration;

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// The short test timings of `harness::CONFIG`, plus `extra`.
fn sandbox_with(extra: &str) -> Sandbox {
    let sb = Sandbox::seen();
    std::fs::write(
        sb.config_dir().join("config.toml"),
        format!("{CONFIG}\n{extra}"),
    )
    .expect("write config");
    sb
}

fn wait_headline(t: &Tui, what: &str, pred: impl Fn(&str) -> bool) -> String {
    t.wait_until(&format!("headline {what}"), TIMEOUT, |s| pred(&headline(s)))
}

/// Every SGR sequence (`ESC [ ... m`) in `raw` that sets a colour: foreground or
/// background, of the 8, the bright 8, 256 or RGB kinds.
fn colour_sequences(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] != 0x1b || raw[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 2;
        while j < raw.len() && (raw[j].is_ascii_digit() || raw[j] == b';' || raw[j] == b':') {
            j += 1;
        }
        if j < raw.len() && raw[j] == b'm' {
            let params = String::from_utf8_lossy(&raw[i + 2..j]).into_owned();
            let colour = params.split(';').any(|p| {
                let n: u32 = p.split(':').next().unwrap_or("").parse().unwrap_or(0);
                matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            });
            if colour {
                found.push(String::from_utf8_lossy(&raw[start..=j]).into_owned());
            }
        }
        i = j.max(i + 1);
    }
    found
}

#[test]
fn the_colour_scanner_finds_each_kind_and_nothing_else() {
    for seq in [
        "\x1b[31m",
        "\x1b[1;47m",
        "\x1b[38;5;208m",
        "\x1b[48;2;1;2;3m",
        "\x1b[38:5:12m",
        "\x1b[93m",
        "\x1b[104m",
    ] {
        assert_eq!(colour_sequences(seq.as_bytes()), [seq], "{seq:?}");
    }
    for seq in [
        "\x1b[0m",
        "\x1b[1m",
        "\x1b[7m",
        "\x1b[39m",
        "\x1b[49m",
        "\x1b[4;22m",
        "\x1b[31C",
        "\x1b[?25l",
    ] {
        assert!(colour_sequences(seq.as_bytes()).is_empty(), "{seq:?}");
    }
}

/// Opens the picker, moves the selection, starts a session, pauses it, and ends
/// it: every state the screen has. Returns every byte written.
fn tour(env: &[(&str, &str)]) -> Vec<u8> {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn_env(&sb, &[], COLS, ROWS, env);
    t.wait_for("Full upper-back routine · about", TIMEOUT);
    t.send("jjjj");
    t.wait_for("End-to-end long holds · about", TIMEOUT);
    t.send(ENTER);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    t.send(SPACE);
    wait_headline(&t, "PAUSED", |h| h.contains("PAUSED"));
    t.send("?");
    t.wait_for("Press any key to close", TIMEOUT);
    t.send(SPACE);
    t.wait_gone("Press any key to close", TIMEOUT);
    t.send("n");
    wait_headline(&t, "Rest", |h| h == "Rest");
    // "This hurt" marks the set just done and skips the rest of the exercise:
    // the summary follows.
    t.send("h");
    t.wait_for("1 hurt", TIMEOUT);
    t.send("q");
    t.wait_for("Full upper-back routine", TIMEOUT);
    t.quit();
    t.raw()
}

#[test]
fn no_color_sends_no_colour_and_the_default_theme_does() {
    let plain = tour(&[("NO_COLOR", "1")]);
    let found = colour_sequences(&plain);
    assert!(
        found.is_empty(),
        "NO_COLOR=1 but colours were sent: {:?}",
        &found[..found.len().min(10)]
    );
    // Reverse video carries the selection and the PAUSED badge instead.
    assert!(
        plain.windows(3).any(|w| w == b"\x1b[7"),
        "no reverse video either"
    );
    let coloured = tour(&[]);
    assert!(
        !colour_sequences(&coloured).is_empty(),
        "the default theme sent no colour at all"
    );
    // An empty NO_COLOR does not count (https://no-color.org).
    let empty = tour(&[("NO_COLOR", "")]);
    assert!(!colour_sequences(&empty).is_empty());
}

#[test]
fn a_remapped_pause_key_works_and_the_help_shows_it() {
    let sb = sandbox_with("[keys]\npause = [\"x\"]\n");
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    let hints = t.row(ROWS - 1);
    assert!(hints.contains("x pause/resume"), "{hints}");

    // Space does nothing any more.
    t.send(SPACE);
    t.settle(Duration::from_millis(300));
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(t.headline(), "Hold · Set 1/2", "{}", t.screen());

    // x pauses and resumes.
    t.send("x");
    wait_headline(&t, "PAUSED", |h| h == "Hold · Set 1/2 PAUSED");
    t.send("x");
    wait_headline(&t, "running again", |h| h == "Hold · Set 1/2");

    // The help lists x for pause/resume, and no Space anywhere.
    t.send("?");
    let s = t.wait_for("Press any key to close", TIMEOUT);
    let row = s
        .lines()
        .find(|l| l.contains("pause/resume"))
        .map(|l| squash(&l.replace('│', " ")))
        .unwrap_or_default();
    assert_eq!(row, "x pause/resume", "{s}");
    assert!(!s.contains("Space"), "{s}");
    t.send("k");
    t.wait_gone("Press any key to close", TIMEOUT);
    t.discard_and_quit();
}

/// Every session log line in the sandbox's data dir.
fn log_text(sb: &Sandbox) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(sb.data_dir()).expect("data dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            text.push_str(&std::fs::read_to_string(&path).expect("read log"));
        }
    }
    text
}

#[test]
fn remapped_end_session_keys_work_and_the_dialog_shows_them() {
    let sb = sandbox_with("[keys]\nkeep_going = [\"g\"]\nsave_partial = [\"w\"]\n");
    let mut t = Tui::spawn(&sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");

    // The dialog names the new keys, and Esc no longer keeps going.
    t.send("q");
    let s = t.wait_for("End this session now?", TIMEOUT);
    let s = squash(&s.replace('│', " "));
    for want in [
        "w end now, keep what you did",
        "d discard it",
        "g keep going",
    ] {
        assert!(s.contains(want), "no \"{want}\" in:\n{s}");
    }
    assert!(!s.contains("keep going (Esc)"), "{s}");

    // s (the old save key) does nothing: g, pressed after it, keeps going.
    t.send("s");
    t.send("g");
    t.wait_gone("End this session now?", TIMEOUT);
    wait_headline(&t, "running again", |h| h == "Hold · Set 1/2");

    // k (the old keep-going key) does nothing: w, pressed after it, saves.
    t.send("q");
    t.wait_for("End this session now?", TIMEOUT);
    t.send("k");
    t.send("w");
    t.wait_for("Session ended early", TIMEOUT);
    assert!(
        log_text(&sb).contains("\"ended_early\""),
        "{}",
        log_text(&sb)
    );
    t.send("q");
    t.wait_for("Full upper-back routine", TIMEOUT);
    t.quit();
}

/// Skips through phases with `n` and returns the bytes written.
fn skip_through(sb: &Sandbox) -> Vec<u8> {
    let mut t = Tui::spawn(sb, &["start", "e2e-long"], COLS, ROWS);
    wait_headline(&t, "the first hold", |h| h == "Hold · Set 1/2");
    t.send("n");
    wait_headline(&t, "Rest", |h| h == "Rest");
    t.send("n");
    wait_headline(&t, "the second hold", |h| h == "Hold · Set 2/2");
    t.settle(Duration::from_millis(200));
    t.discard_and_quit();
    t.raw()
}

#[test]
fn bell_false_rings_no_bell() {
    let quiet = skip_through(&sandbox_with("[sound]\nbell = false\n"));
    assert!(!quiet.contains(&0x07), "a BEL was sent with bell = false");
    let rung = skip_through(&sandbox_with("[sound]\nbell = true\n"));
    let bells = rung.iter().filter(|&&b| b == 0x07).count();
    assert!(bells >= 3, "only {bells} BEL with bell = true");
}

#[test]
fn without_auto_advance_each_phase_waits_for_enter() {
    // CONFIG already has a [timer] table: add the key to it.
    let sb = Sandbox::seen();
    let text = CONFIG.replace("[timer]\n", "[timer]\nauto_advance = false\n");
    std::fs::write(sb.config_dir().join("config.toml"), text).expect("write");
    let mut t = Tui::spawn(&sb, &["start", "e2e"], COLS, ROWS);
    // The 1 s lead-in ends and waits.
    let s = t.wait_for("Press Enter to go on", TIMEOUT);
    assert!(headline(&s).starts_with("Get ready"), "{s}");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(t.headline().starts_with("Get ready"), "{}", t.screen());
    t.send(ENTER);
    wait_headline(&t, "the plank hold", |h| h == "Hold · Set 1/1");
    // The 4 s hold ends and waits too.
    let s = t.wait_for("Press Enter to go on", TIMEOUT);
    assert!(headline(&s).starts_with("Hold · Set 1/1"), "{s}");
    t.send(ENTER);
    wait_headline(&t, "Rest", |h| h == "Rest");
    t.discard_and_quit();
}

#[test]
fn a_bad_config_never_opens_the_tui() {
    let sb = sandbox_with("[keys]\npause = \"spacebar\"\n");
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    let status = t.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 78, "{}", t.screen());
    let raw = t.raw();
    assert!(
        rfind(&raw, b"\x1b[?1049h").is_none(),
        "the alternate screen was entered"
    );
    let s = t.screen();
    assert!(s.contains("config.toml:11:9"), "{s}");
    assert!(s.contains("\"spacebar\" is not a key name"), "{s}");
}

#[test]
fn the_users_config_is_never_written() {
    let sb = sandbox_with(
        "# my settings, with a comment and odd spacing\n[ui]\ntheme   =   \"mono\"   # mine\n\n[keys]\npause = [\"x\", \"space\"]\n",
    );
    let path = sb.config_dir().join("config.toml");
    let before = std::fs::read(&path).expect("read");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let mut t = Tui::spawn(&sb, &["start", "e2e"], COLS, ROWS);
    wait_headline(&t, "the plank hold", |h| h == "Hold · Set 1/1");
    t.send("x");
    wait_headline(&t, "PAUSED", |h| h.contains("PAUSED"));
    t.send("m");
    t.wait_for("Sound muted", TIMEOUT);
    t.discard_and_quit();
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(
        std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
        modified
    );
    // Nothing new appeared beside it either.
    let names: Vec<String> = std::fs::read_dir(sb.config_dir())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["config.toml", "routines.toml"]);
}
