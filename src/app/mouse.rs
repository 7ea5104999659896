//! The mouse. A click or a turn of the wheel becomes the actions a key would
//! send (see [`App::act`]): clicking a tab is `tab_history`, clicking the third
//! routine is as many `up`/`down` as it takes to get there, a double click adds
//! `start`. Nothing is done by the mouse that no key does.
//!
//! What is where comes from the views as they are drawn: each one adds the
//! regions it draws to [`Hits`], and the runner hands the map of the frame on
//! the screen to [`App::drawn`]. The app never works out a coordinate itself.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Action, App, Now, Overlay, Screen, Tab};

/// Two clicks on one thing at most this far apart are a double click.
pub const DOUBLE_CLICK: Duration = Duration::from_millis(500);

/// A list the mouse can pick from and scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The picker's routines.
    Routines,
    /// The sessions in History.
    History,
    /// The steps in the editor.
    Steps,
    /// The exercises of the editor's add-step list.
    Matches,
    /// The help overlay.
    Help,
    /// The Stats page (it scrolls; no entries).
    Stats,
}

impl List {
    /// The actions that move the selection (or the view) up and down by one.
    fn moves(self) -> (Action, Action) {
        match self {
            List::Matches => (Action::PreviousMatch, Action::NextMatch),
            _ => (Action::Up, Action::Down),
        }
    }

    /// What a double click on an entry does: what Enter does there.
    fn open(self) -> Option<Action> {
        match self {
            List::Routines => Some(Action::Start),
            List::History => Some(Action::Details),
            List::Steps => Some(Action::EditDose),
            List::Matches => Some(Action::Confirm),
            List::Help | List::Stats => None,
        }
    }
}

/// What is drawn in a region of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(Tab),
    /// The list as a whole (its panel): the wheel scrolls it.
    List(List),
    /// One entry of a list, by its index in the list.
    Item(List, usize),
    /// An answer of the dialog open.
    Choice(Action),
}

impl Target {
    fn list(self) -> Option<List> {
        match self {
            Target::List(l) | Target::Item(l, _) => Some(l),
            _ => None,
        }
    }
}

/// The regions of a frame, in the order they were drawn: where two overlap,
/// the one drawn later is on top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    regions: Vec<(Rect, Target)>,
    /// How many rows the help can scroll down (0 when it fits).
    pub help_max_scroll: u16,
    /// How many rows the Stats page can scroll down (0 when it fits).
    pub stats_max_scroll: u16,
    /// Rows in a page of the list or page drawn (what PgUp/PgDn move by).
    pub page_rows: u16,
    /// History's details were drawn beside the list (not in its place).
    pub details_beside: bool,
}

impl Hits {
    pub fn add(&mut self, area: Rect, target: Target) {
        if !area.is_empty() {
            self.regions.push((area, target));
        }
    }

    /// A dialog is drawn over everything: what was below can no longer be used.
    pub fn cover(&mut self) {
        self.regions.clear();
    }

    /// The topmost target at a cell.
    pub fn at(&self, column: u16, row: u16) -> Option<Target> {
        let p = Position::new(column, row);
        self.regions
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, t)| *t)
    }

    /// Every region, in drawing order.
    pub fn regions(&self) -> &[(Rect, Target)] {
        &self.regions
    }
}

/// What the mouse did, where (0-based cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    /// The left button went down.
    Click { column: u16, row: u16 },
    /// The wheel turned (`down`: towards the user, to see what is below).
    Wheel { column: u16, row: u16, down: bool },
}

impl Pointer {
    /// The events the app uses; others (release, drag, other buttons) are `None`.
    pub fn from_event(e: &MouseEvent) -> Option<Pointer> {
        let (column, row) = (e.column, e.row);
        match e.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Pointer::Click { column, row }),
            MouseEventKind::ScrollDown => Some(Pointer::Wheel {
                column,
                row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Pointer::Wheel {
                column,
                row,
                down: false,
            }),
            _ => None,
        }
    }
}

/// What the app keeps for the mouse.
#[derive(Debug, Clone, Default)]
pub struct MouseState {
    /// The regions of the frame on the screen.
    pub hits: Hits,
    /// The last click, to spot a double click.
    last_click: Option<(Target, Instant)>,
}

impl App {
    /// The runner drew a frame with these regions.
    pub fn drawn(&mut self, hits: Hits) {
        self.help_scroll = self.help_scroll.min(hits.help_max_scroll);
        self.stats_scroll = self.stats_scroll.min(hits.stats_max_scroll);
        self.mouse.hits = hits;
    }

    /// A click or a turn of the wheel at `now`.
    pub fn pointer(&mut self, pointer: Pointer, now: Now) {
        match pointer {
            Pointer::Click { column, row } => self.click(column, row, now),
            Pointer::Wheel { column, row, down } => {
                let list = self.mouse.hits.at(column, row).and_then(Target::list);
                let over_help = matches!(self.overlay, Some(Overlay::Help));
                if let Some(list) = list.or(over_help.then_some(List::Help)) {
                    let (up, down_action) = list.moves();
                    self.act(if down { down_action } else { up }, now);
                }
            }
        }
    }

    fn click(&mut self, column: u16, row: u16, now: Now) {
        let target = self.mouse.hits.at(column, row);
        if let Some(help @ Overlay::Help) = self.overlay.clone() {
            // Like any key but the scrolling ones, a click closes the help.
            self.tick(now);
            self.overlay_input(help, None, None);
            return;
        }
        let Some(target) = target else {
            self.mouse.last_click = None;
            return;
        };
        let double = self.mouse.last_click.is_some_and(|(t, at)| {
            t == target && now.mono.saturating_duration_since(at) <= DOUBLE_CLICK
        });
        self.mouse.last_click = (!double).then_some((target, now.mono));
        match target {
            Target::Tab(tab) => self.act(tab_action(tab), now),
            Target::Choice(action) => self.act(action, now),
            Target::List(_) => {}
            Target::Item(list, index) => {
                self.select(list, index, now);
                if double && let Some(open) = list.open() {
                    self.act(open, now);
                }
            }
        }
    }

    /// Moves the selection of `list` to `index`, one `up` or `down` at a time.
    fn select(&mut self, list: List, index: usize, now: Now) {
        let Some(current) = self.selection(list) else {
            return;
        };
        let (up, down) = list.moves();
        let (action, steps) = if index < current {
            (up, current - index)
        } else {
            (down, index - current)
        };
        for _ in 0..steps {
            self.act(action, now);
        }
    }

    /// Where the selection of `list` is now.
    fn selection(&self, list: List) -> Option<usize> {
        match (list, &self.screen) {
            (List::Routines, Screen::Main) => Some(self.selected),
            (List::History, Screen::Main) => {
                let rows = self.history_rows().len();
                Some(self.history_view.selected.min(rows.saturating_sub(1)))
            }
            (List::Steps, Screen::Editor(e)) => Some(e.edit.selected()),
            (List::Matches, Screen::Editor(e)) => match &e.modal {
                Some(super::editor::Modal::Add(add)) => Some(add.selected),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The action of a tab's key.
fn tab_action(tab: Tab) -> Action {
    match tab {
        Tab::Routines => Action::TabRoutines,
        Tab::History => Action::TabHistory,
        Tab::Stats => Action::TabStats,
    }
}
