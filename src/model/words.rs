//! Words shared by every screen and export, so the same thing reads the same
//! everywhere.

/// A count with its noun in the right number: "1 set", "2 sets", "0 days".
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text from a file or the log as it may be printed: every control character
/// (escape, bell, NUL, tab, a line break...) is written as a visible escape
/// (`\u{1b}`, `\t`, `\n`), so nothing in it can move the cursor, change the
/// terminal or break a table's columns. The one helper for every text and
/// Markdown output of the command line.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A value quoted in a message: control characters escaped, and cut to its
/// first `max` characters (with the full length said) when longer.
pub fn quoted_cut(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return printable(s).into_owned();
    }
    let head: String = s.chars().take(max).collect();
    format!("{}... ({n} characters)", printable(&head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_agree_with_their_count() {
        assert_eq!(plural(1u32, "day", "days"), "1 day");
        assert_eq!(plural(0u32, "day", "days"), "0 days");
        assert_eq!(plural(2usize as u64, "set", "sets"), "2 sets");
    }
}
