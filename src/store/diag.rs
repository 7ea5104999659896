//! Located problems in a file: path, line, column, what was wrong and what was expected.

use std::ops::Range;

use crate::model::diagnostic::Diagnostic;

/// A file's text with an index of line starts, to turn byte offsets into positions.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    pub path: String,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    pub fn new(path: impl Into<String>, text: &'a str) -> SourceText<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceText {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let mut column_end = offset;
        while !self.text.is_char_boundary(column_end) {
            column_end -= 1;
        }
        let column = self.text[start..column_end].chars().count() + 1;
        (line, column)
    }

    /// A diagnostic pointing at the start of a span.
    pub fn at(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(span.start);
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
            expected: None,
        }
    }

    /// "path:line:column" of a span, for messages that point somewhere else.
    pub fn origin(&self, span: &Range<usize>) -> String {
        let (line, column) = self.position(span.start);
        format!("{}:{}:{}", self.path, line, column)
    }
}

/// Checks raw bytes before parsing: size and UTF-8. Returns the text or a located problem.
pub fn decode<'b>(path: &str, bytes: &'b [u8], max_len: usize) -> Result<&'b str, Diagnostic> {
    if bytes.len() > max_len {
        return Err(too_large(path, Some(bytes.len() as u64), max_len));
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // The valid prefix is UTF-8 by definition of valid_up_to.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let src = SourceText::new(path, prefix);
        let (line, column) = src.position(prefix.len());
        let byte = bytes
            .get(err.valid_up_to())
            .map(|b| format!(" (byte 0x{b:02X})"))
            .unwrap_or_default();
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            message: format!("the file is not valid UTF-8 text{byte}"),
            expected: Some("UTF-8 text (save the file with the UTF-8 encoding)".into()),
        }
    })
}

/// The problem with a file larger than `max_len` bytes: its size if known, else
/// (when reading stopped at the cap) that it is larger than the cap.
pub fn too_large(path: &str, size: Option<u64>, max_len: usize) -> Diagnostic {
    let limit = if max_len >= 1024 * 1024 && max_len.is_multiple_of(1024 * 1024) {
        format!("{} MiB", max_len / (1024 * 1024))
    } else {
        format!("{} KiB", max_len / 1024)
    };
    let size = size.map_or_else(|| format!("more than {limit}"), |n| format!("{n} bytes"));
    Diagnostic::whole_file(path, format!("the file is too large ({size})"))
        .expected(format!("a file of at most {limit}"))
}

/// Orders diagnostics for reading: files in the order they first appear, and within
/// a file from top to bottom (whole-file problems first). The sort is stable.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    let mut files: Vec<String> = Vec::new();
    for d in diags.iter() {
        if !files.contains(&d.path) {
            files.push(d.path.clone());
        }
    }
    diags.sort_by_key(|d| {
        let file = files
            .iter()
            .position(|p| *p == d.path)
            .unwrap_or(usize::MAX);
        (file, d.line, d.column)
    });
}

/// Renders a list of diagnostics, one after another, for printing.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str("error: ");
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = SourceText::new("f.toml", "a = 1\nbé = 2\n");
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(4), (1, 5));
        assert_eq!(src.position(6), (2, 1));
        // "bé" is three bytes; the '=' after it is the 4th character.
        assert_eq!(src.position(10), (2, 4));
        assert_eq!(src.position(999), (3, 1));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode("x.toml", b"a = 1\nb = \"\xff\"\n", 1024).unwrap_err();
        assert_eq!((err.line, err.column), (2, 6));
        assert!(
            err.to_string()
                .starts_with("x.toml:2:6: the file is not valid UTF-8")
        );
    }

    #[test]
    fn oversized_files_are_refused() {
        let err = decode("x.toml", &[b' '; 2048], 1024).unwrap_err();
        assert_eq!(err.message, "the file is too large (2048 bytes)");
        assert_eq!(err.expected.as_deref(), Some("a file of at most 1 KiB"));
        let err = too_large("x.toml", Some(5 << 20), 4 << 20);
        assert_eq!(err.expected.as_deref(), Some("a file of at most 4 MiB"));
    }

    #[test]
    fn diagnostics_sort_by_file_then_position() {
        let at = |path: &str, line, column| Diagnostic {
            path: path.into(),
            line,
            column,
            message: String::new(),
            expected: None,
        };
        let mut d = vec![
            at("b", 3, 1),
            at("a", 9, 2),
            at("b", 1, 5),
            at("a", 0, 0),
            at("a", 9, 1),
        ];
        sort_diagnostics(&mut d);
        let order: Vec<(&str, usize, usize)> = d
            .iter()
            .map(|d| (d.path.as_str(), d.line, d.column))
            .collect();
        assert_eq!(
            order,
            [
                ("b", 1, 5),
                ("b", 3, 1),
                ("a", 0, 0),
                ("a", 9, 1),
                ("a", 9, 2)
            ]
        );
    }
}
