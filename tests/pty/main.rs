//! End-to-end tests of the real `upright` binary in a pseudo-terminal: keys are
//! sent as a user types them and the screen is read back through a terminal
//! emulator. One test binary, so the harness and the crate link once.

mod harness;

mod best;
mod config;
mod editor;
mod faults;
mod harden;
mod hostile_files;
mod kill;
mod log;
mod mouse;
mod plain;
mod record;
mod remind;
mod review;
mod session;
mod sound;
mod sync;
