//! The default keys of every view and dialog, in display order. The dialogs that
//! take typed text bind only keys that type nothing (Enter, Esc, Backspace, Tab,
//! arrows), so every character reaches the text.

use ratatui::crossterm::event::KeyCode;

use super::{Context, Key};
use crate::app::action::Action;

/// One row of the table: where, what, and the keys that do it.
pub(super) type Entry = (Context, Action, Vec<Key>);

pub(super) fn defaults() -> Vec<Entry> {
    let mut table = views();
    table.extend(session_dialogs());
    table.extend(editor_dialogs());
    table
}

/// The main views.
fn views() -> Vec<Entry> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    vec![
        (C::Global, A::Help, vec![Key::ch('?')]),
        (C::Global, A::Back, vec![Key::ch('q'), Key::plain(K::Esc)]),
        (C::Global, A::Quit, vec![Key::ctrl('c')]),
        (C::Global, A::NextTab, vec![Key::plain(K::Tab)]),
        (C::Global, A::PrevTab, vec![Key::plain(K::BackTab)]),
        (C::Global, A::TabRoutines, vec![Key::ch('1')]),
        (C::Global, A::TabHistory, vec![Key::ch('2')]),
        (C::Global, A::TabStats, vec![Key::ch('3')]),
        (C::Picker, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::Picker, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::Picker, A::Start, vec![Key::plain(K::Enter)]),
        (C::Picker, A::Edit, vec![Key::ch('e')]),
        (C::Picker, A::NewRoutine, vec![Key::ch('n')]),
        (C::Session, A::Pause, vec![Key::ch(' ')]),
        (
            C::Session,
            A::Next,
            vec![Key::plain(K::Right), Key::ch('n')],
        ),
        (
            C::Session,
            A::Previous,
            vec![Key::plain(K::Left), Key::ch('p')],
        ),
        (C::Session, A::Done, vec![Key::plain(K::Enter)]),
        (C::Session, A::AddTime, vec![Key::ch('+'), Key::ch('=')]),
        (C::Session, A::RemoveTime, vec![Key::ch('-')]),
        (C::Session, A::Hurt, vec![Key::ch('h')]),
        (C::Session, A::Mute, vec![Key::ch('m')]),
        (C::Session, A::Focus, vec![Key::ch('f')]),
        (
            C::Session,
            A::EndSession,
            vec![Key::ch('q'), Key::plain(K::Esc)],
        ),
        (C::Editor, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::Editor, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::Editor, A::MoveUp, vec![Key::shift(K::Up), Key::ch('K')]),
        (
            C::Editor,
            A::MoveDown,
            vec![Key::shift(K::Down), Key::ch('J')],
        ),
        (C::Editor, A::Add, vec![Key::ch('a')]),
        (C::Editor, A::Delete, vec![Key::ch('d')]),
        (C::Editor, A::Duplicate, vec![Key::ch('y')]),
        (C::Editor, A::EditDose, vec![Key::plain(K::Enter)]),
        (C::Editor, A::Rename, vec![Key::ch('r')]),
        (C::Editor, A::Undo, vec![Key::ch('u')]),
        (C::Editor, A::Redo, vec![Key::ctrl('r')]),
        (C::Editor, A::Save, vec![Key::ch('s')]),
        (C::Editor, A::Reset, vec![Key::ch('R')]),
        (C::Editor, A::DeleteRoutine, vec![Key::ch('D')]),
        (C::Editor, A::Back, vec![Key::plain(K::Esc)]),
        (C::History, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::History, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::History, A::PageUp, plain(&[K::PageUp])),
        (C::History, A::PageDown, plain(&[K::PageDown])),
        (C::History, A::Top, plain(&[K::Home])),
        (C::History, A::Bottom, plain(&[K::End])),
        (C::History, A::Details, vec![Key::plain(K::Enter)]),
        (C::History, A::Filter, vec![Key::ch('/')]),
        (C::Stats, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::Stats, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
        (C::Stats, A::PageUp, plain(&[K::PageUp])),
        (C::Stats, A::PageDown, plain(&[K::PageDown])),
        (C::Stats, A::Top, plain(&[K::Home])),
        (C::Stats, A::Bottom, plain(&[K::End])),
        (C::Summary, A::AcceptLevel, vec![Key::ch('l')]),
        (C::Summary, A::Done, vec![Key::plain(K::Enter)]),
        (C::Picker, A::RetrySave, vec![Key::ch('r')]),
        (C::Session, A::RetrySave, vec![Key::ch('r')]),
        (C::Summary, A::RetrySave, vec![Key::ch('r')]),
    ]
}

/// Keys without modifiers.
fn plain(codes: &[KeyCode]) -> Vec<Key> {
    codes.iter().map(|c| Key::plain(*c)).collect()
}

/// A letter in both cases, as the questions take it, then other keys.
fn letter(c: char, more: &[KeyCode]) -> Vec<Key> {
    let mut keys = vec![Key::ch(c), Key::ch(c.to_ascii_uppercase())];
    keys.extend(plain(more));
    keys
}

/// Confirm, cancel and delete a character: every text field has them.
fn text_field(ctx: Context) -> [Entry; 3] {
    use KeyCode as K;
    [
        (ctx, Action::Confirm, plain(&[K::Enter])),
        (ctx, Action::Cancel, plain(&[K::Esc])),
        (ctx, Action::DeleteChar, plain(&[K::Backspace])),
    ]
}

/// The notice, the resume offer, the end-session question, the pain and note
/// prompt, History's filter, and the help. Questions are answered with a letter (either case),
/// Enter or Esc.
fn session_dialogs() -> Vec<Entry> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    let mut acknowledge = plain(&[K::Enter, K::Esc]);
    acknowledge.push(Key::ch(' '));
    let mut table = vec![
        (C::Notice, A::Acknowledge, acknowledge),
        (C::Resume, A::ResumeSession, letter('y', &[])),
        (C::Resume, A::NotNow, letter('n', &[K::Esc])),
        (C::EndDialog, A::SavePartial, letter('s', &[])),
        (C::EndDialog, A::Discard, letter('d', &[])),
        (C::EndDialog, A::KeepGoing, letter('k', &[K::Esc, K::Enter])),
        (C::QuitDialog, A::RetrySave, letter('r', &[])),
        (C::QuitDialog, A::SaveElsewhere, letter('w', &[])),
        (C::QuitDialog, A::QuitAnyway, letter('x', &[])),
        (C::QuitDialog, A::KeepGoing, letter('k', &[K::Esc])),
    ];
    table.extend(text_field(C::Prompt));
    // The filter: Enter keeps it, Esc clears it, the arrows move among the
    // sessions it shows.
    table.extend(text_field(C::HistoryFilter));
    table.extend([
        (C::HistoryFilter, A::PreviousMatch, plain(&[K::Up])),
        (C::HistoryFilter, A::NextMatch, plain(&[K::Down])),
    ]);
    table.extend([
        (C::Help, A::Up, vec![Key::plain(K::Up), Key::ch('k')]),
        (C::Help, A::Down, vec![Key::plain(K::Down), Key::ch('j')]),
    ]);
    table
}

/// The editor's forms and questions.
fn editor_dialogs() -> Vec<Entry> {
    use Action as A;
    use Context as C;
    use KeyCode as K;
    let mut table = vec![
        (C::AddStep, A::PreviousMatch, plain(&[K::Up])),
        (C::AddStep, A::NextMatch, plain(&[K::Down])),
    ];
    table.extend(text_field(C::AddStep));
    table.extend([
        (C::DoseForm, A::NextField, plain(&[K::Tab, K::Down])),
        (C::DoseForm, A::PreviousField, plain(&[K::BackTab, K::Up])),
        (C::DoseForm, A::NextChoice, plain(&[K::Right])),
        (C::DoseForm, A::PreviousChoice, plain(&[K::Left])),
    ]);
    table.extend(text_field(C::DoseForm));
    table.extend(text_field(C::NamePrompt));
    table.extend([
        (C::ConfirmLeave, A::Save, letter('s', &[])),
        (C::ConfirmLeave, A::Discard, letter('d', &[])),
        (
            C::ConfirmLeave,
            A::KeepGoing,
            letter('k', &[K::Esc, K::Enter]),
        ),
        (C::ConfirmDelete, A::Yes, letter('y', &[])),
        (C::ConfirmDelete, A::No, letter('n', &[K::Esc])),
        (C::ConfirmReset, A::Yes, letter('y', &[])),
        (C::ConfirmReset, A::No, letter('n', &[K::Esc])),
    ]);
    table
}
