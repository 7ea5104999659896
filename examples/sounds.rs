//! Writes the cue sounds, synthesized by `upright::terminal::tones`, into
//! `assets/sounds/` (where the build embeds them from):
//!
//! ```sh
//! cargo run --example sounds
//! ```
//!
//! Run it after changing the sounds in `src/terminal/tones.rs`; a unit test
//! there fails while the files and the code disagree. (The build embeds the
//! files, so they must exist to run this: a new cue needs an empty file first.)

use std::path::Path;

use upright::model::cues::Cue;
use upright::terminal::tones;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sounds");
    std::fs::create_dir_all(&dir)?;
    for &cue in Cue::ALL {
        let path = dir.join(format!("{}.wav", cue.name()));
        let bytes = tones::wav(cue);
        std::fs::write(&path, &bytes)?;
        println!(
            "{:<13} {:>6} bytes  {:.2} s  {}",
            cue.name(),
            bytes.len(),
            tones::samples(cue).len() as f64 / f64::from(tones::RATE),
            path.display()
        );
    }
    Ok(())
}
