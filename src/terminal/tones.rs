//! The cue sounds: synthesized here as 16-bit mono PCM WAV files, one per
//! [`Cue`]. The files in `assets/sounds/` are this module's output
//! (`cargo run --example sounds` writes them again) and are embedded in the
//! binary; a test checks that they still match what the code makes.

use crate::model::cues::Cue;

/// Samples per second of every sound.
pub const RATE: u32 = 22_050;

/// The embedded sound of each cue.
pub fn embedded(cue: Cue) -> &'static [u8] {
    match cue {
        Cue::WorkStart => include_bytes!("../../assets/sounds/work-start.wav"),
        Cue::RestStart => include_bytes!("../../assets/sounds/rest-start.wav"),
        Cue::SwitchSides => include_bytes!("../../assets/sounds/switch-sides.wav"),
        Cue::Countdown => include_bytes!("../../assets/sounds/countdown.wav"),
        Cue::TempoLow => include_bytes!("../../assets/sounds/tempo-low.wav"),
        Cue::TempoTick => include_bytes!("../../assets/sounds/tempo-tick.wav"),
        Cue::TempoHigh => include_bytes!("../../assets/sounds/tempo-high.wav"),
        Cue::NewBest => include_bytes!("../../assets/sounds/new-best.wav"),
        Cue::Complete => include_bytes!("../../assets/sounds/complete.wav"),
    }
}

/// One struck note: when it starts and how long it sounds (seconds), its
/// pitch (Hz), loudness, how fast it fades (seconds for the level to fall to
/// about a third) and its overtones as (multiple of the pitch, loudness).
#[derive(Debug, Clone, Copy)]
struct Note {
    start: f64,
    length: f64,
    pitch: f64,
    level: f64,
    fade: f64,
    overtones: &'static [(f64, f64)],
}

/// A pure tone: soft, for rests.
const PURE: &[(f64, f64)] = &[];
/// A little brighter, so it carries over a fan or small speakers.
const BRIGHT: &[(f64, f64)] = &[(2.0, 0.35), (3.0, 0.12)];
/// Bell-like partials for the end chime.
const BELL: &[(f64, f64)] = &[(2.0, 0.5), (3.01, 0.25), (4.2, 0.12)];

const fn note(start: f64, length: f64, pitch: f64, fade: f64) -> Note {
    Note {
        start,
        length,
        pitch,
        level: 1.0,
        fade,
        overtones: BRIGHT,
    }
}

const C4: f64 = 261.63;
const G4: f64 = 392.00;
const C5: f64 = 523.25;
const E5: f64 = 659.26;
const G5: f64 = 783.99;
const A5: f64 = 880.00;
const C6: f64 = 1046.50;

/// The notes of each cue.
fn score(cue: Cue) -> Vec<Note> {
    match cue {
        // Rising: go.
        Cue::WorkStart => vec![note(0.0, 0.10, C5, 0.2), note(0.10, 0.22, G5, 0.15)],
        // Falling and soft: ease off.
        Cue::RestStart => vec![
            Note {
                overtones: PURE,
                ..note(0.0, 0.14, G4, 0.3)
            },
            Note {
                overtones: PURE,
                ..note(0.14, 0.30, C4, 0.2)
            },
        ],
        // Two quick beeps on one pitch.
        Cue::SwitchSides => vec![note(0.0, 0.08, A5, 0.1), note(0.14, 0.08, A5, 0.1)],
        // A short pip.
        Cue::Countdown => vec![Note {
            level: 0.8,
            ..note(0.0, 0.07, 1000.0, 0.05)
        }],
        Cue::TempoLow => vec![note(0.0, 0.18, 220.0, 0.2)],
        // A dry tick, like a wood block.
        Cue::TempoTick => vec![Note {
            overtones: &[(2.7, 0.3)],
            ..note(0.0, 0.03, 1800.0, 0.008)
        }],
        Cue::TempoHigh => vec![note(0.0, 0.18, 660.0, 0.2)],
        // Up an arpeggio.
        Cue::NewBest => vec![
            note(0.0, 0.08, C5, 0.2),
            note(0.08, 0.08, E5, 0.2),
            note(0.16, 0.08, G5, 0.2),
            note(0.24, 0.30, C6, 0.2),
        ],
        // A chord struck note by note, ringing out like a bell.
        Cue::Complete => [C5, E5, G5, C6]
            .iter()
            .enumerate()
            .map(|(i, &pitch)| Note {
                level: 0.7,
                overtones: BELL,
                ..note(i as f64 * 0.12, 1.4 - i as f64 * 0.12, pitch, 0.45)
            })
            .collect(),
    }
}

/// The samples of a cue, from -1 to 1.
fn render(notes: &[Note]) -> Vec<f64> {
    let end = notes
        .iter()
        .map(|n| n.start + n.length)
        .fold(0.0_f64, f64::max);
    let rate = f64::from(RATE);
    let mut out = vec![0.0; (end * rate).ceil() as usize];
    for n in notes {
        let first = (n.start * rate).round() as usize;
        let count = (n.length * rate).round() as usize;
        for i in 0..count {
            let Some(slot) = out.get_mut(first + i) else {
                break;
            };
            let t = i as f64 / rate;
            // A 5 ms attack and a 10 ms release keep the edges from clicking.
            let attack = (t / 0.005).min(1.0);
            let release = ((n.length - t) / 0.010).clamp(0.0, 1.0);
            let envelope = attack * release * (-t / n.fade).exp();
            let phase = std::f64::consts::TAU * n.pitch * t;
            let mut wave = phase.sin();
            for &(multiple, level) in n.overtones {
                wave += level * (phase * multiple).sin();
            }
            *slot += n.level * envelope * wave;
        }
    }
    // Loud but never clipped: the peak at 70 % of full scale.
    let peak = out.iter().fold(0.0_f64, |m, s| m.max(s.abs()));
    if peak > 0.0 {
        for s in &mut out {
            *s *= 0.7 / peak;
        }
    }
    out
}

/// The cue's sound as 16-bit samples.
pub fn samples(cue: Cue) -> Vec<i16> {
    render(&score(cue))
        .iter()
        .map(|s| (s * f64::from(i16::MAX)).round() as i16)
        .collect()
}

/// The cue's sound as a WAV file: RIFF header, format chunk, data chunk.
pub fn wav(cue: Cue) -> Vec<u8> {
    let data: Vec<u8> = samples(cue).iter().flat_map(|s| s.to_le_bytes()).collect();
    let data_len = data.len() as u32;
    let mut out = Vec::with_capacity(44 + data.len());
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVE");
    out.extend_from_slice(b"fmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes()); // bytes per second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes per frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// The samples of a WAV file this module wrote, or `None` if it is not one.
pub fn read_samples(wav: &[u8]) -> Option<Vec<i16>> {
    if wav.len() < 44 || &wav[..4] != b"RIFF" || &wav[8..16] != b"WAVEfmt " {
        return None;
    }
    if &wav[36..40] != b"data" {
        return None;
    }
    let len = u32::from_le_bytes(wav[40..44].try_into().ok()?) as usize;
    let data = wav.get(44..44 + len)?;
    Some(
        data.chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect(),
    )
}

/// How long a cue's sound lasts.
pub fn length(cue: Cue) -> std::time::Duration {
    let samples = embedded(cue).len().saturating_sub(44) / 2;
    std::time::Duration::from_secs_f64(samples as f64 / f64::from(RATE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_sounds_are_what_the_code_makes() {
        for &cue in Cue::ALL {
            let made = samples(cue);
            let stored = read_samples(embedded(cue)).expect("a WAV file");
            assert_eq!(
                made.len(),
                stored.len(),
                "{}: run `cargo run --example sounds`",
                cue.name()
            );
            // Within one step of rounding, whatever the platform's sine.
            let off = made
                .iter()
                .zip(&stored)
                .filter(|(a, b)| (i32::from(**a) - i32::from(**b)).abs() > 1)
                .count();
            assert_eq!(off, 0, "{}: run `cargo run --example sounds`", cue.name());
        }
    }

    #[test]
    fn every_sound_is_short_loud_enough_and_unclipped() {
        for &cue in Cue::ALL {
            let s = samples(cue);
            let secs = s.len() as f64 / f64::from(RATE);
            assert!(secs > 0.02 && secs <= 1.5, "{}: {secs} s", cue.name());
            let peak = s.iter().map(|x| i32::from(*x).abs()).max().unwrap_or(0);
            assert!(
                (20_000..32_000).contains(&peak),
                "{}: peak {peak}",
                cue.name()
            );
            // Silent at both ends: no click.
            assert!(
                i32::from(s[0]).abs() < 500,
                "{} starts with a click",
                cue.name()
            );
            let last = *s.last().unwrap_or(&0);
            assert!(
                i32::from(last).abs() < 500,
                "{} ends with a click",
                cue.name()
            );
        }
    }

    #[test]
    fn the_sounds_differ_from_each_other() {
        let all: Vec<Vec<i16>> = Cue::ALL.iter().map(|c| samples(*c)).collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn a_wav_header_describes_its_data() {
        let w = wav(Cue::Countdown);
        assert_eq!(&w[..4], b"RIFF");
        assert_eq!(
            u32::from_le_bytes(w[4..8].try_into().unwrap()) as usize,
            w.len() - 8
        );
        assert_eq!(u32::from_le_bytes(w[24..28].try_into().unwrap()), RATE);
        assert_eq!(read_samples(&w), Some(samples(Cue::Countdown)));
        assert_eq!(
            read_samples(b"not a wav file at all, but long enough to check"),
            None
        );
        assert!(length(Cue::Complete) > length(Cue::Countdown));
    }
}
