//! The `[data]` section of config.toml: this machine's host id, which names its
//! own session log (`sessions.HOST.jsonl`) in a data dir shared with others.

use toml::de::DeTable;

use super::doc::Reader;
use crate::model::host;
use crate::model::settings::Settings;

/// The keys of `[data]`.
pub const DATA_KEYS: &[&str] = &["host"];

/// Applies `[data]`: `host = ""` leaves the id to the machine's host name.
pub(super) fn apply_data(settings: &mut Settings, r: &mut Reader<'_, '_>, t: &DeTable<'_>) {
    r.check_keys(t, DATA_KEYS, "[data]");
    let Some(v) = t.get("host") else {
        return;
    };
    let Some(id) = r.string(v, "host") else {
        return;
    };
    if id.is_empty() {
        settings.data.host = None;
        return;
    }
    match host::problem(&id) {
        None => settings.data.host = Some(id),
        Some(problem) => r.error(
            &v.span(),
            format!("\"host\": {problem}"),
            format!("{}, or \"\" for the machine's host name", host::EXPECTED),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::config;
    use super::super::diag::SourceText;

    fn apply(text: &str) -> Result<Option<String>, String> {
        let mut s = config::defaults();
        let diags = config::apply(&mut s, &SourceText::new("config.toml", text));
        match diags.first() {
            None => Ok(s.data.host),
            Some(d) => Err(d.to_string()),
        }
    }

    #[test]
    fn a_host_id_is_taken_and_an_empty_one_means_the_host_name() {
        assert_eq!(
            apply("[data]\nhost = \"home-desktop\"\n"),
            Ok(Some("home-desktop".into()))
        );
        assert_eq!(apply("[data]\nhost = \"\"\n"), Ok(None));
        assert_eq!(apply(""), Ok(None));
    }

    #[test]
    fn a_bad_host_id_is_located_and_says_what_is_expected() {
        let e = apply("[data]\nhost = \"My Laptop\"\n").unwrap_err();
        assert!(e.contains("config.toml:2:8"), "{e}");
        assert!(e.contains("has the character 'M'"), "{e}");
        assert!(e.contains("a host id of 1 to 63 characters"), "{e}");
        let e = apply("[data]\nhost = 3\n").unwrap_err();
        assert!(
            e.contains("config.toml:2:8") && e.contains("a string"),
            "{e}"
        );
        let e = apply("[data]\nhots = \"x\"\n").unwrap_err();
        assert!(e.contains("did you mean \"host\""), "{e}");
    }
}
