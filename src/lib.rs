//! upright: a full-screen terminal coach for upper-back, neck and shoulder routines.
//!
//! Everything is in the library so it can be tested without a terminal; `main.rs`
//! only parses the command line and maps failures to exit codes.

pub mod app;
pub mod cli;
pub mod error;
pub mod model;
pub mod report;
pub mod store;
pub mod terminal;
pub mod ui;
