//! Colours and emphasis. Every state is also told in words or reverse video, so the
//! mono theme (and NO_COLOR) loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::model::settings::ThemeName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub base: Style,
    pub title: Style,
    pub dim: Style,
    pub accent: Style,
    pub selected: Style,
    pub work: Style,
    pub rest: Style,
    pub paused: Style,
    pub hurt: Style,
    pub good: Style,
    pub key: Style,
    pub gauge: Style,
    pub border: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        let plain = Style::default();
        match name {
            ThemeName::Default => Theme {
                name,
                base: plain,
                title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
                dim: plain.fg(Color::DarkGray),
                accent: plain.fg(Color::Cyan),
                selected: plain
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                work: plain.fg(Color::Green).add_modifier(Modifier::BOLD),
                rest: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
                paused: plain
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                hurt: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
                good: plain.fg(Color::Green),
                key: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                gauge: plain.fg(Color::Cyan).bg(Color::DarkGray),
                border: plain.fg(Color::DarkGray),
            },
            ThemeName::HighContrast => Theme {
                name,
                base: plain.fg(Color::White),
                title: plain
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                dim: plain.fg(Color::Gray),
                accent: plain.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
                selected: plain
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
                work: plain.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
                rest: plain.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
                paused: plain
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(Modifier::BOLD),
                hurt: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
                good: plain.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
                key: plain.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
                gauge: plain.fg(Color::White).bg(Color::Black),
                border: plain.fg(Color::White),
            },
            ThemeName::Mono => Theme {
                name,
                base: plain,
                title: plain.add_modifier(Modifier::BOLD),
                dim: plain,
                accent: plain.add_modifier(Modifier::BOLD),
                selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                work: plain.add_modifier(Modifier::BOLD),
                rest: plain.add_modifier(Modifier::BOLD),
                paused: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                hurt: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                good: plain,
                key: plain.add_modifier(Modifier::BOLD),
                gauge: plain,
                border: plain,
            },
        }
    }

    /// The theme to use: `NO_COLOR` (set and non-empty) forces mono.
    pub fn choose(name: ThemeName, no_color: bool) -> Theme {
        Theme::new(if no_color { ThemeName::Mono } else { name })
    }
}
