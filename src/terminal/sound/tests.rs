//! Choosing the programs, writing the sounds, starting and collecting players,
//! with stand-in scripts on a PATH of our own.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use super::*;

fn settings(tones: bool, voice: bool) -> SoundSettings {
    SoundSettings {
        bell: true,
        countdown: true,
        tones,
        player: Vec::new(),
        voice,
        speech: Vec::new(),
    }
}

/// Writes an executable shell script `name` into `dir`.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, format!("#!/bin/sh\n{body}\n")).expect("write script");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).expect("chmod");
    p
}

/// Waits (bounded) until every started program has been collected.
fn reap_all(audio: &mut Audio) -> Vec<(Output, String)> {
    let start = Instant::now();
    let mut failed = Vec::new();
    while audio.busy() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "a program never ended"
        );
        failed.extend(audio.reap());
        std::thread::sleep(Duration::from_millis(10));
    }
    failed
}

#[test]
fn the_first_known_program_on_path_is_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    script(&b, "paplay", "exit 0");
    script(&a, "aplay", "exit 0");
    // Not executable: passed over.
    fs::write(a.join("pw-play"), "").unwrap();
    let path = std::env::join_paths([&a, &b]).unwrap();
    let found = choose(true, &[], PLAYERS, Some(&path));
    assert_eq!(
        found,
        Choice::Found(vec!["paplay".into()], b.join("paplay"))
    );
    let only_aplay = std::env::join_paths([&a]).unwrap();
    assert_eq!(
        choose(true, &[], PLAYERS, Some(&only_aplay)).command(),
        Some(&["aplay".to_string(), "-q".to_string()][..])
    );
    assert_eq!(choose(true, &[], SPEECH, Some(&path)), Choice::Missing);
    assert_eq!(choose(true, &[], SPEECH, None), Choice::Missing);
    assert_eq!(choose(false, &[], PLAYERS, Some(&path)), Choice::Off);
    let mine = vec!["my-player".to_string(), "--loud".to_string()];
    assert_eq!(
        choose(true, &mine, PLAYERS, Some(&path)),
        Choice::Configured(mine.clone())
    );
    assert_eq!(names(PLAYERS), "pw-play, paplay, aplay, afplay");
}

#[test]
fn setup_writes_the_sounds_once_and_plays_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("played");
    let player = script(
        dir.path(),
        "player",
        &format!("echo \"$@\" >> '{}'", log.display()),
    );
    let mut s = settings(true, false);
    s.player = vec![player.display().to_string(), "--quiet".into()];
    let cache = dir.path().join("cache");
    let setup = setup(&s, &cache, None);
    assert!(setup.note.is_none(), "{:?}", setup.note);
    assert_eq!(setup.speech, Choice::Off);
    let sounds = setup.sounds.clone().expect("sounds written");
    assert!(sounds.starts_with(&cache));
    for &cue in Cue::ALL {
        let bytes = fs::read(cue_file(&sounds, cue)).expect("sound file");
        assert_eq!(bytes, tones::embedded(cue));
    }
    let mut audio = setup.audio;
    assert!(audio.tones() && !audio.voice());
    audio.play(Cue::WorkStart).expect("started");
    audio.play(Cue::Complete).expect("started");
    assert!(audio.say("not spoken").is_ok());
    assert!(reap_all(&mut audio).is_empty());
    let played = fs::read_to_string(&log).expect("log");
    let lines: Vec<&str> = played.lines().collect();
    assert_eq!(lines.len(), 2, "{played}");
    for (line, cue) in lines.iter().zip([Cue::WorkStart, Cue::Complete]) {
        let file = cue_file(&sounds, cue);
        assert!(
            lines.contains(&format!("--quiet {}", file.display()).as_str()),
            "{line}"
        );
    }
}

#[test]
fn a_failing_player_and_speech_command_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fail = script(dir.path(), "fail", "exit 3");
    let mut s = settings(true, true);
    s.player = vec![fail.display().to_string()];
    s.speech = vec![fail.display().to_string()];
    let mut audio = setup(&s, &dir.path().join("cache"), None).audio;
    audio.play(Cue::Countdown).expect("started");
    audio.say("Switch sides.").expect("started");
    let mut failed = reap_all(&mut audio);
    failed.sort_by_key(|(o, _)| *o == Output::Speech);
    let why = format!("{} exited with status 3", fail.display());
    assert_eq!(
        failed,
        vec![(Output::Player, why.clone()), (Output::Speech, why)]
    );
    // A program that does not exist fails at once.
    let mut s = settings(true, false);
    s.player = vec![dir.path().join("nothing-here").display().to_string()];
    let mut audio = setup(&s, &dir.path().join("cache"), None).audio;
    let err = audio.play(Cue::Countdown).unwrap_err();
    assert!(err.starts_with("could not start"), "{err}");
}

#[test]
fn players_that_hang_do_not_pile_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let slow = script(dir.path(), "slow", "exec sleep 30");
    let mut s = settings(true, false);
    s.player = vec![slow.display().to_string()];
    let mut audio = setup(&s, &dir.path().join("cache"), None).audio;
    let start = Instant::now();
    for _ in 0..MAX_RUNNING + 3 {
        audio.play(Cue::Countdown).expect("started");
    }
    let live = |a: &Audio| a.running.iter().filter(|r| !r.ended_by_us).count();
    assert_eq!(live(&audio), MAX_RUNNING);
    // The three oldest were ended to make room; collecting them is no failure.
    let deadline = Instant::now() + Duration::from_secs(10);
    while audio.running.len() > MAX_RUNNING {
        assert!(
            Instant::now() < deadline,
            "the ended players were never collected"
        );
        assert!(audio.reap().is_empty());
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(live(&audio), MAX_RUNNING);
    // Players that end some other way are failures, with why.
    for r in &mut audio.running {
        let _ = r.child.kill();
    }
    let failed = reap_all(&mut audio);
    assert_eq!(failed.len(), MAX_RUNNING);
    assert!(failed[0].1.ends_with("was ended by signal 9"), "{failed:?}");
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn notes_say_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = OsString::from(dir.path());
    let setup_voice = setup(&settings(true, true), &dir.path().join("c"), Some(&empty));
    assert_eq!(setup_voice.player, Choice::Missing);
    assert!(setup_voice.sounds.is_none(), "no player, no sounds written");
    let note = setup_voice.note.expect("a note");
    assert!(
        note.contains("no speech command was found (spd-say, espeak-ng, espeak, say)"),
        "{note}"
    );
    // A cache that cannot be written: no tones, and why.
    let file = dir.path().join("file");
    fs::write(&file, "x").unwrap();
    let mut s = settings(true, false);
    s.player = vec!["true".into()];
    let blocked = setup(&s, &file, None);
    assert!(!blocked.audio.tones());
    let note = blocked.note.expect("a note");
    assert!(
        note.starts_with("The cue sounds could not be written to"),
        "{note}"
    );
}

#[test]
fn run_to_end_waits_and_bounds_the_wait() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ok = script(dir.path(), "ok", "exit 0");
    let slow = script(dir.path(), "slow", "exec sleep 30");
    let cmd = |p: &Path| vec![p.display().to_string()];
    assert_eq!(
        run_to_end(&cmd(&ok), OsStr::new("x"), Duration::from_secs(5)),
        Ok(())
    );
    let err = run_to_end(&cmd(&slow), OsStr::new("x"), Duration::from_millis(200)).unwrap_err();
    assert!(err.ends_with("did not finish within 0.2 s"), "{err}");
    assert!(run_to_end(&[], OsStr::new("x"), Duration::from_secs(1)).is_err());
}
