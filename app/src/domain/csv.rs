//! A small CSV writer for exports: RFC 4180 output, safe to open in a spreadsheet.
//!
//! Fields holding a comma, a double quote, CR or LF are quoted (quotes doubled); records
//! end with CRLF. A field beginning with `=`, `+`, `-`, `@`, a tab or CR, which a
//! spreadsheet would run as a formula ("CSV injection"), is neutralised by a leading single
//! quote. Numbers written by the application are never negative, so this costs nothing;
//! text typed by users (names, titles) cannot turn into a formula.

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Builds a CSV document record by record.
#[derive(Clone, Debug, Default)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one record.
    pub fn row<I>(&mut self, cells: I)
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_field(&mut self.out, cell.as_ref());
        }
        self.out.push_str("\r\n");
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

/// One field as it appears in a CSV record: neutralised, then quoted when needed.
pub fn field(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 3);
    push_field(&mut out, cell);
    out
}

fn push_field(out: &mut String, cell: &str) {
    let neutralise = cell.starts_with(FORMULA_TRIGGERS);
    let quote = cell.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if neutralise {
        out.push('\'');
    }
    for ch in cell.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(field("Public"), "Public");
        assert_eq!(field("33.3"), "33.3");
        assert_eq!(field(""), "");
        assert_eq!(field("Ó Briain's clinic"), "Ó Briain's clinic");
    }

    #[test]
    fn commas_are_quoted() {
        assert_eq!(field("micro, small"), "\"micro, small\"");
    }

    #[test]
    fn quotes_are_doubled_inside_quotes() {
        assert_eq!(field("the \"big\" one"), "\"the \"\"big\"\" one\"");
    }

    #[test]
    fn line_breaks_are_quoted() {
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
    }

    #[test]
    fn formulas_are_neutralised_with_a_leading_quote() {
        assert_eq!(field("=1+2"), "'=1+2");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(field("@SUM(A1:A2)"), "'@SUM(A1:A2)");
        assert_eq!(field("\tx"), "'\tx");
        // A CR also needs quoting; the single quote goes inside the quotes.
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(
            field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        // Only the first character matters.
        assert_eq!(field("a=b"), "a=b");
    }

    #[test]
    fn records_end_with_crlf() {
        let mut csv = CsvWriter::new();
        csv.row(["a", "b,c"]);
        csv.row(vec!["=d".to_owned(), String::new()]);
        assert_eq!(csv.finish(), "a,\"b,c\"\r\n'=d,\r\n");
    }
}
