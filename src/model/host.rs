//! The host id: a short, stable name for a machine, `[a-z0-9-]`, that names the
//! machine's own session log (`sessions.HOST.jsonl`) and is carried in the ids of
//! the sessions it starts, so two machines never make the same id.

/// The host id when nothing better is known (no host name, no setting).
pub const FALLBACK: &str = "local";

/// The longest host id (a DNS label's limit).
pub const MAX_LEN: usize = 63;

/// What a host id must look like, for error messages.
pub const EXPECTED: &str = "a host id of 1 to 63 characters a-z, 0-9 and '-', not starting or ending with '-', e.g. \"laptop\" or \"home-desktop\"";

/// Why `id` is not a host id, or `None` when it is one.
pub fn problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("the host id is empty".to_string());
    }
    if id.len() > MAX_LEN {
        return Some(format!(
            "the host id is {} characters long (at most {MAX_LEN})",
            id.len()
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!("the host id \"{id}\" has the character {c:?}"));
    }
    if id.starts_with('-') || id.ends_with('-') {
        return Some(format!("the host id \"{id}\" starts or ends with '-'"));
    }
    None
}

/// Whether `id` is a valid host id.
pub fn is_valid(id: &str) -> bool {
    problem(id).is_none()
}

/// A host id made from a machine's host name: lower case, the domain dropped
/// (`laptop.example.org` is `laptop`), every run of other characters one '-'.
/// `None` when nothing usable is left.
pub fn from_hostname(name: &str) -> Option<String> {
    let short = name.trim().split('.').next().unwrap_or_default();
    let mut id = String::with_capacity(short.len());
    for c in short.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id = id.trim_matches('-').to_string();
    id.truncate(MAX_LEN);
    let id = id.trim_end_matches('-').to_string();
    is_valid(&id).then_some(id)
}

/// The length of the time part of a session id (`20240331T101500+0200`).
const TIME_LEN: usize = 20;

/// A session id from its start time as written (`20240331T101500+0200`), the host
/// and a number telling apart sessions started in the same second on that host:
/// `20240331T101500+0200-laptop-1f`.
pub fn session_id(time: &str, host: &str, nonce: u32) -> String {
    format!("{time}-{host}-{nonce:x}")
}

/// The host a session id names, if it carries one (ids written before there were
/// hosts, `20240331T101500+0200-1f`, do not).
pub fn of_session(id: &str) -> Option<&str> {
    let rest = id.get(TIME_LEN..)?.strip_prefix('-')?;
    let (host, nonce) = rest.rsplit_once('-')?;
    let hex = !nonce.is_empty() && nonce.chars().all(|c| c.is_ascii_hexdigit());
    (hex && is_valid(host)).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_are_cleaned_to_ids() {
        assert_eq!(from_hostname("laptop").as_deref(), Some("laptop"));
        assert_eq!(
            from_hostname("Jo's MacBook-Pro.local").as_deref(),
            Some("jo-s-macbook-pro")
        );
        assert_eq!(
            from_hostname(" DESKTOP_42 \n").as_deref(),
            Some("desktop-42")
        );
        assert_eq!(from_hostname("--x--").as_deref(), Some("x"));
        assert_eq!(from_hostname("").as_deref(), None);
        assert_eq!(from_hostname("é…").as_deref(), None);
        let long = "a".repeat(62) + "-b";
        assert_eq!(
            from_hostname(&long).as_deref(),
            Some("a".repeat(62).as_str())
        );
    }

    #[test]
    fn only_clean_ids_are_valid_and_the_problem_is_said() {
        assert!(is_valid("home-desktop"));
        assert!(is_valid("a1"));
        assert!(problem("").is_some_and(|p| p.contains("empty")));
        assert!(problem("Laptop").is_some_and(|p| p.contains("'L'")));
        assert!(problem("my laptop").is_some_and(|p| p.contains("' '")));
        assert!(problem("-x").is_some_and(|p| p.contains("starts or ends")));
        assert!(problem(&"a".repeat(64)).is_some_and(|p| p.contains("at most 63")));
    }

    #[test]
    fn session_ids_carry_the_host_and_give_it_back() {
        let id = session_id("20240331T101500+0200", "home-desktop", 0x1f);
        assert_eq!(id, "20240331T101500+0200-home-desktop-1f");
        assert_eq!(of_session(&id), Some("home-desktop"));
        assert_eq!(of_session("20240331T101500-0500-laptop-0"), Some("laptop"));
        // Ids from before hosts, and ids written by hand, carry none.
        assert_eq!(of_session("20240331T101500+0200-1f"), None);
        assert_eq!(of_session("s1"), None);
        assert_eq!(of_session("20240331T101500+0200-Laptop-1f"), None);
        assert_eq!(of_session("20240331T101500+0200-laptop-zz"), None);
    }
}
