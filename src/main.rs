use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use upright::cli::{self, Cli};
use upright::error::exit;

fn main() -> ExitCode {
    // A shell asking for completions gets them, and nothing else runs.
    cli::completions::answer_if_asked();
    let cli = Cli::parse();
    let code = match cli::run(&cli) {
        Ok(()) => exit::OK,
        Err(error) => {
            let _ = std::io::stderr().write_all(error.render().as_bytes());
            error.exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
