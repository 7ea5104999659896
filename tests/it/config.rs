//! config.toml as a user meets it, through the real binary: every kind of mistake
//! is reported with file, line and column and what would be valid (each kind
//! snapshotted), the same way by `check`, `keys` and the TUI start; the user's
//! file is merged over the defaults; `--config FILE` replaces the config dir's
//! file; `upright keys` shows the keys in force.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_upright");

/// Temporary config and data dirs, and an empty home, for one test.
struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        for d in ["home", "config", "data"] {
            std::fs::create_dir_all(root.join(d)).expect("mkdir");
        }
        Setup { _dir: dir, root }
    }

    fn config_dir(&self) -> PathBuf {
        self.root.join("config")
    }

    fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::write(self.config_file(), text).expect("write config");
    }

    /// `upright ARGS` with this setup's dirs, no terminal and no inherited settings.
    fn run(&self, args: &[&str]) -> Output {
        let home = self.root.join("home");
        Command::new(BIN)
            .env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("UPRIGHT_CONFIG_DIR", self.config_dir())
            .env("UPRIGHT_DATA_DIR", self.root.join("data"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("run upright")
    }

    /// Output text with the temporary root shown as [DIR].
    fn shown(&self, bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).replace(&self.root.display().to_string(), "[DIR]")
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

/// Every `error:` line names `file`, a line and a column (both from 1), and is
/// followed by what would have been valid.
fn assert_located(stderr: &str, file: &Path) {
    let file = file.display().to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    let errors: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("error: "))
        .collect();
    assert!(!errors.is_empty(), "no errors reported:\n{stderr}");
    for i in errors {
        let line = lines[i];
        let rest = line
            .strip_prefix("error: ")
            .and_then(|l| l.strip_prefix(&file))
            .and_then(|l| l.strip_prefix(':'))
            .unwrap_or_else(|| panic!("does not start with {file}: {line}"));
        let mut parts = rest.splitn(3, ':');
        let at: Vec<usize> = parts
            .by_ref()
            .take(2)
            .map(|n| {
                n.parse()
                    .unwrap_or_else(|_| panic!("no line:column in {line}"))
            })
            .collect();
        assert!(at.len() == 2 && at[0] >= 1 && at[1] >= 1, "{line}");
        let expected = lines.get(i + 1).copied().unwrap_or_default();
        assert!(
            expected.starts_with("  expected: ") && expected.len() > "  expected: ".len(),
            "no `expected:` after {line}"
        );
    }
}

/// Writes `text` as config.toml, runs `check`, and returns its stderr (with the
/// temporary dir as [DIR]) after making sure it exits 78 with every problem located.
fn check_rejects(text: &str) -> String {
    let s = Setup::new();
    s.write_config(text);
    let o = s.run(&["check"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 78, "{err}");
    assert!(o.stdout.is_empty(), "check printed to stdout on failure");
    assert_located(&err, &s.config_file());
    s.shown(&o.stderr)
}

#[test]
fn syntax_error() {
    insta::assert_snapshot!(check_rejects("[timer\nrest = 20\n"));
}

#[test]
fn unknown_sections() {
    insta::assert_snapshot!(check_rejects(
        "[colours]\nbackground = \"blue\"\n\n[tmier]\nrest = 20\n"
    ));
}

#[test]
fn settings_outside_any_section() {
    insta::assert_snapshot!(check_rejects(
        "theme = \"mono\"\nverbose = true\n\n[timer]\nrest = 20\n"
    ));
}

#[test]
fn unknown_keys_in_each_section() {
    insta::assert_snapshot!(check_rejects(
        "[timer]\nleadin = 5\n[sound]\nbeep = false\n[session]\ngoal = 3\n[ui]\nfigure = false\n"
    ));
}

#[test]
fn wrong_types() {
    insta::assert_snapshot!(check_rejects(
        "[timer]\nlead_in = true\nauto_advance = \"no\"\n\n[sound]\nbell = 1\n\n\
         [session]\nweekly_goal = \"five\"\n\n[ui]\ntheme = 3\nfigures = \"yes\"\n"
    ));
}

#[test]
fn sections_that_are_not_tables() {
    insta::assert_snapshot!(check_rejects("timer = 5\nkeys = [\"x\"]\n"));
}

#[test]
fn values_out_of_range() {
    insta::assert_snapshot!(check_rejects(
        "[timer]\nlead_in = \"10m\"\nrest = -5\nswitch_gap = \"soon\"\n\n[session]\nweekly_goal = 0\n\n\
         [progress]\nbeat_by = \"2m\"\n"
    ));
}

#[test]
fn unknown_themes() {
    insta::assert_snapshot!(check_rejects("[ui]\ntheme = \"hi-contrast\"\n"));
    insta::assert_snapshot!(
        "unknown_themes_dark",
        check_rejects("[ui]\ntheme = \"dark\"\n")
    );
}

#[test]
fn unknown_actions() {
    insta::assert_snapshot!(check_rejects("[keys]\npasue = \"x\"\njump = [\"j\"]\n"));
}

#[test]
fn bad_key_names() {
    insta::assert_snapshot!(check_rejects(
        "[keys]\npause = [\"spacebar\", \"ctrl-\", \"f13\"]\nnext = \"rigth\"\n"
    ));
}

#[test]
fn key_conflicts_name_both_places() {
    let err = check_rejects(
        "[keys]\n# two of mine\npause = [\"x\"]\nnext = [\"x\", \"right\"]\n\
         # mine and a default\nhurt = \"p\"\n# mine and a key of every view\nmute = \"?\"\n",
    );
    // Both places: the two lines of the file, or the line and the built-in default.
    assert!(
        err.contains("\"x\" is bound to both \"pause\" (line 3) and \"next\" (line 4)"),
        "{err}"
    );
    assert!(
        err.contains("\"hurt\" (line 6) and \"previous\" (built-in default)"),
        "{err}"
    );
    assert!(
        err.contains("\"mute\" (line 8) and \"help\" (everywhere, built-in default)"),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn reserved_keys() {
    insta::assert_snapshot!(check_rejects("[keys]\nhurt = \"ctrl-z\"\n"));
}

#[test]
fn keys_of_the_wrong_type() {
    insta::assert_snapshot!(check_rejects(
        "[keys]\nmute = 3\nhurt = [\"h\", 4]\ndone = []\n\n[keys.session]\npause = \"x\"\n"
    ));
}

#[test]
fn several_kinds_at_once_are_all_reported_in_file_order() {
    let err = check_rejects(
        "[keys]\npause = \"spce\"\n\n[ui]\ntheme = \"drak\"\n\n[timer]\nrest = \"soon\"\n",
    );
    let order: Vec<usize> = ["config.toml:2:", "config.toml:5:", "config.toml:8:"]
        .iter()
        .map(|at| {
            err.find(at)
                .unwrap_or_else(|| panic!("{at} missing:\n{err}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let s = Setup::new();
    std::fs::write(s.config_file(), b"[ui]\ntheme = \"mon\xffo\"\n").expect("write");
    let o = s.run(&["check"]);
    assert_eq!(code(&o), 78);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_located(&err, &s.config_file());
    insta::assert_snapshot!(s.shown(&o.stderr));
}

#[test]
fn a_config_file_named_with_dash_dash_config_that_is_missing() {
    let s = Setup::new();
    let missing = s.root.join("missing.toml");
    let o = s.run(&["--config", missing.to_str().expect("utf-8"), "check"]);
    assert_eq!(code(&o), 78);
    // A whole-file problem: the path, what went wrong and what was expected.
    insta::assert_snapshot!(s.shown(&o.stderr));
}

/// The TUI start and `upright keys` refuse a bad file exactly as `check` does,
/// before anything reaches the terminal.
#[test]
fn every_command_refuses_a_bad_config_the_same_way() {
    let s = Setup::new();
    s.write_config("[keys]\npause = \"p\"\n\n[ui]\ntheme = \"neon\"\n");
    let check = s.run(&["check"]);
    assert_eq!(code(&check), 78);
    for args in [
        &[][..],
        &["start", "desk-break"][..],
        &["keys"][..],
        &["routines"][..],
    ] {
        let o = s.run(args);
        assert_eq!(code(&o), 78, "{args:?}");
        assert_eq!(o.stderr, check.stderr, "{args:?}");
        assert!(
            o.stdout.is_empty(),
            "{args:?} wrote to the terminal: {:?}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn the_default_config_is_accepted_as_a_user_file() {
    let s = Setup::new();
    s.write_config(upright::store::config::DEFAULT_CONFIG);
    let o = s.run(&["check"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    // Its example binding is valid too, once uncommented.
    s.write_config("[keys]\npause = [\"space\", \"s\"]\nnext = [\"right\", \"l\"]\n");
    let o = s.run(&["check"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
}

/// The `upright keys` row of an action in a view.
fn keys_row(out: &str, view: &str, action: &str) -> String {
    out.lines()
        .find(|l| l.starts_with(view) && l[view.len()..].split_whitespace().next() == Some(action))
        .unwrap_or_else(|| panic!("no row {view} {action} in:\n{out}"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn keys_lists_every_action_with_its_default_keys() {
    let s = Setup::new();
    let o = s.run(&["keys"]);
    assert_eq!(code(&o), 0);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    for action in upright::app::Action::ALL {
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().any(|w| w == action.name())),
            "{} is not listed:\n{out}",
            action.name()
        );
    }
    assert_eq!(
        keys_row(&out, "Session", "pause"),
        "Session pause space pause/resume"
    );
    assert_eq!(
        keys_row(&out, "Session", "next"),
        "Session next right, n next"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn keys_shows_the_users_bindings_and_where_they_were_set() {
    let s = Setup::new();
    s.write_config("[keys]\npause = [\"x\", \"f5\"]\nup = \"i\"\n");
    let o = s.run(&["keys"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let out = s.shown(&o.stdout);
    assert_eq!(
        keys_row(&out, "Session", "pause"),
        "Session pause x, f5 pause/resume set at [DIR]/config/config.toml:2:1"
    );
    // One name rebinds the action in every view that has it.
    for view in ["Routine picker", "Routine editor", "History"] {
        assert_eq!(
            keys_row(&out, view, "up"),
            format!("{view} up i up set at [DIR]/config/config.toml:3:1")
        );
    }
    // What the user left out keeps its default keys.
    assert_eq!(
        keys_row(&out, "Session", "next"),
        "Session next right, n next"
    );
    assert_eq!(
        keys_row(&out, "Routine picker", "down"),
        "Routine picker down down, j down"
    );
}

#[test]
fn dash_dash_config_is_read_instead_of_the_config_dirs_file() {
    let s = Setup::new();
    s.write_config("[keys]\npause = \"y\"\n\n[session]\nweekly_goal = 2\n");
    let other = s.root.join("elsewhere.toml");
    std::fs::write(&other, "[keys]\npause = \"x\"\n").expect("write");
    let o = s.run(&["--config", other.to_str().expect("utf-8"), "keys"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let out = s.shown(&o.stdout);
    assert_eq!(
        keys_row(&out, "Session", "pause"),
        "Session pause x pause/resume set at [DIR]/elsewhere.toml:2:1"
    );
    // Nothing of the config dir's file applies: the goal is the default again.
    let o = s.run(&["--config", other.to_str().expect("utf-8"), "check"]);
    assert_eq!(code(&o), 0);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("weekly goal 5"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = s.run(&["check"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("weekly goal 2"));
    // A broken config dir file does not matter when another file is named.
    s.write_config("[keys]\npause = \"spacebar\"\n");
    let o = s.run(&["--config", other.to_str().expect("utf-8"), "check"]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
}
