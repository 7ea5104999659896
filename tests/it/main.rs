//! Integration tests that run in-process (the library's API, its views drawn into
//! a `TestBackend`) or run the binary as a plain command. One test binary, so the
//! crate links once.

mod fixtures;

mod best_chart;
mod cli;
mod cli_log;
mod config;
mod due;
mod edit;
mod editor;
mod engine;
mod figures;
mod fuzz;
mod harden;
mod history;
mod hostile_files;
mod library;
mod log_concurrency;
mod mouse;
mod plain;
mod record;
mod remind;
mod report_html;
mod review;
mod routines_file;
mod session_screen;
mod set_aside;
mod settings_ui;
mod shell;
mod sound;
mod status;
mod sync;
mod ui;
