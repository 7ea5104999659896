//! Moving about History and Stats: History's selected session, its pages, its
//! details and the filter typed into its field; how far the Stats page is
//! scrolled. Page sizes come from the last frame drawn ([`super::mouse::Hits`]).

use super::{Action, App, Tab};
use crate::model::history::{Query, Status};

/// Rows a page moves before the view has been drawn once.
const DEFAULT_PAGE: usize = 10;

/// The History view's state.
#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    /// The selected session, by its place among those shown (0 = newest).
    pub selected: usize,
    /// Show the selected session's details (beside the list when there is
    /// room, else in its place).
    pub details: bool,
    /// The filter as typed: words that every session shown has.
    pub filter: String,
    /// The filter's field takes the keys.
    pub editing: bool,
    /// Indices into the history's sessions shown, newest first.
    rows: Vec<usize>,
}

impl App {
    /// Indices into `history.sessions()` shown in History, newest first: every
    /// session but the discarded ones, that match the filter if there is one.
    pub fn history_rows(&self) -> &[usize] {
        &self.history_view.rows
    }

    /// Works out again which sessions History shows (the history or the
    /// filter changed), keeping the selection in the list.
    pub(super) fn refresh_rows(&mut self) {
        let query = Query::new(&self.history_view.filter);
        let sessions = self.history.sessions();
        self.history_view.rows = (0..sessions.len())
            .rev()
            .filter(|&i| sessions[i].status != Status::Abandoned && query.matches(&sessions[i]))
            .collect();
        let last = self.history_view.rows.len().saturating_sub(1);
        self.history_view.selected = self.history_view.selected.min(last);
    }

    /// Rows in a page of the view drawn last.
    fn page(&self) -> usize {
        match usize::from(self.mouse.hits.page_rows) {
            0 => DEFAULT_PAGE,
            n => n,
        }
    }

    /// An action in the History view; `false` if it is not one of its own.
    pub(super) fn history_action(&mut self, action: Action) -> bool {
        if action == Action::Back {
            // Back undoes what hides sessions first: the filter, then the
            // details shown in place of the list; only then does it quit.
            if !self.history_view.filter.is_empty() {
                self.set_filter(String::new());
                return true;
            }
            let in_place = self.history_view.details && !self.mouse.hits.details_beside;
            self.history_view.details &= !in_place;
            return in_place;
        }
        let last = self.history_rows().len().saturating_sub(1);
        let page = self.page();
        let view = &mut self.history_view;
        match action {
            Action::Up | Action::PreviousMatch => view.selected = view.selected.saturating_sub(1),
            Action::Down | Action::NextMatch => view.selected = (view.selected + 1).min(last),
            Action::PageUp => view.selected = view.selected.saturating_sub(page),
            Action::PageDown => view.selected = (view.selected + page).min(last),
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = last,
            Action::Details => view.details = !view.details,
            Action::Filter => view.editing = true,
            _ => return false,
        }
        true
    }

    /// A key in History's filter field: its action, else the character typed.
    pub(super) fn filter_input(&mut self, action: Option<Action>, typed: Option<char>) {
        let mut text = self.history_view.filter.clone();
        match action {
            Some(Action::Confirm) => self.history_view.editing = false,
            Some(Action::Cancel) => {
                self.history_view.editing = false;
                self.set_filter(String::new());
            }
            Some(Action::DeleteChar) => {
                text.pop();
                self.set_filter(text);
            }
            Some(a @ (Action::PreviousMatch | Action::NextMatch)) => {
                self.history_action(a);
            }
            Some(_) => {}
            None => {
                if let Some(c) = typed.filter(|_| text.chars().count() < FILTER_MAX) {
                    text.push(c);
                    self.set_filter(text);
                }
            }
        }
    }

    fn set_filter(&mut self, text: String) {
        if text != self.history_view.filter {
            self.history_view.filter = text;
            self.history_view.selected = 0;
            self.refresh_rows();
        }
    }

    /// An action in the Stats view; `false` if it is not one of its own.
    pub(super) fn stats_action(&mut self, action: Action) -> bool {
        let max = self.mouse.hits.stats_max_scroll;
        let page = u16::try_from(self.page()).unwrap_or(u16::MAX);
        let scroll = &mut self.stats_scroll;
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1).min(max),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::PageDown => *scroll = scroll.saturating_add(page).min(max),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max,
            _ => return false,
        }
        true
    }

    /// Leaving History for another tab closes its field (the filter stays).
    pub(super) fn tab_changed(&mut self) {
        if self.tab != Tab::History {
            self.history_view.editing = false;
        }
    }
}

/// The longest filter kept.
const FILTER_MAX: usize = 80;
