//! Why a command failed, the exit code that goes with it (see DESIGN.md, "Command
//! line"), and the text printed for it on standard error.

use std::fmt;

use crate::model::catalog::UnknownRoutine;
use crate::model::diagnostic::Diagnostic;

/// Exit codes.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    pub const USAGE: i32 = 2;
    pub const DATA: i32 = 65;
    pub const CONFIG: i32 = 78;
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file (exercises, routines, log) that cannot be used.
    #[error("{}", Lines(.0))]
    Data(Vec<Diagnostic>),
    /// The configuration cannot be used.
    #[error("{}", Lines(.0))]
    Config(Vec<Diagnostic>),
    /// Anything else that went wrong at run time.
    #[error("{0}")]
    Runtime(String),
    /// The command line names something that does not exist.
    #[error("{0}")]
    Usage(String),
    /// Whoever read standard output stopped reading (`upright log | head -1`).
    /// Not a failure: the command ends quietly with success, as Unix tools do.
    #[error("standard output was closed")]
    OutputClosed,
}

/// The result of a command.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Data(_) => exit::DATA,
            Error::Config(_) => exit::CONFIG,
            Error::Runtime(_) => exit::FAILURE,
            Error::Usage(_) => exit::USAGE,
            Error::OutputClosed => exit::OK,
        }
    }

    /// The text for standard error: one `error:` line per problem (a located
    /// problem may add an indented `expected:` line), ending with a newline.
    pub fn render(&self) -> String {
        match self {
            Error::Data(diags) | Error::Config(diags) => {
                let mut out = String::new();
                for d in diags {
                    out.push_str(&format!("error: {d}\n"));
                }
                out
            }
            Error::Runtime(m) | Error::Usage(m) => format!("error: {m}\n"),
            Error::OutputClosed => String::new(),
        }
    }
}

/// Diagnostics one per line, for `Display`.
struct Lines<'a>(&'a [Diagnostic]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Failing to read or write a terminal, a pipe or a file is a runtime failure,
/// except a pipe closed by its reader, which only means no more output is wanted.
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::OutputClosed
        } else {
            Error::Runtime(e.to_string())
        }
    }
}

/// `upright start ROUTINE` with an id that is not in the catalog.
impl From<UnknownRoutine> for Error {
    fn from(e: UnknownRoutine) -> Error {
        let hint = match &e.nearest {
            Some(near) => format!("did you mean \"{near}\"? "),
            None => String::new(),
        };
        Error::Usage(format!(
            "there is no routine \"{}\"; {hint}(routines: {}; `upright routines` lists them)",
            e.id,
            e.known.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(line: usize, message: &str) -> Diagnostic {
        Diagnostic {
            path: "config.toml".into(),
            line,
            column: 3,
            message: message.into(),
            expected: Some("a number".into()),
        }
    }

    #[test]
    fn each_kind_has_its_exit_code() {
        assert_eq!(Error::Data(vec![]).exit_code(), 65);
        assert_eq!(Error::Config(vec![]).exit_code(), 78);
        assert_eq!(Error::Runtime("x".into()).exit_code(), 1);
        assert_eq!(Error::Usage("x".into()).exit_code(), 2);
    }

    #[test]
    fn diagnostics_render_one_error_line_each() {
        let e = Error::Config(vec![located(2, "bad"), located(5, "worse")]);
        assert_eq!(
            e.render(),
            "error: config.toml:2:3: bad\n  expected: a number\n\
             error: config.toml:5:3: worse\n  expected: a number\n"
        );
        assert_eq!(
            e.to_string(),
            "config.toml:2:3: bad\n  expected: a number\nconfig.toml:5:3: worse\n  expected: a number"
        );
    }

    #[test]
    fn messages_render_as_one_error_line() {
        let e = Error::from(std::io::Error::other("disk full"));
        assert_eq!(e.render(), "error: disk full\n");
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn a_closed_pipe_is_a_quiet_success() {
        let e = Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(e.render(), "");
        assert_eq!(e.exit_code(), 0);
    }

    #[test]
    fn an_unknown_routine_is_a_usage_error_listing_the_routines() {
        let e = Error::from(UnknownRoutine {
            id: "desk-brake".into(),
            known: vec!["full".into(), "desk-break".into()],
            nearest: Some("desk-break".into()),
        });
        assert_eq!(e.exit_code(), 2);
        assert_eq!(
            e.render(),
            "error: there is no routine \"desk-brake\"; did you mean \"desk-break\"? \
             (routines: full, desk-break; `upright routines` lists them)\n"
        );
        let e = Error::from(UnknownRoutine {
            id: "zzz".into(),
            known: vec!["full".into()],
            nearest: None,
        });
        assert_eq!(
            e.render(),
            "error: there is no routine \"zzz\"; (routines: full; `upright routines` lists them)\n"
        );
    }
}
