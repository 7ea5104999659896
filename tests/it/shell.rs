//! upright among other command-line tools: completion scripts that a real bash
//! runs, a man page that parses as roff, quiet success on a closed pipe, every
//! problem of both broken files at once, and the commit in `--version`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_upright");

/// Every command `upright --help` lists (besides clap's `help`).
const COMMANDS: [&str; 12] = [
    "start",
    "routines",
    "exercises",
    "check",
    "log",
    "stats",
    "status",
    "remind",
    "keys",
    "config",
    "completions",
    "man",
];

/// A temporary home with a config and a data dir.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        for d in [home.config(), home.data(), home.path("home")] {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        home
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn config(&self) -> PathBuf {
        self.path("config")
    }
    fn data(&self) -> PathBuf {
        self.path("data")
    }

    /// The binary with only this home in its environment.
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("HOME", self.path("home"))
            .env("UPRIGHT_CONFIG_DIR", self.config())
            .env("UPRIGHT_DATA_DIR", self.data())
            .env("TZ", "UTC")
            .args(args);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run upright")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `upright completions bash` in a real bash and asks it to complete each
/// line (the words so far, the last one being typed); returns the candidates.
fn bash_complete(home: &Home, lines: &[&[&str]]) -> Vec<Vec<String>> {
    let script = home.run(&["completions", "bash"]);
    assert!(script.status.success(), "{}", text(&script.stderr));
    let script_path = home.path("upright.bash");
    std::fs::write(&script_path, &script.stdout).expect("write script");
    let mut program = format!("source {}\n", script_path.display());
    for words in lines {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        program.push_str(&format!(
            "COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9; COMPREPLY=()\n\
             _clap_complete_upright upright {cur} {prev}\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\"; echo '--'\n",
            words = quoted.join(" "),
            cword = words.len() - 1,
            cur = quoted[words.len() - 1],
            prev = quoted[words.len().saturating_sub(2)],
        ));
    }
    let bash = Command::new("bash")
        .arg("-c")
        .arg(&program)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path("home"))
        .env("UPRIGHT_CONFIG_DIR", home.config())
        .env("UPRIGHT_DATA_DIR", home.data())
        .output()
        .expect("bash must be installed to test the bash completions");
    assert!(bash.status.success(), "{}", text(&bash.stderr));
    text(&bash.stdout)
        .split("--\n")
        .take(lines.len())
        .map(|block| block.lines().map(str::to_string).collect())
        .collect()
}

#[test]
fn bash_completes_commands_formats_and_routine_ids_added_after_the_script() {
    let home = Home::new();
    // The script is written before this routine exists (bash_complete writes it
    // first), yet the routine completes: the script asks upright at each Tab.
    let lines: [&[&str]; 5] = [
        &["upright", ""],
        &["upright", "co"],
        &["upright", "log", "--format", ""],
        &["upright", "start", ""],
        &["upright", "completions", ""],
    ];
    let script = home.run(&["completions", "bash"]);
    std::fs::write(
        home.config().join("routines.toml"),
        "[[routine]]\nid = \"lunch-break\"\nname = \"Lunch break\"\n\n\
         [[routine.step]]\nexercise = \"ostrich\"\n",
    )
    .expect("write routines");
    assert!(!text(&script.stdout).contains("lunch-break"));
    let got = bash_complete(&home, &lines);
    for c in COMMANDS {
        assert!(got[0].iter().any(|w| w == c), "{c} not in {:?}", got[0]);
    }
    assert!(got[0].iter().any(|w| w == "--config-dir"), "{:?}", got[0]);
    assert_eq!(got[1], ["config", "completions"]);
    assert_eq!(got[2], ["text", "json", "csv", "markdown"]);
    for id in ["full", "desk-break", "core-shoulders", "lunch-break"] {
        assert!(got[3].iter().any(|w| w == id), "{id} not in {:?}", got[3]);
    }
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        assert!(
            got[4].iter().any(|w| w == shell),
            "{shell} not in {:?}",
            got[4]
        );
    }
}

#[test]
fn the_zsh_script_registers_upright_and_upright_answers_it() {
    let home = Home::new();
    let o = home.run(&["completions", "zsh"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let script = text(&o.stdout);
    assert!(script.starts_with("#compdef upright\n"), "{script}");
    assert!(
        script.contains("compdef _clap_dynamic_completer_upright upright"),
        "{script}"
    );
    assert!(script.contains("UPRIGHT_COMPLETE=\"zsh\""), "{script}");
    assert!(script.contains(BIN), "the script calls back this binary");
    // What the script runs at a Tab after "upright ": every command, with its
    // description after a colon, one a line.
    let ask = |words: &[&str]| {
        let out = home
            .command(&[])
            .env("UPRIGHT_COMPLETE", "zsh")
            .env("_CLAP_IFS", "\n")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .arg("--")
            .args(words)
            .output()
            .expect("run upright");
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let answer = ask(&["upright", ""]);
    let names: Vec<&str> = answer
        .lines()
        .map(|l| l.split(':').next().unwrap_or_default())
        .collect();
    for c in COMMANDS {
        assert!(names.contains(&c), "{c} not in {answer}");
    }
    assert!(
        answer.contains("log:List past sessions"),
        "descriptions come with the names: {answer}"
    );
    let answer = ask(&["upright", "stats", "--format", ""]);
    assert_eq!(answer.lines().collect::<Vec<_>>(), ["text", "json"]);
    let answer = ask(&["upright", "start", "de"]);
    assert_eq!(answer.trim(), "desk-break:Desk break");
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_one_is_a_usage_error() {
    let home = Home::new();
    for shell in ["fish", "elvish", "powershell"] {
        let o = home.run(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        assert!(
            script.contains("UPRIGHT_COMPLETE") && script.contains(BIN),
            "{shell}: {script}"
        );
    }
    let o = home.run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("possible values: bash, zsh, fish, elvish, powershell"));
}

/// The roff requests and escapes the page may use, and a check of the whole
/// page's structure: it opens with `.TH`, its sections come in order, every
/// indent is closed and every font change returns to roman on its line.
fn check_roff(page: &str) -> Vec<String> {
    const REQUESTS: [&str; 8] = ["TH", "SH", "TP", "RS", "RE", "PP", "ie", "el"];
    let mut sections = Vec::new();
    let mut depth = 0i32;
    let mut title = false;
    for (n, line) in page.lines().enumerate() {
        if let Some(request) = line.strip_prefix('.') {
            let name = request.split_whitespace().next().unwrap_or_default();
            assert!(REQUESTS.contains(&name), "line {}: .{name}", n + 1);
            match name {
                "TH" => title = true,
                "SH" => {
                    assert!(title, "a section before .TH");
                    sections.push(request[2..].trim().trim_matches('"').to_string());
                }
                "RS" => depth += 1,
                "RE" => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "line {}: .RE without .RS", n + 1);
            continue;
        }
        let opened = line.matches("\\fB").count() + line.matches("\\fI").count();
        assert_eq!(
            opened,
            line.matches("\\fR").count(),
            "line {}: a font left open: {line}",
            n + 1
        );
        assert!(!line.starts_with('\''), "line {}: a control line", n + 1);
    }
    assert_eq!(depth, 0, "an .RS left open");
    sections
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let home = Home::new();
    let o = home.run(&["man"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    let sections = check_roff(&page);
    assert_eq!(
        sections,
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "SEE ALSO"
        ]
    );
    let commands = &page[page.find(".SH COMMANDS").expect("COMMANDS")..];
    for c in COMMANDS.iter().filter(|c| **c != "config") {
        assert!(
            commands.contains(&format!("\\fBupright {c}\\fR")),
            "{c} missing from COMMANDS"
        );
    }
    for c in ["config path", "config default", "log import"] {
        assert!(commands.contains(&format!("\\fBupright {c}\\fR")), "{c}");
    }
    for exit in ["\\fB65\\fR", "\\fB78\\fR"] {
        assert!(page.contains(exit), "{exit}");
    }
    // groff, where installed, formats it without a warning.
    let Ok(groff) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        return;
    };
    let mut groff = groff;
    std::io::Write::write_all(&mut groff.stdin.take().expect("stdin"), page.as_bytes())
        .expect("feed groff");
    let out = groff.wait_with_output().expect("groff");
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "", "groff warned");
}

/// A log of `n` short sessions, one a minute from 1 January 2024.
fn big_log(n: usize) -> String {
    let mut log = String::new();
    for i in 0..n {
        let (h, m) = (i / 60 % 24, i % 60);
        let day = 1 + i / (60 * 24);
        let at = |s: u32| format!("2024-01-{day:02}T{h:02}:{m:02}:{s:02}+01:00");
        log.push_str(&format!(
            "{{\"v\":1,\"type\":\"start\",\"session\":\"s{i}\",\"at\":\"{}\",\"routine\":\"desk-break\",\"routine_name\":\"Desk break\"}}\n\
             {{\"v\":1,\"type\":\"step\",\"session\":\"s{i}\",\"at\":\"{}\",\"index\":1,\"exercise\":\"ostrich\",\"exercise_name\":\"Ostrich\",\"level\":1,\"set\":1,\"sets\":1,\"dose\":\"reps\",\"planned_reps\":10,\"achieved_reps\":10,\"skipped\":false,\"hurt\":false}}\n\
             {{\"v\":1,\"type\":\"end\",\"session\":\"s{i}\",\"at\":\"{}\",\"status\":\"completed\",\"active_secs\":40}}\n",
            at(0),
            at(20),
            at(50)
        ));
    }
    log
}

#[test]
fn a_pipe_closed_after_the_first_line_ends_the_command_quietly_with_success() {
    let home = Home::new();
    // More output than a pipe holds, so upright is still writing when the
    // reader goes away, whatever the timing.
    std::fs::write(home.data().join("sessions.jsonl"), big_log(3000)).expect("write log");
    for format in ["text", "json", "csv", "markdown"] {
        let mut child = home
            .command(&["log", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn upright");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read a line");
        // The reader is dropped here: the pipe is closed, like `| head -1`.
        assert!(!first.is_empty(), "{format}: no first line");
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert_eq!(text(&out.stderr), "", "{format}");
    }
    // The whole output really is larger than a pipe (64 KiB on Linux).
    let all = home.run(&["log", "--format", "text"]);
    assert!(all.stdout.len() > 128 * 1024, "{}", all.stdout.len());
}

#[test]
fn with_config_and_routines_both_broken_every_command_prints_every_problem_and_exits_78() {
    let home = Home::new();
    std::fs::write(
        home.config().join("config.toml"),
        "[ui]\ntheme = 3\n[sound]\nbel = true\n",
    )
    .expect("write config");
    std::fs::write(
        home.config().join("routines.toml"),
        "[[routine]]\nid = \"x\"\n\n[[routine]]\nid = \"y\"\nname = \"Y\"\n",
    )
    .expect("write routines");
    let check = home.run(&["check"]);
    assert_eq!(check.status.code(), Some(78));
    let all = text(&check.stderr);
    assert_eq!(
        all.lines().filter(|l| l.starts_with("error: ")).count(),
        5,
        "{all}"
    );
    for (file, line) in [
        ("config.toml", 2),
        ("config.toml", 4),
        ("routines.toml", 1),
        ("routines.toml", 4),
    ] {
        assert!(
            all.contains(&format!("{file}:{line}:")),
            "{file}:{line} in {all}"
        );
    }
    // Opening the app, starting a routine and listing them say the same, before
    // any terminal is touched.
    for args in [&[][..], &["start", "full"], &["routines"], &["exercises"]] {
        let o = home.run(args);
        assert_eq!(o.status.code(), Some(78), "{args:?}");
        assert_eq!(text(&o.stderr), all, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

/// The commit functions of build.rs.
mod build_version {
    use std::path::Path;

    include!("../../build/version.rs");

    #[test]
    fn a_checkout_names_its_commit_and_a_tarball_or_a_missing_git_does_not() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let top = here.display().to_string();
        let checkout = |args: &[&str]| match args {
            ["rev-parse", "--show-toplevel"] => Some(top.clone()),
            ["rev-parse", "--short=12", "HEAD"] => Some("0123456789ab".to_string()),
            _ => None,
        };
        assert_eq!(commit_of(here, &checkout).as_deref(), Some("0123456789ab"));
        // No git, or not a repository.
        assert_eq!(commit_of(here, &|_| None), None);
        // Unpacked inside another repository: that one's commit is not ours.
        let elsewhere = |args: &[&str]| match args {
            ["rev-parse", "--show-toplevel"] => Some("/".to_string()),
            _ => Some("0123456789ab".to_string()),
        };
        assert_eq!(commit_of(here, &elsewhere), None);
        assert_eq!(describe("0.1.0", None), "0.1.0");
        assert_eq!(
            describe("0.1.0", Some("0123456789ab")),
            "0.1.0 (commit 0123456789ab)"
        );
    }

    #[test]
    fn version_names_the_commit_it_was_built_from_in_a_git_checkout() {
        let home = super::Home::new();
        let o = home.run(&["--version"]);
        assert!(o.status.success());
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let git = |args: &[&str]| {
            super::Command::new("git")
                .arg("-C")
                .arg(here)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| super::text(&o.stdout).trim().to_string())
        };
        let version = env!("CARGO_PKG_VERSION");
        let expected = match commit_of(here, &git) {
            Some(commit) => format!("upright {version} (commit {commit})\n"),
            None => format!("upright {version}\n"),
        };
        assert_eq!(super::text(&o.stdout), expected);
    }
}

#[test]
fn every_format_writes_times_in_rfc_3339_with_the_local_offset() {
    let home = Home::new();
    // Logged on a machine in UTC ("Z") and one in New York; read in Berlin.
    std::fs::write(
        home.data().join("sessions.jsonl"),
        "{\"v\":1,\"type\":\"start\",\"session\":\"s1\",\"at\":\"2024-03-04T07:00:00Z\",\"routine\":\"desk-break\",\"routine_name\":\"Desk break\"}\n\
         {\"v\":1,\"type\":\"step\",\"session\":\"s1\",\"at\":\"2024-03-04T02:01:00-05:00\",\"index\":1,\"exercise\":\"ostrich\",\"exercise_name\":\"Ostrich\",\"level\":1,\"set\":1,\"sets\":1,\"dose\":\"reps\",\"planned_reps\":10,\"achieved_reps\":10,\"skipped\":false,\"hurt\":false}\n\
         {\"v\":1,\"type\":\"end\",\"session\":\"s1\",\"at\":\"2024-03-04T07:03:00+00:00\",\"status\":\"completed\",\"active_secs\":100}\n",
    )
    .expect("write log");
    let run = |format: &str| {
        let o = home
            .command(&["log", "--format", format])
            .env("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
            .output()
            .expect("run upright");
        assert!(o.status.success(), "{}", text(&o.stderr));
        text(&o.stdout)
    };
    let json = run("json");
    for field in [
        "\"started\":\"2024-03-04T08:00:00+01:00\"",
        "\"ended\":\"2024-03-04T08:03:00+01:00\"",
        "\"at\":\"2024-03-04T08:01:00+01:00\"",
    ] {
        assert!(json.contains(field), "{field} not in {json}");
    }
    let csv = run("csv");
    assert!(
        csv.lines()
            .nth(1)
            .is_some_and(|row| row.contains(",2024-03-04T08:00:00+01:00,")),
        "{csv}"
    );
    for out in [&json, &csv] {
        assert!(!out.contains(":00Z"), "a time in UTC: {out}");
    }
    assert!(run("text").contains("2024-03-04 08:00"));
}
