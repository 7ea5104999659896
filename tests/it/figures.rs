//! The pose figures: the built-in ones agree with their words (the plank's
//! head in line with its back, the push-up low, the arm raised, the wall), a
//! level may have its own and its session shows it, and a figure that cannot
//! be drawn is refused with its place.

use upright::app::App;
use upright::app::keymap::Keymap;
use upright::model::limits::{FIGURE_MAX_LINES, FIGURE_MAX_WIDTH};
use upright::model::plan::PhaseKind;
use upright::store::{config, library};

use crate::fixtures::{later, monday_morning, screen};
use crate::library::{WALL_ANGEL, exercises_report};

fn builtin(id: &str, level: usize) -> String {
    let catalog = library::load_from(None, None).expect("the built-ins load");
    let e = catalog.exercise(id).expect("built in");
    e.figure_of(level).expect("a figure").to_string()
}

/// The row of the figure where the head is, and the last row (the floor).
fn head_and_floor(figure: &str) -> (usize, usize) {
    let lines: Vec<&str> = figure.lines().collect();
    let head = lines.iter().position(|l| l.contains('O')).expect("a head");
    (head, lines.len() - 1)
}

#[test]
fn every_builtin_figure_fits_the_limits() {
    let catalog = library::load_from(None, None).expect("the built-ins load");
    for e in catalog.exercises() {
        for n in 1..=e.levels.len() {
            let f = e
                .figure_of(n)
                .unwrap_or_else(|| panic!("{} has no figure", e.id));
            assert!(f.lines().count() <= FIGURE_MAX_LINES, "{}", e.id);
            assert!(
                f.lines().all(|l| l.chars().count() <= FIGURE_MAX_WIDTH),
                "{}",
                e.id
            );
        }
    }
}

#[test]
fn the_plank_keeps_the_head_in_line_with_the_back_at_every_level() {
    let figures: Vec<String> = (1..=4).map(|n| builtin("plank", n)).collect();
    for (n, f) in figures.iter().enumerate() {
        // The head sits on the line of the back, not above it.
        assert!(f.contains("O="), "level {}:\n{f}", n + 1);
        let (head, floor) = head_and_floor(f);
        assert!(floor > head, "level {}:\n{f}", n + 1);
    }
    // Each level that changes the pose draws it: knees (shins flat on the
    // floor), forearms on toes, straight arms, one arm raised.
    for (i, a) in figures.iter().enumerate() {
        for b in &figures[i + 1..] {
            assert_ne!(a, b);
        }
    }
    let (head, floor) = head_and_floor(&figures[1]);
    assert_eq!(
        floor - head,
        2,
        "forearms: the body low, on the elbows\n{}",
        figures[1]
    );
    let (head, floor) = head_and_floor(&figures[2]);
    assert_eq!(
        floor - head,
        3,
        "hands: the body higher, on straight arms\n{}",
        figures[2]
    );
    let lift = &figures[3];
    let (head, _) = head_and_floor(lift);
    assert!(head >= 2, "an arm raised above the back\n{lift}");
    assert!(lift.lines().take(head).all(|l| l.contains('|')), "{lift}");
}

#[test]
fn the_push_up_is_drawn_low_and_the_wall_push_up_at_a_wall() {
    for level in [2, 3] {
        let f = builtin("push-up", level);
        let (head, floor) = head_and_floor(&f);
        assert_eq!(floor - head, 2, "the chest near the floor\n{f}");
        // The elbows bend up above the back.
        assert!(
            f.lines().nth(head - 1).is_some_and(|l| l.contains("/\\")),
            "{f}"
        );
    }
    let wall = builtin("push-up", 1);
    assert!(
        wall.lines().filter(|l| l.contains("|#|")).count() >= 5,
        "{wall}"
    );
    assert_ne!(
        builtin("push-up", 2),
        builtin("push-up", 3),
        "knees and toes differ"
    );
}

/// A user exercise whose second level has a figure of its own.
const TWO_FIGURES: &str = r#"[[exercise]]
id = "reach"
name = "Reach"
kind = "mobility"
areas = ["shoulders"]
position = "standing"
summary = "Reach up."
instructions = ["Reach up."]
figure = '''
  \O/  both arms
'''

[[exercise.level]]
name = "Both arms"
hold = "10s"

[[exercise.level]]
name = "One arm"
hold = "10s"
figure = '''
   O/  one arm
'''

[[routine]]
id = "reach-2"
name = "Reach, level 2"
[[routine.step]]
exercise = "reach"
level = 2

[[routine]]
id = "reach-1"
name = "Reach, level 1"
[[routine.step]]
exercise = "reach"
level = 1
"#;

#[test]
fn a_level_with_its_own_figure_shows_it_in_its_session() {
    let (ex, rt) = TWO_FIGURES.split_at(TWO_FIGURES.find("[[routine]]").expect("routines"));
    let catalog = library::load_from(
        Some(("exercises.toml", ex.as_bytes())),
        Some(("routines.toml", rt.as_bytes())),
    )
    .expect("loads");
    for (routine, shown, hidden) in [
        ("reach-2", "O/  one arm", "both arms"),
        ("reach-1", "\\O/  both arms", "one arm"),
    ] {
        let t0 = monday_morning();
        let mut settings = config::defaults();
        settings.session.ask_pain = false;
        let mut app = App::new(catalog.clone(), settings, Keymap::default(), t0);
        assert!(app.start_session(routine));
        let mut ms = 0;
        while !app
            .running()
            .and_then(|r| r.session.current())
            .is_some_and(|p| matches!(p.kind, PhaseKind::Work(_)))
        {
            ms += 500;
            app.tick(later(t0, ms));
        }
        let s = screen(&app, 100, 30);
        assert!(s.contains(shown) && !s.contains(hidden), "{routine}\n{s}");
    }
}

#[test]
fn figures_that_cannot_be_drawn_are_located() {
    let wide = format!("figure = '''\n{}\n'''\n", "=".repeat(FIGURE_MAX_WIDTH + 1));
    let tall = format!("figure = '''\n{}'''\n", "|\n".repeat(FIGURE_MAX_LINES + 1));
    let text = WALL_ANGEL.replace("cues = [", &format!("{wide}cues = ["))
        + &format!(
            "\n[[exercise.level]]\nname = \"Tall\"\nhold = \"10s\"\n{tall}\n[[exercise.level]]\nname = \"Tab\"\nhold = \"10s\"\nfigure = \"a\\tb\"\n\n[[exercise.level]]\nname = \"Empty\"\nhold = \"10s\"\nfigure = '''\n\n'''\n"
        );
    insta::assert_snapshot!(exercises_report(&text));
}
