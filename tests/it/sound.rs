//! Sound in the app, in-process: which effects (cue sounds, phrases, the bell)
//! each moment of a session gives, muting, and falling back to the bell when
//! the player fails. And `upright sound` run as a command with stand-in
//! programs for the player and the speech command.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output as ProcessOutput};

use crate::fixtures::*;
use upright::app::keymap::Keymap;
use upright::app::{Action, App, Effect, Output, SoundOut};
use upright::model::cues::Cue;
use upright::model::settings::Settings;
use upright::store::{config, library};

fn app_with(settings: Settings, out: SoundOut) -> App {
    let catalog = library::load(None).expect("built-in library");
    let keymap = Keymap::from_settings(&settings).expect("keymap");
    let mut app = App::new(catalog, settings, keymap, monday_morning());
    app.sound_ready(out, None);
    app
}

fn settings() -> Settings {
    let mut s = config::defaults();
    s.session.ask_pain = false;
    s
}

const BOTH: SoundOut = SoundOut {
    tones: true,
    voice: true,
};

/// Runs a session of `routine` to its end, observing every 250 ms, and returns
/// every effect of sound (cues, phrases, bells) in order.
fn run_session(app: &mut App, routine: &str) -> Vec<Effect> {
    let t0 = app.now;
    assert!(app.start_session(routine));
    let mut heard = Vec::new();
    let mut ms = 0;
    loop {
        heard.extend(
            app.take_effects()
                .into_iter()
                .filter(|e| matches!(e, Effect::Cue(_) | Effect::Say(_) | Effect::Bell)),
        );
        if app.running().is_none() {
            return heard;
        }
        ms += 250;
        assert!(ms < 3_600_000, "the session never ended");
        app.tick(later(t0, ms));
        // Open holds and self-paced reps wait for the user: done after 3 s.
        if app.running().is_some_and(|r| {
            r.session.view(app.now.mono).is_some_and(|v| {
                v.length.is_none() && v.elapsed >= std::time::Duration::from_secs(3)
            })
        }) {
            app.update(Action::Done, app.now);
        }
    }
}

fn cues(heard: &[Effect]) -> Vec<Cue> {
    heard
        .iter()
        .filter_map(|e| match e {
            Effect::Cue(c) => Some(*c),
            _ => None,
        })
        .collect()
}

fn phrases(heard: &[Effect]) -> Vec<String> {
    heard
        .iter()
        .filter_map(|e| match e {
            Effect::Say(p) => Some(p.clone()),
            _ => None,
        })
        .collect()
}

fn bells(heard: &[Effect]) -> usize {
    heard.iter().filter(|e| **e == Effect::Bell).count()
}

#[test]
fn with_a_player_each_moment_plays_its_cue_and_the_bell_rings_only_at_the_end() {
    let mut app = app_with(settings(), BOTH);
    let heard = run_session(&mut app, "full");
    let cues = cues(&heard);
    for kind in Cue::ALL.iter().filter(|c| **c != Cue::NewBest) {
        assert!(cues.contains(kind), "no {kind:?} in {cues:?}");
    }
    assert_eq!(cues.first(), Some(&Cue::RestStart), "Get ready first");
    assert_eq!(cues.last(), Some(&Cue::Complete));
    assert_eq!(bells(&heard), 1, "the end chime rings the bell too");
    assert_eq!(
        heard[heard.len() - 3..],
        [
            Effect::Cue(Cue::Complete),
            Effect::Bell,
            Effect::Say("Session complete, 11 minutes.".into())
        ]
    );
    let said = phrases(&heard);
    assert_eq!(
        said.first().map(String::as_str),
        Some("Get ready, 10 seconds. First: Plank.")
    );
    assert!(said.iter().any(|p| p == "Switch sides."), "{said:?}");
    assert!(said.iter().any(|p| p == "Three, two, one."), "{said:?}");
    assert!(
        said.last()
            .is_some_and(|p| p.starts_with("Session complete, ")),
        "{said:?}"
    );
    // Milestones only: far fewer phrases than cues, none for a tempo part.
    assert!(said.len() * 2 < cues.len(), "{} phrases", said.len());
}

#[test]
fn without_a_player_the_bell_rings_as_before_and_voice_still_speaks() {
    let out = SoundOut {
        tones: false,
        voice: true,
    };
    let mut app = app_with(settings(), out);
    let heard = run_session(&mut app, "desk-break");
    assert!(cues(&heard).is_empty());
    assert!(bells(&heard) > 5, "{heard:?}");
    assert!(!phrases(&heard).is_empty());
    // Neither: only the bell.
    let mut app = app_with(settings(), SoundOut::default());
    let heard = run_session(&mut app, "desk-break");
    assert!(cues(&heard).is_empty() && phrases(&heard).is_empty());
    assert!(bells(&heard) > 5);
}

#[test]
fn countdown_false_drops_the_last_seconds_and_their_phrase() {
    let mut s = settings();
    s.sound.countdown = false;
    let mut app = app_with(s, BOTH);
    let heard = run_session(&mut app, "desk-break");
    assert!(!cues(&heard).contains(&Cue::Countdown));
    assert!(!phrases(&heard).iter().any(|p| p == "Three, two, one."));
    assert!(cues(&heard).contains(&Cue::WorkStart));
}

#[test]
fn mute_silences_sounds_voice_and_bell() {
    let mut app = app_with(settings(), BOTH);
    let t0 = app.now;
    app.start_session("desk-break");
    app.take_effects();
    app.update(Action::Mute, t0);
    assert!(app.muted);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("[sound muted]"), "{shown}");
    assert!(shown.contains("Sound muted."), "{shown}");
    let mut ms = 0;
    while app.running().is_some() && ms < 60_000 {
        ms += 250;
        app.tick(later(t0, ms));
        let effects = app.take_effects();
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::Cue(_) | Effect::Say(_) | Effect::Bell)),
            "{effects:?}"
        );
    }
    app.update(Action::Mute, later(t0, ms));
    assert!(screen(&app, 100, 30).contains("Sound on."));
}

#[test]
fn a_failed_player_falls_back_to_the_bell_and_says_so_once() {
    let mut app = app_with(settings(), BOTH);
    let t0 = app.now;
    app.start_session("desk-break");
    assert!(cues(&app.take_effects()).contains(&Cue::RestStart));
    app.sound_failed(Output::Player, "paplay exited with status 1");
    let line = app.status_line.clone().expect("a message");
    assert_eq!(
        line,
        "Sound player failed (paplay exited with status 1); the terminal bell rings instead."
    );
    assert!(screen(&app, 100, 30).contains("Sound player failed"));
    // A second report (another player still running) says nothing more.
    app.status_line = None;
    app.sound_failed(Output::Player, "paplay exited with status 1");
    assert_eq!(app.status_line, None);
    // From now on, the bell.
    let mut rang = 0;
    let mut played = 0;
    for ms in (250..20_000).step_by(250) {
        app.tick(later(t0, ms));
        let effects = app.take_effects();
        rang += bells(&effects);
        played += cues(&effects).len();
    }
    assert!(rang > 0);
    assert_eq!(played, 0);
    // Voice carries on until speech fails too.
    app.sound_failed(Output::Speech, "espeak exited with status 2");
    assert_eq!(
        app.status_line.as_deref(),
        Some("Speech failed (espeak exited with status 2); no more spoken phrases this time.")
    );
    assert!(!app.sound.voice && !app.sound.tones);
}

#[test]
fn a_note_from_the_runner_shows_in_the_status_bar() {
    let mut app = app_with(settings(), SoundOut::default());
    app.sound_ready(
        SoundOut::default(),
        Some("Voice is on, but no speech command was found.".into()),
    );
    assert!(screen(&app, 100, 30).contains("no speech command was found"));
}

/// A temporary home with a config dir and stand-in programs that append their
/// arguments to a file each.
struct Bench {
    dir: tempfile::TempDir,
}

impl Bench {
    fn new(config: &str) -> Bench {
        let b = Bench {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        std::fs::create_dir_all(b.path("config")).expect("mkdir");
        std::fs::write(b.path("config/config.toml"), config).expect("config");
        b
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A stand-in program: appends its arguments to `log`, then runs `then`.
    fn program(&self, name: &str, log: &str, then: &str) -> PathBuf {
        let p = self.path(name);
        let body = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\n{then}\n",
            self.path(log).display()
        );
        std::fs::write(&p, body).expect("script");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        p
    }

    fn run(&self, path_var: &Path) -> ProcessOutput {
        Command::new(env!("CARGO_BIN_EXE_upright"))
            .env_clear()
            .env("HOME", self.path("home"))
            .env("PATH", path_var)
            .env("UPRIGHT_CACHE_DIR", self.path("cache"))
            .arg("--config-dir")
            .arg(self.path("config"))
            .arg("--data-dir")
            .arg(self.path("data"))
            .arg("sound")
            .output()
            .expect("run upright sound")
    }

    fn lines(&self, log: &str) -> Vec<String> {
        std::fs::read_to_string(self.path(log))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

#[test]
fn upright_sound_plays_every_cue_and_speaks_a_sample() {
    let b = Bench::new("");
    // Stand-ins named like the real programs, found on PATH.
    std::fs::create_dir_all(b.path("bin")).expect("mkdir");
    b.program("bin/paplay", "played", "exit 0");
    b.program("bin/espeak", "said", "exit 0");
    std::fs::write(b.path("config/config.toml"), "[sound]\nvoice = true\n").expect("config");
    let o = b.run(&b.path("bin"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let paplay = b.path("bin/paplay");
    assert!(
        out.starts_with(&format!("player  paplay (found at {})\n", paplay.display())),
        "{out}"
    );
    let played = b.lines("played");
    assert_eq!(played.len(), Cue::ALL.len(), "{played:?}");
    for (line, cue) in played.iter().zip(Cue::ALL) {
        assert!(line.ends_with(&format!("/{}.wav", cue.name())), "{line}");
        assert!(
            line.starts_with(&b.path("cache").display().to_string()),
            "{line}"
        );
        assert!(
            out.contains(&format!(
                "  {:<13} {:<44} played",
                cue.name(),
                cue.describe()
            )),
            "{out}"
        );
    }
    let espeak = b.path("bin/espeak");
    assert!(
        out.contains(&format!("speech  espeak (found at {})\n", espeak.display())),
        "{out}"
    );
    assert_eq!(
        b.lines("said"),
        ["Plank, level 1, set 1 of 2. Hold 20 seconds."]
    );
    assert!(
        out.ends_with("  said \"Plank, level 1, set 1 of 2. Hold 20 seconds.\"\n"),
        "{out}"
    );
}

#[test]
fn upright_sound_says_why_there_is_no_player() {
    let b = Bench::new("");
    std::fs::create_dir_all(b.path("empty")).expect("mkdir");
    let o = b.run(&b.path("empty"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "player  none found on PATH (looked for pw-play, paplay, aplay, afplay); \
             install one or set player in [sound]"
        ),
        "{out}"
    );
    assert!(
        out.contains("sessions ring the terminal bell instead"),
        "{out}"
    );
    assert!(
        out.contains("speech  off: voice = false in [sound]"),
        "{out}"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err,
        "error: sound check failed: no audio player was found\n"
    );
    // Turned off on purpose: nothing to fail.
    std::fs::write(b.path("config/config.toml"), "[sound]\ntones = false\n").expect("config");
    let o = b.run(&b.path("empty"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.starts_with("player  none: tones = false in [sound]\n"),
        "{out}"
    );
}

#[test]
fn upright_sound_reports_a_failing_player_and_speech_command() {
    let b = Bench::new("");
    let player = b.program("player", "played", "exit 4");
    let speech = b.program("speech", "said", "exit 5");
    let config = format!(
        "[sound]\nplayer = \"'{}' --quiet\"\nvoice = true\nspeech = \"{}\"\n",
        player.display(),
        speech.display()
    );
    std::fs::write(b.path("config/config.toml"), config).expect("config");
    let o = b.run(&b.path("nothing"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.starts_with(&format!(
            "player  {} --quiet (player in [sound])\n",
            player.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "failed: {} exited with status 4",
            player.display()
        )),
        "{out}"
    );
    assert!(
        out.contains("sessions ring the terminal bell instead"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "  failed: {} exited with status 5",
            speech.display()
        )),
        "{out}"
    );
    assert!(b.lines("played").iter().all(|l| l.starts_with("--quiet ")));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("error: sound check failed: work-start: "),
        "{err}"
    );
}
