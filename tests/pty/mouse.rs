//! The mouse in a real terminal: the program asks for button and wheel reports
//! in the SGR encoding, and the clicks and turns sent back (as a terminal sends
//! them, at the cells where the text stands on the screen) select, switch,
//! start, scroll and answer.

use crate::harness::*;

const COLS: u16 = 100;
const ROWS: u16 = 30;

/// What a terminal is asked for: press and release reports, SGR encoding.
const MOUSE_ON: [&[u8]; 2] = [b"\x1b[?1000h", b"\x1b[?1006h"];
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";

/// Where `text` starts on the screen (0-based column and row).
fn at(t: &Tui, text: &str) -> (u16, u16) {
    let screen = t.screen();
    for (row, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(text) {
            let column = line[..byte].chars().count();
            return (
                u16::try_from(column).expect("column"),
                u16::try_from(row).expect("row"),
            );
        }
    }
    t.fail(&format!("{text:?} is not on the screen"));
}

/// The left button pressed and released at a cell, as SGR reports (1-based).
fn click_bytes((column, row): (u16, u16)) -> String {
    let (x, y) = (column + 1, row + 1);
    format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m")
}

fn click(t: &mut Tui, at: (u16, u16)) {
    t.send(&click_bytes(at));
}

/// One turn of the wheel at a cell.
fn wheel(t: &mut Tui, (column, row): (u16, u16), down: bool) {
    let button = if down { 65 } else { 64 };
    t.send(&format!("\x1b[<{button};{};{}M", column + 1, row + 1));
}

#[test]
fn clicks_and_the_wheel_pick_routines_switch_tabs_start_and_answer() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Full upper-back routine · about", TIMEOUT);
    let raw = t.raw();
    for on in MOUSE_ON {
        assert!(
            rfind(&raw, on).is_some(),
            "{:?} never sent",
            String::from_utf8_lossy(on)
        );
    }
    // A click on a routine in the list selects it: its details show.
    let check = at(&t, "End-to-end check");
    click(&mut t, check);
    t.wait_for("End-to-end check · about", TIMEOUT);
    // The wheel over the list moves on to the next one.
    wheel(&mut t, check, true);
    t.wait_for("End-to-end long holds · about", TIMEOUT);
    wheel(&mut t, check, false);
    t.wait_for("End-to-end check · about", TIMEOUT);
    // Tabs.
    let history = at(&t, "2 History");
    click(&mut t, history);
    t.wait_for("No sessions yet", TIMEOUT);
    let routines = at(&t, "1 Routines");
    click(&mut t, routines);
    t.wait_for("End-to-end check · about", TIMEOUT);
    // Two clicks in a row on a routine start it.
    let long = at(&t, "End-to-end long holds");
    t.send(&format!("{}{}", click_bytes(long), click_bytes(long)));
    t.wait_for("Get ready", TIMEOUT);
    t.wait_for("End-to-end long holds", TIMEOUT);
    // The end-session question answered with a click.
    t.send("q");
    t.wait_for("End this session now?", TIMEOUT);
    let discard = at(&t, "discard it");
    click(&mut t, discard);
    t.wait_gone("End this session now?", TIMEOUT);
    t.wait_for("Session discarded", TIMEOUT);
    t.send("q");
    t.wait_for("1 Routines", TIMEOUT);
    t.quit();
    // The terminal gets its mouse back on the way out.
    let raw = t.raw();
    let last_on = rfind(&raw, MOUSE_ON[0]).expect("mouse on");
    let last_off = rfind(&raw, MOUSE_OFF).expect("the mouse was never given back");
    assert!(last_off > last_on);
}

#[test]
fn the_wheel_scrolls_the_help_and_a_click_closes_it() {
    let sb = Sandbox::seen();
    let mut t = Tui::spawn(&sb, &[], 60, 14);
    t.wait_for("1 Routines", TIMEOUT);
    t.send("?");
    let before = t.wait_for("scroll · any other key closes", TIMEOUT);
    let (_, title_row) = at(&t, " Keys ");
    let first_row = |s: &str| {
        s.lines()
            .nth(usize::from(title_row) + 1)
            .unwrap_or_default()
            .to_string()
    };
    let top = first_row(&before);
    wheel(&mut t, (30, 7), true);
    wheel(&mut t, (30, 7), true);
    t.wait_until("the help to scroll", TIMEOUT, |s| first_row(s) != top);
    wheel(&mut t, (30, 7), false);
    wheel(&mut t, (30, 7), false);
    t.wait_until("the help to scroll back", TIMEOUT, |s| first_row(s) == top);
    click(&mut t, (30, 7));
    t.wait_gone("any other key closes", TIMEOUT);
    t.quit();
}

#[test]
fn with_mouse_false_the_terminal_keeps_the_mouse() {
    let sb = Sandbox::seen();
    std::fs::write(
        sb.config_dir().join("config.toml"),
        format!("{CONFIG}\n[ui]\nmouse = false\n"),
    )
    .expect("write config");
    let mut t = Tui::spawn(&sb, &[], COLS, ROWS);
    t.wait_for("Full upper-back routine · about", TIMEOUT);
    t.send("j");
    t.wait_for("Desk break · about", TIMEOUT);
    t.quit();
    let raw = t.raw();
    for on in MOUSE_ON {
        assert!(
            rfind(&raw, on).is_none(),
            "{:?} sent with mouse = false",
            String::from_utf8_lossy(on)
        );
    }
}
