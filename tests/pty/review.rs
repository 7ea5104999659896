//! End to end: History and Stats with a year of history in the real binary at
//! 80x24: the filter takes typed letters (q does not quit), Esc clears it, the
//! pages move, and Stats scrolls to its end.

use crate::harness::{ENTER, ESC, Sandbox, TIMEOUT, Tui};

const PAGE_DOWN: &str = "\x1b[6~";
const END: &str = "\x1b[F";

#[test]
fn history_filters_what_is_typed_and_stats_scrolls() {
    let sandbox = Sandbox::seen();
    let lines = upright::store::log::synthetic::lines(365, 1, 7);
    std::fs::write(
        sandbox.data_dir().join("sessions.jsonl"),
        lines.join("\n") + "\n",
    )
    .expect("log");
    let mut tui = Tui::spawn(&sandbox, &[], 80, 24);
    tui.wait_for("1 Routines", TIMEOUT);
    tui.send("2");
    tui.wait_for("History · 353 sessions · page 1 of", TIMEOUT);
    tui.send(PAGE_DOWN);
    tui.wait_for("page 2 of", TIMEOUT);
    tui.send("/");
    tui.send("qui");
    tui.wait_for("No sessions match “qui”.", TIMEOUT);
    assert!(tui.running(), "typing q into the filter does not quit");
    tui.send(ESC);
    let s = tui.wait_for("History · 353 sessions · page 1 of", TIMEOUT);
    assert!(!s.contains("“qui”") && !s.contains("/ qui"), "{s}");
    tui.send("/");
    tui.send("desk 2015-03");
    tui.wait_until("only desk breaks of March 2015", TIMEOUT, |s| {
        s.contains(" of 353 sessions") && s.contains("2015-03") && !s.contains("Full upper-back")
    });
    // Enter keeps the filter and gives the keys back: 3 is the Stats tab again.
    tui.send(ENTER);
    tui.wait_for("Filter: desk 2015-03", TIMEOUT);
    tui.send("3");
    tui.wait_for("Personal bests", TIMEOUT);
    tui.send(END);
    tui.wait_for("Child's pose: level", TIMEOUT);
    tui.quit();
}
