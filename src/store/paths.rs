//! Where upright's files live: flags, then environment variables, then the platform's
//! directories (XDG on Linux).

use std::path::{Path, PathBuf};

/// The directories and files the app reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    /// Files upright can make again (the cue sounds): `$UPRIGHT_CACHE_DIR`,
    /// else the platform cache dir (`$XDG_CACHE_HOME/upright`).
    pub cache_dir: PathBuf,
    /// The configuration file (`--config FILE`, else `config.toml` in the config dir).
    pub config_file: PathBuf,
    /// Whether the user named the config file explicitly (then it must exist).
    pub config_explicit: bool,
}

/// Where a path came from, for `upright config path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Platform,
}

impl Source {
    pub fn describe(self, flag: &str, env: &str) -> String {
        match self {
            Source::Flag => format!("from {flag}"),
            Source::Env => format!("from ${env}"),
            Source::Platform => "platform default".to_string(),
        }
    }
}

pub const CONFIG_ENV: &str = "UPRIGHT_CONFIG_DIR";
pub const DATA_ENV: &str = "UPRIGHT_DATA_DIR";
pub const CACHE_ENV: &str = "UPRIGHT_CACHE_DIR";

fn pick(
    flag: Option<&Path>,
    env: Option<std::ffi::OsString>,
    platform: impl FnOnce() -> PathBuf,
) -> (PathBuf, Source) {
    if let Some(p) = flag {
        return (p.to_path_buf(), Source::Flag);
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return (PathBuf::from(e), Source::Env);
    }
    (platform(), Source::Platform)
}

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "upright")
}

/// Resolves the paths from the command-line flags and the given environment lookup.
pub fn resolve(
    config_dir: Option<&Path>,
    data_dir: Option<&Path>,
    config_file: Option<&Path>,
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> (Paths, Source, Source) {
    let (config_dir, config_src) = pick(config_dir, env(CONFIG_ENV), || {
        project().map_or_else(
            || PathBuf::from(".upright"),
            |p| p.config_dir().to_path_buf(),
        )
    });
    let (data_dir, data_src) = pick(data_dir, env(DATA_ENV), || {
        project().map_or_else(|| PathBuf::from(".upright"), |p| p.data_dir().to_path_buf())
    });
    let (cache_dir, _) = pick(None, env(CACHE_ENV), || {
        project().map_or_else(
            || PathBuf::from(".upright/cache"),
            |p| p.cache_dir().to_path_buf(),
        )
    });
    let paths = Paths {
        config_file: config_file.map_or_else(|| config_dir.join("config.toml"), Path::to_path_buf),
        config_explicit: config_file.is_some(),
        config_dir,
        data_dir,
        cache_dir,
    };
    (paths, config_src, data_src)
}

impl Paths {
    pub fn exercises_file(&self) -> PathBuf {
        self.config_dir.join("exercises.toml")
    }
    pub fn routines_file(&self) -> PathBuf {
        self.config_dir.join("routines.toml")
    }
    /// The log this machine appends to: `sessions.HOST.jsonl`.
    pub fn log_file(&self, host: &str) -> PathBuf {
        self.data_dir.join(super::log::set::own_name(host))
    }
    /// The log written before there were hosts: read, never written again.
    pub fn legacy_log_file(&self) -> PathBuf {
        self.data_dir.join(super::log::set::LEGACY_NAME)
    }
    /// Every session log there is to read (each machine's, the legacy one, the
    /// conflict copies of sync tools), in a fixed order (what the status cache is
    /// keyed on).
    pub fn log_files(&self) -> Vec<PathBuf> {
        super::log::set::list(&self.data_dir)
    }
    /// What `upright status` keeps of the log and the library between calls.
    pub fn status_cache(&self) -> PathBuf {
        self.data_dir.join(super::status_cache::FILE_NAME)
    }
    /// Marks that the first-run safety notice was shown.
    pub fn notice_marker(&self) -> PathBuf {
        self.data_dir.join("notice-seen")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_environment_beats_platform() {
        let env = |k: &str| (k == CONFIG_ENV).then(|| "/env/cfg".into());
        let (p, cs, ds) = resolve(None, Some(Path::new("/flag/data")), None, &env);
        assert_eq!(p.config_dir, PathBuf::from("/env/cfg"));
        assert_eq!(cs, Source::Env);
        assert_eq!(p.data_dir, PathBuf::from("/flag/data"));
        assert_eq!(ds, Source::Flag);
        assert_eq!(p.config_file, PathBuf::from("/env/cfg/config.toml"));
        let (p, cs, _) = resolve(Some(Path::new("/flag/cfg")), None, None, &env);
        assert_eq!(p.config_dir, PathBuf::from("/flag/cfg"));
        assert_eq!(cs, Source::Flag);
        let none = |_: &str| None;
        let (p, cs, _) = resolve(None, None, Some(Path::new("/x/my.toml")), &none);
        assert_eq!(cs, Source::Platform);
        assert!(p.config_explicit);
        assert_eq!(p.config_file, PathBuf::from("/x/my.toml"));
        assert!(p.config_dir.ends_with("upright"));
        assert!(p.cache_dir.ends_with("upright"));
        let env = |k: &str| (k == CACHE_ENV).then(|| "/env/cache".into());
        let (p, _, _) = resolve(None, None, None, &env);
        assert_eq!(p.cache_dir, PathBuf::from("/env/cache"));
    }
}
