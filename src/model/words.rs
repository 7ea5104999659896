//! Words shared by every screen and export, so the same thing reads the same
//! everywhere.

/// A count with its noun in the right number: "1 set", "2 sets", "0 days".
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
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
