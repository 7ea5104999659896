//! Which machine this is: the host id that names its own session log. From
//! `UPRIGHT_HOST` in the environment, else `[data] host` in config.toml, else the
//! machine's host name cleaned to `[a-z0-9-]`.

use crate::model::diagnostic::Diagnostic;
use crate::model::host;
use crate::model::settings::DataSettings;

/// The environment variable that sets the host id (it wins over the config).
pub const HOST_ENV: &str = "UPRIGHT_HOST";

/// Where the host id came from, for `upright config path`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostSource {
    Env,
    Config,
    HostName,
    /// No host name could be read: [`host::FALLBACK`].
    Fallback,
}

impl HostSource {
    pub fn describe(self) -> &'static str {
        match self {
            HostSource::Env => "from $UPRIGHT_HOST",
            HostSource::Config => "from [data] host in config.toml",
            HostSource::HostName => "from the host name",
            HostSource::Fallback => "no host name found",
        }
    }
}

/// This machine's host id. A bad `UPRIGHT_HOST` is an error naming the variable
/// (a bad `[data] host` was reported where the config was read).
pub fn resolve(
    data: &DataSettings,
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    hostname: &dyn Fn() -> Option<String>,
) -> Result<(String, HostSource), Diagnostic> {
    if let Some(value) = env(HOST_ENV).filter(|v| !v.is_empty()) {
        let value = value.to_string_lossy().into_owned();
        return match host::problem(&value) {
            None => Ok((value, HostSource::Env)),
            Some(problem) => {
                Err(Diagnostic::whole_file(&format!("${HOST_ENV}"), problem)
                    .expected(host::EXPECTED))
            }
        };
    }
    if let Some(id) = &data.host {
        return Ok((id.clone(), HostSource::Config));
    }
    match hostname().as_deref().and_then(host::from_hostname) {
        Some(id) => Ok((id, HostSource::HostName)),
        None => Ok((host::FALLBACK.to_string(), HostSource::Fallback)),
    }
}

/// [`resolve`] with the process's environment and the system's host name.
pub fn this_machine(data: &DataSettings) -> Result<(String, HostSource), Diagnostic> {
    resolve(data, &|k| std::env::var_os(k), &system_hostname)
}

/// The machine's host name: the kernel's (Linux), /etc/hostname, `$HOSTNAME`
/// or `$COMPUTERNAME`, else what the `hostname` program prints.
pub fn system_hostname() -> Option<String> {
    let nonempty = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    let files = ["/proc/sys/kernel/hostname", "/etc/hostname"];
    files
        .iter()
        .find_map(|f| std::fs::read_to_string(f).ok().and_then(nonempty))
        .or_else(|| {
            ["HOSTNAME", "COMPUTERNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().and_then(nonempty))
        })
        .or_else(|| {
            let out = std::process::Command::new("hostname")
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            nonempty(String::from_utf8_lossy(&out.stdout).into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(host: Option<&str>) -> DataSettings {
        DataSettings {
            host: host.map(str::to_string),
        }
    }

    #[test]
    fn the_environment_wins_then_the_config_then_the_host_name() {
        let env = |k: &str| (k == HOST_ENV).then(|| "from-env".into());
        let none = |_: &str| None;
        let name = || Some("Work-Laptop.corp.example".to_string());
        let no_name = || None;
        assert_eq!(
            resolve(&data(Some("cfg")), &env, &name),
            Ok(("from-env".into(), HostSource::Env))
        );
        assert_eq!(
            resolve(&data(Some("cfg")), &none, &name),
            Ok(("cfg".into(), HostSource::Config))
        );
        assert_eq!(
            resolve(&data(None), &none, &name),
            Ok(("work-laptop".into(), HostSource::HostName))
        );
        assert_eq!(
            resolve(&data(None), &none, &no_name),
            Ok(("local".into(), HostSource::Fallback))
        );
        let empty = |k: &str| (k == HOST_ENV).then(|| "".into());
        assert_eq!(
            resolve(&data(None), &empty, &name).map(|h| h.1),
            Ok(HostSource::HostName)
        );
    }

    #[test]
    fn a_bad_host_in_the_environment_names_the_variable() {
        let env = |k: &str| (k == HOST_ENV).then(|| "My Laptop".into());
        let d = resolve(&data(None), &env, &|| None).unwrap_err();
        assert_eq!(d.path, "$UPRIGHT_HOST");
        assert!(d.message.contains("'M'"), "{}", d.message);
        assert!(d.to_string().contains("a host id of 1 to 63"), "{d}");
    }
}
