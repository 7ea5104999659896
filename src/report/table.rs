//! Aligned columns for the text listings (`upright routines`, `log`, `keys`...).

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::model::words::printable;

/// Prints a header and rows as columns two spaces apart, each as wide as its widest
/// cell (in terminal columns); `right` lists right-aligned columns. The last column
/// is not padded and no line ends in spaces.
pub fn table<const N: usize>(
    out: &mut dyn Write,
    header: [&str; N],
    rows: &[[String; N]],
    right: &[usize],
) -> io::Result<()> {
    // Control characters in a cell are shown escaped: they cannot reach the
    // terminal, and a tab or a line break cannot break the columns.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| printable(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(cell.width());
            if i > 0 {
                s.push_str("  ");
            }
            if right.contains(&i) {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            } else if i + 1 == N {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = [
            ["Café".to_string(), "3".to_string(), "x".to_string()],
            ["ab".to_string(), "12".to_string(), String::new()],
        ];
        let mut out = Vec::new();
        table(&mut out, ["NAME", "N", "NOTE"], &rows, &[1]).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf8"),
            "NAME   N  NOTE\nCafé   3  x\nab    12\n"
        );
    }
}
