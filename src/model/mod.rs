//! The domain: exercises, routines, the plan and the running session, history,
//! the schedule of reminders.
//! Nothing here touches the terminal or reads the clock.

pub mod catalog;
pub mod cues;
pub mod diagnostic;
pub mod digest;
pub mod duration;
pub mod edit;
pub mod event;
pub mod exercise;
pub mod history;
pub mod host;
pub mod limits;
pub mod plan;
pub mod record;
pub mod routine;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod suggest;
pub mod words;
