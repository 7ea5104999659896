use super::*;
use std::time::Duration;

#[test]
fn the_default_file_is_valid_and_sets_every_key() {
    let mut s = blank();
    let diags = apply(
        &mut s,
        &SourceText::new(DEFAULT_CONFIG_NAME, DEFAULT_CONFIG),
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(s.timer.lead_in, Duration::from_secs(10));
    assert_eq!(s.timer.rest, Duration::from_secs(20));
    assert!(s.sound.bell);
    assert_eq!(s.session.weekly_goal, 5);
    // Every documented key appears in the default file.
    for key in TIMER_KEYS
        .iter()
        .chain(SOUND_KEYS)
        .chain(SESSION_KEYS)
        .chain(UI_KEYS)
        .chain(REMIND_KEYS)
    {
        assert!(
            DEFAULT_CONFIG.contains(&format!("\n{key} = ")),
            "{key} is not in config.toml"
        );
    }
}

#[test]
fn user_values_win_and_missing_keys_keep_defaults() {
    let mut s = defaults();
    let src = SourceText::new(
        "c.toml",
        "[timer]\nrest = \"45s\"\n[ui]\ntheme = \"mono\"\n",
    );
    assert!(apply(&mut s, &src).is_empty());
    assert_eq!(s.timer.rest, Duration::from_secs(45));
    assert_eq!(s.timer.lead_in, Duration::from_secs(10));
    assert_eq!(s.ui.theme, ThemeName::Mono);
    assert!(s.sound.bell);
}

#[test]
fn every_section_merges_key_by_key() {
    let mut s = defaults();
    let text = "[timer]\nlead_in = 0\nauto_advance = false\n\
                [sound]\nbell = false\n\
                [session]\nweekly_goal = 3\n\
                [ui]\nfigures = false\n\
                [keys]\npause = [\"x\", \"space\"]\nnext = \"l\"\n";
    let diags = apply(&mut s, &SourceText::new("u.toml", text));
    assert!(diags.is_empty(), "{diags:?}");
    let d = defaults();
    // What the user wrote wins...
    assert_eq!(s.timer.lead_in, Duration::ZERO);
    assert!(!s.timer.auto_advance);
    assert!(!s.sound.bell);
    assert_eq!(s.session.weekly_goal, 3);
    assert!(!s.ui.figures);
    // ...and each key left out keeps its default, in the same sections too.
    assert_eq!(s.timer.switch_gap, d.timer.switch_gap);
    assert_eq!(s.timer.rest, d.timer.rest);
    assert_eq!(s.sound.countdown, d.sound.countdown);
    assert_eq!(s.sound.tones, d.sound.tones);
    assert_eq!(s.sound.player, d.sound.player);
    assert_eq!(s.session.ask_pain, d.session.ask_pain);
    assert_eq!(s.session.resume, d.session.resume);
    assert_eq!(s.ui.theme, d.ui.theme);
    // Bindings keep where each key was written.
    assert_eq!(s.keys.len(), 2);
    assert_eq!(s.keys[0].action, "pause");
    assert_eq!(s.keys[0].keys, ["x", "space"]);
    assert_eq!(s.keys[0].origin, "u.toml:11:1");
    assert_eq!(s.keys[0].key_origins, ["u.toml:11:10", "u.toml:11:15"]);
    assert_eq!(s.keys[1].keys, ["l"]);
    assert_eq!(s.keys[1].key_origins, ["u.toml:12:8"]);
}

#[test]
fn sound_keys_read_command_lines() {
    let mut s = defaults();
    assert!(s.sound.tones && !s.sound.voice);
    assert!(s.sound.player.is_empty() && s.sound.speech.is_empty());
    let text = "[sound]\ntones = false\nvoice = true\n\
                player = \"paplay --volume 40000\"\n\
                speech = \"'/opt/my speech/say' -r 150\"\n";
    assert!(apply(&mut s, &SourceText::new("u.toml", text)).is_empty());
    assert!(!s.sound.tones && s.sound.voice);
    assert_eq!(s.sound.player, ["paplay", "--volume", "40000"]);
    assert_eq!(s.sound.speech, ["/opt/my speech/say", "-r", "150"]);
}

#[test]
fn bad_sound_values_are_located() {
    let mut s = defaults();
    let text = "[sound]\ntones = \"yes\"\nplayer = \"paplay 'x\"\nspeech = 3\n";
    let diags = apply(&mut s, &SourceText::new("u.toml", text));
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(diags.len(), 3, "{shown:?}");
    assert!(
        shown[0].starts_with("u.toml:2:9: \"tones\" is a string"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("u.toml:3:10: \"player\" has a ' that is never closed"),
        "{shown:?}"
    );
    assert!(
        shown[1].contains("the sound file's path is added at the end"),
        "{shown:?}"
    );
    assert!(
        shown[2].starts_with("u.toml:4:10: \"speech\" is an integer"),
        "{shown:?}"
    );
}

#[test]
fn an_empty_user_file_changes_nothing() {
    let mut s = defaults();
    assert!(apply(&mut s, &SourceText::new("u.toml", "# nothing\n")).is_empty());
    assert_eq!(s, defaults());
    assert!(s.keys.is_empty(), "the default file rebinds nothing");
}

#[test]
fn load_reads_only_the_named_file_and_a_missing_default_is_fine() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("config.toml");
    assert_eq!(load(&missing, false), Ok(defaults()));
    let err = load(&missing, true).unwrap_err();
    assert_eq!(err.len(), 1);
    assert!(err[0].message.contains("cannot read"), "{err:?}");
    let named = dir.path().join("mine.toml");
    std::fs::write(&named, "[ui]\ntheme = \"high-contrast\"\n").expect("write");
    let s = load(&named, true).expect("valid");
    assert_eq!(s.ui.theme, ThemeName::HighContrast);
    assert_eq!(s.timer, defaults().timer);
}

#[test]
fn load_report_keeps_the_bindings_when_other_keys_are_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[ui]\ntheme = \"dark\"\n[keys]\npause = \"x\"\n").expect("write");
    let (s, diags) = load_report(&path, false);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(s.keys.len(), 1, "the keymap can still check [keys]");
    assert!(load(&path, false).is_err());
}
