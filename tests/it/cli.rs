//! The real binary, run with its config and data dirs in temporary directories and
//! with HOME and the XDG variables pointed at an empty temporary home, so the
//! developer's own files are never read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_upright");

/// A clean world to run the binary in.
struct World {
    _root: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    config: PathBuf,
    data: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        let home = root.join("home");
        let config = root.join("config");
        let data = root.join("data");
        for d in [&home, &config, &data] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        World {
            _root: dir,
            root,
            home,
            config,
            data,
        }
    }

    /// The binary with a clean environment: no UPRIGHT_* variables, HOME and XDG
    /// inside the temporary home.
    fn command(&self) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("NO_COLOR", "1");
        c
    }

    /// Runs with `--config-dir` and `--data-dir` set to this world's dirs.
    fn run(&self, args: &[&str]) -> Output {
        self.command()
            .arg("--config-dir")
            .arg(&self.config)
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .output()
            .expect("run upright")
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.config.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    /// Output with this world's temporary root shown as [ROOT].
    fn clean(&self, text: &[u8]) -> String {
        String::from_utf8_lossy(text).replace(&self.root.display().to_string(), "[ROOT]")
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

/// Every `error:` line names path:line:column (with positive numbers) under `dir`.
fn assert_every_error_located(text: &str, dir: &Path) {
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("error: ")).collect();
    assert!(!errors.is_empty(), "no errors in:\n{text}");
    let dir = dir.display().to_string();
    for line in errors {
        let rest = line
            .strip_prefix("error: ")
            .and_then(|l| l.strip_prefix(&dir))
            .unwrap_or_else(|| panic!("not a file under the config dir: {line}"));
        let mut parts = rest.splitn(4, ':');
        let _file = parts.next();
        let line_no: usize = parts
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no line number: {line}"));
        let column: usize = parts
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no column: {line}"));
        assert!(line_no >= 1 && column >= 1, "{line}");
    }
    // Every problem says what was expected.
    let expected = text
        .lines()
        .filter(|l| l.starts_with("  expected: "))
        .count();
    let errors = text.lines().filter(|l| l.starts_with("error: ")).count();
    assert_eq!(expected, errors, "{text}");
}

#[test]
fn routines_lists_the_three_builtins_with_their_length() {
    let w = World::new();
    let o = w.run(&["routines"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{out}");
    for (row, id) in rows.iter().zip(["full", "desk-break", "core-shoulders"]) {
        assert!(row.starts_with(id), "{row}");
        let minutes = row
            .split("about ")
            .nth(1)
            .and_then(|m| m.strip_suffix(" min"))
            .and_then(|m| m.parse::<u32>().ok());
        assert!(minutes.is_some_and(|m| m > 0), "no \"about N min\": {row}");
    }
    // The README shows this output as it is.
    assert!(
        include_str!("../../README.md").contains(&format!("$ upright routines\n{out}")),
        "the README's `upright routines` example is out of date"
    );
    insta::assert_snapshot!(out, @r"
    ID              NAME                     STEPS  ESTIMATED
    full            Full upper-back routine      6  about 11 min
    desk-break      Desk break                   2  about 3 min
    core-shoulders  Core and shoulders           6  about 9 min
    ");
}

#[test]
fn exercises_lists_the_five_with_their_levels() {
    let w = World::new();
    let o = w.run(&["exercises"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        ids,
        [
            "plank",
            "push-up",
            "ostrich",
            "shoulder-blade-stretch",
            "childs-pose"
        ]
    );
    insta::assert_snapshot!(out);
}

#[test]
fn user_entries_are_marked_in_the_lists() {
    let w = World::new();
    w.write(
        "routines.toml",
        r#"
[[routine]]
id = "desk-break"
name = "My desk break"

[[routine.step]]
exercise = "ostrich"

[[routine]]
id = "evening"
name = "Evening"

[[routine.step]]
exercise = "childs-pose"
level = 2
"#,
    );
    let out = stdout(&w.run(&["routines"]));
    assert!(out.contains("My desk break (customised)"), "{out}");
    assert!(out.contains("Evening (yours)"), "{out}");
    assert!(out.contains("Full upper-back routine "), "{out}");
    assert!(
        !out.contains("Full upper-back routine (customised)"),
        "{out}"
    );
}

#[test]
fn check_on_good_files_prints_one_ok_line() {
    let w = World::new();
    let o = w.run(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("ok: "), "{out}");
    assert!(out.contains("5 exercises, 3 routines"), "{out}");
    assert!(out.contains("0 user files read"), "{out}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    // With user files that are fine.
    w.write("config.toml", "[timer]\nrest = \"30s\"\n");
    w.write(
        "routines.toml",
        "[[routine]]\nid = \"mine\"\nname = \"Mine\"\n\n[[routine.step]]\nexercise = \"plank\"\nhold = 40\n",
    );
    let o = w.run(&["check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("5 exercises, 4 routines"), "{out}");
    assert!(out.contains("2 user files read"), "{out}");
    assert!(out.contains("default rest 30s"), "{out}");
}

#[test]
fn check_on_broken_files_reports_every_problem_and_exits_65() {
    let w = World::new();
    w.write(
        "exercises.toml",
        r#"[[exercise]]
id = "wall-angel"
name = "Wall angel"
kind = "mobilty"
areas = ["upper back"]
position = "standing"
summary = "Slide your arms up and down a wall."
instructions = ["Stand against a wall.", "Slide."]

[[exercise.level]]
name = "Slides"
reps = 0
"#,
    );
    w.write(
        "routines.toml",
        r#"[[routine]]
id = "neck"
name = "Neck"

[[routine.step]]
exercise = "plnk"

[[routine.step]]
exercise = "ostrich"
hold = "30s"
sets = "two"
"#,
    );
    let o = w.run(&["check"]);
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert_every_error_located(&err, &w.config);
    assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 5);
    insta::assert_snapshot!(w.clean(&o.stderr), @r#"
    error: [ROOT]/config/exercises.toml:4:8: unknown kind "mobilty" (did you mean "mobility"?)
      expected: one of: strength, stretch, mobility
    error: [ROOT]/config/exercises.toml:12:8: "reps" = 0 is too small
      expected: a whole number from 1 to 500
    error: [ROOT]/config/routines.toml:6:12: unknown exercise "plnk"
      expected: an exercise id; did you mean "plank"?
    error: [ROOT]/config/routines.toml:10:8: "hold" does not apply: "ostrich" is counted in reps
      expected: reps = N for this exercise
    error: [ROOT]/config/routines.toml:11:8: "sets" is a string
      expected: a whole number from 1 to 20
    "#);

    // The listing commands refuse the same files the same way.
    for cmd in ["routines", "exercises"] {
        let o = w.run(&[cmd]);
        assert_eq!(code(&o), 65, "{cmd}");
        assert_eq!(stderr(&o), err, "{cmd}");
    }
}

#[test]
fn a_broken_config_exits_78_with_a_located_message() {
    let w = World::new();
    w.write(
        "config.toml",
        "[timer]\nrest = \"20 s\"\n\n[sound]\nbel = true\n",
    );
    let o = w.run(&["check"]);
    assert_eq!(code(&o), 78, "{}", stderr(&o));
    assert_every_error_located(&stderr(&o), &w.config);
    insta::assert_snapshot!(w.clean(&o.stderr), @r#"
    error: [ROOT]/config/config.toml:2:8: "rest" = "20 s" is not a duration: unexpected character ' '
      expected: a duration from 0s to 30m, as seconds (30) or text ("45s", "1m30s")
    error: [ROOT]/config/config.toml:5:1: unknown key "bel" in [sound] (did you mean "bell"?)
      expected: one of: bell, countdown, tones, player, voice, speech
    "#);
    // Commands that need the configuration refuse it too.
    assert_eq!(code(&w.run(&["routines"])), 78);

    // A syntax error is located as well.
    w.write("config.toml", "[timer\nrest = 20\n");
    let o = w.run(&["check"]);
    assert_eq!(code(&o), 78);
    assert!(
        stderr(&o).contains("config.toml:1:7: TOML syntax error"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_config_and_broken_data_report_both_and_exit_78() {
    let w = World::new();
    w.write("config.toml", "[ui]\ntheme = 3\n");
    w.write("routines.toml", "[[routine]]\nid = \"x\"\n");
    let o = w.run(&["check"]);
    assert_eq!(code(&o), 78);
    let err = stderr(&o);
    assert!(
        err.contains("config.toml:2:9: \"theme\" is an integer"),
        "{err}"
    );
    assert!(
        err.contains("routines.toml:1:1: [[routine]] is missing \"name\""),
        "{err}"
    );
}

#[test]
fn a_missing_config_file_named_on_the_command_line_exits_78() {
    let w = World::new();
    let missing = w.root.join("nope.toml");
    let o = w.run(&["--config", missing.to_str().expect("utf-8 path"), "check"]);
    assert_eq!(code(&o), 78, "{}", stderr(&o));
    let err = w.clean(&o.stderr);
    assert!(
        err.starts_with("error: [ROOT]/nope.toml: cannot read the configuration"),
        "{err}"
    );
    assert!(err.contains("expected: "), "{err}");

    // An existing file named with --config is used instead of config.toml.
    let other = w.root.join("other.toml");
    std::fs::write(&other, "[session]\nweekly_goal = 3\n").expect("write");
    w.write("config.toml", "this is not toml");
    let o = w.run(&["--config", other.to_str().expect("utf-8 path"), "check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("weekly goal 3"), "{}", stdout(&o));
}

#[test]
fn help_and_version() {
    let w = World::new();
    let o = w.run(&["--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    for word in [
        "Usage: upright",
        "routines",
        "exercises",
        "check",
        "config",
        "--config-dir",
        "--data-dir",
    ] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
    let o = w.run(&["--version"]);
    assert_eq!(code(&o), 0);
    // The commit follows in a git checkout (see shell.rs).
    assert!(
        stdout(&o).starts_with(&format!("upright {}", env!("CARGO_PKG_VERSION"))),
        "{}",
        stdout(&o)
    );
    // Help for a subcommand too.
    let o = w.run(&["check", "--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Validate"), "{}", stdout(&o));
}

#[test]
fn usage_errors_exit_2() {
    let w = World::new();
    let o = w.run(&["frobnicate"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("frobnicate"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let o = w.run(&["routines", "--bogus"]);
    assert_eq!(code(&o), 2);
    let o = w.run(&["start"]);
    assert_eq!(code(&o), 2, "start needs a routine");
}

#[test]
fn start_with_an_unknown_routine_exits_2_and_suggests() {
    let w = World::new();
    let o = w.run(&["start", "ful"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("no routine \"ful\""), "{err}");
    assert!(err.contains("did you mean \"full\"?"), "{err}");
    assert_eq!(
        err,
        "error: there is no routine \"ful\"; did you mean \"full\"? \
         (routines: full, desk-break, core-shoulders; `upright routines` lists them)\n"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn config_default_prints_the_documented_defaults() {
    let w = World::new();
    let o = w.run(&["config", "default"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), upright::store::config::DEFAULT_CONFIG);
}

/// The line of `upright config path` that starts with `label`.
fn path_line(out: &str, label: &str) -> String {
    out.lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label} line in:\n{out}"))
        .to_string()
}

#[test]
fn config_path_honours_flag_then_env_then_platform() {
    let w = World::new();
    let env_cfg = w.root.join("env-config");
    let env_data = w.root.join("env-data");

    // Platform defaults: the XDG dirs of the (temporary) home.
    let o = w.command().args(["config", "path"]).output().expect("run");
    assert_eq!(code(&o), 0);
    let out = w.clean(&o.stdout);
    assert_eq!(
        path_line(&out, "config dir"),
        "config dir   [ROOT]/home/.config/upright  [platform default]"
    );
    assert_eq!(
        path_line(&out, "data dir"),
        "data dir     [ROOT]/home/.local/share/upright  [platform default]"
    );
    assert!(
        path_line(&out, "config   ")
            .contains("[ROOT]/home/.config/upright/config.toml (not present)")
    );

    // Environment variables beat the platform.
    let o = w
        .command()
        .env("UPRIGHT_CONFIG_DIR", &env_cfg)
        .env("UPRIGHT_DATA_DIR", &env_data)
        .args(["config", "path"])
        .output()
        .expect("run");
    let out = w.clean(&o.stdout);
    assert_eq!(
        path_line(&out, "config dir"),
        "config dir   [ROOT]/env-config  [from $UPRIGHT_CONFIG_DIR]"
    );
    assert_eq!(
        path_line(&out, "data dir"),
        "data dir     [ROOT]/env-data  [from $UPRIGHT_DATA_DIR]"
    );
    assert!(
        path_line(&out, "session log").contains("[ROOT]/env-data/sessions.")
            && path_line(&out, "session log").contains(".jsonl (not present)"),
        "{out}"
    );
    let o = w
        .command()
        .env("UPRIGHT_CACHE_DIR", w.root.join("env-cache"))
        .args(["config", "path"])
        .output()
        .expect("run");
    assert_eq!(
        path_line(&w.clean(&o.stdout), "cache dir"),
        "cache dir    [ROOT]/env-cache  [from $UPRIGHT_CACHE_DIR]"
    );

    // Flags beat the environment.
    w.write("routines.toml", "");
    std::fs::create_dir_all(&w.data).expect("mkdir");
    std::fs::write(w.data.join("sessions.jsonl"), "").expect("legacy log");
    let o = w
        .command()
        .env("UPRIGHT_HOST", "work-laptop")
        .env("UPRIGHT_CONFIG_DIR", &env_cfg)
        .env("UPRIGHT_DATA_DIR", &env_data)
        .arg("--config-dir")
        .arg(&w.config)
        .arg("--data-dir")
        .arg(&w.data)
        .args(["config", "path"])
        .output()
        .expect("run");
    let out = w.clean(&o.stdout);
    insta::assert_snapshot!(out, @r"
    config dir   [ROOT]/config  [from --config-dir]
    config       [ROOT]/config/config.toml (not present)  [from --config-dir]
    exercises    [ROOT]/config/exercises.toml (not present)
    routines     [ROOT]/config/routines.toml
    data dir     [ROOT]/data  [from --data-dir]
    host         work-laptop  [from $UPRIGHT_HOST]
    session log  [ROOT]/data/sessions.work-laptop.jsonl (not present)
    other logs   1 more sessions*.jsonl in the data dir, read too
    cache dir    [ROOT]/home/.cache/upright  [platform default]
    ");
}

#[test]
fn the_environment_dirs_are_used_for_loading_too() {
    let w = World::new();
    let env_cfg = w.root.join("env-config");
    std::fs::create_dir_all(&env_cfg).expect("mkdir");
    std::fs::write(env_cfg.join("routines.toml"), "[[routine]]\nid = \"x\"\n").expect("write");
    let o = w
        .command()
        .env("UPRIGHT_CONFIG_DIR", &env_cfg)
        .arg("check")
        .output()
        .expect("run");
    assert_eq!(code(&o), 65, "{}", stderr(&o));
    assert!(
        w.clean(&o.stderr)
            .contains("[ROOT]/env-config/routines.toml:1:1:"),
        "{}",
        stderr(&o)
    );
}
