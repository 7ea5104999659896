//! Exercises and their levels: what a movement is and how much of it to do.

use std::time::Duration;

/// What a movement mainly trains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Strength,
    Stretch,
    Mobility,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Strength, Kind::Stretch, Kind::Mobility];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Strength => "strength",
            Kind::Stretch => "stretch",
            Kind::Mobility => "mobility",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where the user does the movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    Floor,
    Chair,
    Mat,
    Standing,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Floor,
        Position::Chair,
        Position::Mat,
        Position::Standing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Floor => "floor",
            Position::Chair => "chair",
            Position::Mat => "mat",
            Position::Standing => "standing",
        }
    }

    pub fn parse(s: &str) -> Option<Position> {
        Position::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One named phase of a rep, e.g. "Lower" for 2 s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TempoPhase {
    pub cue: String,
    pub duration: Duration,
}

/// How much of a movement one set asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dose {
    /// Hold a position for a fixed time, counted down.
    Hold(Duration),
    /// A number of repetitions. With a tempo, the app paces every rep; without
    /// one, the user works at their own pace and says when they are done.
    Reps { count: u32, tempo: Vec<TempoPhase> },
    /// Hold for as long as you can: the clock counts up until the user stops it.
    /// The target, if any, is shown as something to aim for.
    OpenHold { target: Option<Duration> },
}

impl Dose {
    /// The time one set (one side) is planned to take, if it is known in advance.
    pub fn planned_time(&self) -> Option<Duration> {
        match self {
            Dose::Hold(d) => Some(*d),
            Dose::Reps { count, tempo } if !tempo.is_empty() => Some(tempo_length(tempo) * *count),
            Dose::Reps { .. } => None,
            Dose::OpenHold { target } => *target,
        }
    }

    /// A time to assume for estimates when the dose does not fix one.
    pub fn estimated_time(&self) -> Duration {
        match self {
            Dose::Reps { count, tempo } if tempo.is_empty() => Duration::from_secs(3) * *count,
            Dose::OpenHold { target: None } => Duration::from_secs(30),
            other => other.planned_time().unwrap_or_default(),
        }
    }

    /// A short human description: "hold 0:30", "10 reps (2s-1s-1s)", "hold as long as you can".
    pub fn describe(&self) -> String {
        match self {
            Dose::Hold(d) => format!("hold {}", crate::model::duration::format_clock(*d)),
            Dose::Reps { count, tempo } if tempo.is_empty() => format!("{count} reps"),
            Dose::Reps { count, tempo } => {
                let pace: Vec<String> = tempo
                    .iter()
                    .map(|p| crate::model::duration::format_short(p.duration))
                    .collect();
                format!("{count} reps ({})", pace.join("-"))
            }
            Dose::OpenHold { target: Some(t) } => {
                format!(
                    "hold as long as you can, aim {}",
                    crate::model::duration::format_clock(*t)
                )
            }
            Dose::OpenHold { target: None } => "hold as long as you can".to_string(),
        }
    }
}

/// The length of one rep at this tempo.
pub fn tempo_length(tempo: &[TempoPhase]) -> Duration {
    tempo.iter().map(|p| p.duration).sum()
}

/// A progression of a movement: an easier or harder way of doing it, with its dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub name: String,
    /// How this level is done differently from the base instructions.
    pub how: String,
    pub dose: Dose,
    /// Done on the left, then the right, with a switch-sides gap between.
    pub per_side: bool,
    pub sets: u32,
    /// Rest between sets; `None` means the configured default.
    pub rest: Option<Duration>,
    /// A drawing of this level's pose, where it differs from the exercise's.
    pub figure: Option<String>,
    /// For a level held for a time: the goal when a routine holds it as long as
    /// you can (`open = true`); without one, its hold.
    pub target: Option<Duration>,
}

impl Level {
    /// The goal of an open hold at this level: an open level's target, or a timed
    /// level's target (else its hold). `None` for reps, or an open level with no
    /// target.
    pub fn open_target(&self) -> Option<Duration> {
        match &self.dose {
            Dose::OpenHold { target } => *target,
            Dose::Hold(d) => Some(self.target.unwrap_or(*d)),
            Dose::Reps { .. } => None,
        }
    }

    /// What one round of this level asks for, e.g. "hold 0:30 each side, 2 sets",
    /// "10 reps (2s-1s-1s), 2 sets, rest 0:45".
    pub fn describe(&self) -> String {
        let mut out = self.dose.describe();
        if self.per_side {
            out.push_str(" each side");
        }
        if self.sets > 1 {
            out.push_str(&format!(", {} sets", self.sets));
            if let Some(rest) = self.rest {
                out.push_str(&format!(
                    ", rest {}",
                    crate::model::duration::format_clock(rest)
                ));
            }
        }
        if let (Dose::Hold(_), Some(target)) = (&self.dose, self.target) {
            out.push_str(&format!(
                "; held as long as you can, aim {}",
                crate::model::duration::format_clock(target)
            ));
        }
        out
    }
}

/// A movement of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub areas: Vec<String>,
    pub position: Position,
    pub summary: String,
    pub instructions: Vec<String>,
    pub cues: Vec<String>,
    pub caution: String,
    /// A small ASCII drawing of the pose, shown where the terminal has room.
    pub figure: Option<String>,
    /// From easiest (level 1) to hardest. Never empty in a validated catalog.
    pub levels: Vec<Level>,
}

impl Exercise {
    /// The level with a 1-based number, if it exists.
    pub fn level(&self, number: usize) -> Option<&Level> {
        number.checked_sub(1).and_then(|i| self.levels.get(i))
    }

    /// The drawing of a level (1-based): its own, else the exercise's.
    pub fn figure_of(&self, number: usize) -> Option<&str> {
        self.level(number)
            .and_then(|l| l.figure.as_deref())
            .or(self.figure.as_deref())
    }
}

/// How long each cue shows during work before the next one takes its place.
pub const CUE_PERIOD: Duration = Duration::from_secs(5);

/// The cue to show `elapsed` into a work phase: the cues take turns, each for
/// [`CUE_PERIOD`], from the first.
pub fn cue_at(cues: &[String], elapsed: Duration) -> Option<&str> {
    if cues.is_empty() {
        return None;
    }
    let turn = elapsed.as_nanos() / CUE_PERIOD.as_nanos();
    let i = (turn % cues.len() as u128) as usize;
    cues.get(i).map(String::as_str)
}

/// How long after `elapsed` the next cue takes over; `None` with fewer than two
/// cues (nothing changes).
pub fn until_next_cue(count: usize, elapsed: Duration) -> Option<Duration> {
    if count < 2 {
        return None;
    }
    let into = elapsed.as_nanos() % CUE_PERIOD.as_nanos();
    Some(CUE_PERIOD - Duration::from_nanos(into as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(dose: Dose, per_side: bool, sets: u32, rest: Option<u64>) -> Level {
        Level {
            name: "L".into(),
            how: String::new(),
            dose,
            per_side,
            sets,
            rest: rest.map(Duration::from_secs),
            figure: None,
            target: None,
        }
    }

    #[test]
    fn cues_take_turns_every_few_seconds() {
        let cues: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let at = |ms: u64| cue_at(&cues, Duration::from_millis(ms));
        assert_eq!(
            [at(0), at(4_999), at(5_000), at(10_000), at(15_000)],
            [Some("a"), Some("a"), Some("b"), Some("c"), Some("a")]
        );
        assert_eq!(cue_at(&[], Duration::ZERO), None);
        let next = |ms: u64| until_next_cue(3, Duration::from_millis(ms));
        assert_eq!(next(0), Some(CUE_PERIOD));
        assert_eq!(next(4_000), Some(Duration::from_secs(1)));
        assert_eq!(next(5_000), Some(CUE_PERIOD));
        assert_eq!(until_next_cue(1, Duration::from_secs(3)), None);
    }

    #[test]
    fn levels_describe_sides_sets_and_rest() {
        let hold = Dose::Hold(Duration::from_secs(30));
        assert_eq!(level(hold.clone(), false, 1, None).describe(), "hold 0:30");
        assert_eq!(
            level(hold.clone(), true, 1, Some(15)).describe(),
            "hold 0:30 each side"
        );
        assert_eq!(
            level(hold, true, 2, Some(15)).describe(),
            "hold 0:30 each side, 2 sets, rest 0:15"
        );
        let reps = Dose::Reps {
            count: 8,
            tempo: vec![
                TempoPhase {
                    cue: "Lower".into(),
                    duration: Duration::from_secs(2),
                },
                TempoPhase {
                    cue: "Press".into(),
                    duration: Duration::from_secs(1),
                },
            ],
        };
        assert_eq!(
            level(reps, false, 3, None).describe(),
            "8 reps (2s-1s), 3 sets"
        );
        let open = Dose::OpenHold { target: None };
        assert_eq!(
            level(open, false, 1, None).describe(),
            "hold as long as you can"
        );
    }
}
