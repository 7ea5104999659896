//! Files: where they live, reading them with located errors, and writing them safely.

pub mod atomic;
pub mod cache;
pub mod check;
pub mod config;
pub mod data_config;
pub mod diag;
pub mod doc;
pub mod file;
pub mod host;
pub mod journal;
pub mod library;
pub mod log;
pub mod paths;
pub mod reminders;
pub mod routines_file;
pub mod sound_config;
pub mod status_cache;
