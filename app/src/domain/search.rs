//! Full-text search, the pure part: what a query means, and how a highlighted snippet from
//! the database becomes text to show.
//!
//! A query is reduced to plain words ([`SearchTerms`]); the database layer receives them
//! either as an FTS5 expression in which every word is a quoted string
//! ([`SearchTerms::fts5_query`], SQLite) or as plain words for `plainto_tsquery`
//! ([`SearchTerms::plain_query`], PostgreSQL), so that nothing a person types is ever read
//! as search syntax (`NEAR`, `OR`, `*`, `:`, `-`, parentheses, quotes).
//!
//! The database marks the matches in titles and snippets with two private control
//! characters, [`MARK_START`] and [`MARK_END`]; [`segments`] turns such text into plain and
//! highlighted [`Segment`]s, which pages render as text and `<mark>` elements, never as HTML.
//! The SQL itself, and who may see which record, are in `ssr::db::search`.

use serde::{Deserialize, Serialize};

/// Starts a highlighted match in text from the database (STX, never typed by people).
pub const MARK_START: char = '\u{2}';
/// Ends a highlighted match (ETX).
pub const MARK_END: char = '\u{3}';
/// Shortest query accepted, in characters once trimmed.
pub const MIN_QUERY_CHARS: usize = 2;
/// Longest query accepted, in characters once trimmed.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words of a query that are searched for; the rest are ignored.
pub const MAX_TERMS: usize = 16;

/// Why a query cannot be searched for. [`QueryError::message`] says it to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing but white space.
    Empty,
    /// Fewer than [`MIN_QUERY_CHARS`] characters.
    TooShort,
    /// More than [`MAX_QUERY_CHARS`] characters.
    TooLong,
    /// No word with a letter or a digit (only punctuation or symbols).
    NoWords,
}

impl QueryError {
    /// What to tell the person who typed the query.
    pub const fn message(self) -> &'static str {
        match self {
            QueryError::Empty => "Enter a word or two to search for.",
            QueryError::TooShort => "Enter at least 2 characters to search for.",
            QueryError::TooLong => "The search can be at most 200 characters long.",
            QueryError::NoWords => "Search for words with letters or digits.",
        }
    }
}

/// The words of a query, in order, each with at least one letter or digit, without
/// repetitions (ignoring case), at most [`MAX_TERMS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerms {
    query: String,
    terms: Vec<String>,
}

impl SearchTerms {
    /// Checks and normalises what a person typed: trimmed, 2 to 200 characters; control
    /// characters count as white space and runs of white space as one space.
    pub fn parse(raw: &str) -> Result<Self, QueryError> {
        let query = normalise(raw);
        let length = query.chars().count();
        if length == 0 {
            return Err(QueryError::Empty);
        }
        if length < MIN_QUERY_CHARS {
            return Err(QueryError::TooShort);
        }
        if length > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong);
        }
        let mut terms: Vec<String> = Vec::new();
        for word in query.split(' ') {
            if !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            let folded = word.to_lowercase();
            if terms.iter().any(|t| t.to_lowercase() == folded) {
                continue;
            }
            if terms.len() == MAX_TERMS {
                break;
            }
            terms.push(word.to_owned());
        }
        if terms.is_empty() {
            return Err(QueryError::NoWords);
        }
        Ok(Self { query, terms })
    }

    /// The query as normalised (trimmed, white space folded), for showing it back.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The words searched for.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// An FTS5 `MATCH` expression finding records that contain every word: each word a
    /// string in double quotes (a double quote inside doubled), joined by spaces (implicit
    /// AND). Inside quotes FTS5 reads no operator, column filter or prefix mark, so the
    /// expression is always valid whatever the words contain.
    pub fn fts5_query(&self) -> String {
        let mut expression = String::new();
        for term in &self.terms {
            if !expression.is_empty() {
                expression.push(' ');
            }
            expression.push('"');
            expression.push_str(&term.replace('"', "\"\""));
            expression.push('"');
        }
        expression
    }

    /// The words for PostgreSQL's `plainto_tsquery`, which reads no operators at all.
    pub fn plain_query(&self) -> String {
        self.terms.join(" ")
    }
}

/// Trims, turns control characters into spaces and folds runs of white space into one space.
fn normalise(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A piece of a title or snippet: plain text, or a match to highlight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The text (plain text: shown as text, never as HTML).
    pub text: String,
    /// Whether it is a match.
    pub highlighted: bool,
}

/// Splits text marked by the database ([`MARK_START`] … [`MARK_END`]) into segments.
///
/// The text is made fit for a one-line snippet: white space (line breaks included) is folded
/// into single spaces and trimmed, other control characters are dropped, and so are the
/// Markdown emphasis and code marks (`*`, `` ` ``) that snippets of Markdown source carry.
/// Markers are read as toggles that tolerate any imbalance (a stray end, a missing end),
/// empty segments are dropped and neighbours of the same kind merged.
pub fn segments(marked: &str) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut highlighted = false;
    // Whether a space is owed before the next visible character.
    let mut pending_space = false;
    for ch in marked.chars() {
        match ch {
            MARK_START => highlighted = true,
            MARK_END => highlighted = false,
            c if c.is_whitespace() => pending_space = true,
            c if c.is_control() || c == '*' || c == '`' => {}
            c => {
                if pending_space && !out.is_empty() {
                    push_space(&mut out, highlighted);
                }
                pending_space = false;
                push_char(&mut out, c, highlighted);
            }
        }
    }
    out
}

/// Appends a character to the last segment when it is of the same kind, else starts one.
fn push_char(out: &mut Vec<Segment>, c: char, highlighted: bool) {
    match out.last_mut() {
        Some(last) if last.highlighted == highlighted => last.text.push(c),
        _ => out.push(Segment {
            text: c.to_string(),
            highlighted,
        }),
    }
}

/// Appends a space before a character of kind `highlighted`: a space between two matches
/// joins them; a space at a boundary between plain text and a match stays plain.
fn push_space(out: &mut Vec<Segment>, highlighted: bool) {
    match out.last_mut() {
        Some(last) if !last.highlighted || highlighted => last.text.push(' '),
        _ => out.push(Segment {
            text: " ".to_owned(),
            highlighted: false,
        }),
    }
}

/// The whole text of segments, without highlighting (e.g. for a page title).
pub fn plain_text(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Segment {
        Segment {
            text: text.to_owned(),
            highlighted: false,
        }
    }

    fn mark(text: &str) -> Segment {
        Segment {
            text: text.to_owned(),
            highlighted: true,
        }
    }

    #[test]
    fn queries_are_trimmed_folded_and_split_into_words() {
        let terms = SearchTerms::parse("  Ransomware \t\n recovery  ").expect("valid");
        assert_eq!(terms.query(), "Ransomware recovery");
        assert_eq!(terms.terms(), ["Ransomware", "recovery"]);
        assert_eq!(terms.fts5_query(), "\"Ransomware\" \"recovery\"");
        assert_eq!(terms.plain_query(), "Ransomware recovery");
    }

    #[test]
    fn the_length_is_checked_after_trimming() {
        assert_eq!(SearchTerms::parse(""), Err(QueryError::Empty));
        assert_eq!(SearchTerms::parse(" \t\n "), Err(QueryError::Empty));
        assert_eq!(SearchTerms::parse("  a  "), Err(QueryError::TooShort));
        assert!(SearchTerms::parse("ab").is_ok());
        let longest = "a".repeat(MAX_QUERY_CHARS);
        assert!(SearchTerms::parse(&format!("  {longest}  ")).is_ok());
        assert_eq!(
            SearchTerms::parse(&format!("{longest}b")),
            Err(QueryError::TooLong)
        );
        // Characters, not bytes: 200 accented letters are fine.
        assert!(SearchTerms::parse(&"é".repeat(MAX_QUERY_CHARS)).is_ok());
    }

    #[test]
    fn fts5_syntax_is_always_quoted() {
        let cases = [
            ("a OR b", "\"a\" \"OR\" \"b\""),
            ("NEAR(one two)", "\"NEAR(one\" \"two)\""),
            ("title:secret", "\"title:secret\""),
            ("-excluded +plus", "\"-excluded\" \"+plus\""),
            ("pref* ^start", "\"pref*\" \"^start\""),
            ("say \"hello", "\"say\" \"\"\"hello\""),
            ("'; DROP TABLE goals; --", "\"DROP\" \"TABLE\" \"goals;\""),
        ];
        for (raw, expected) in cases {
            let terms = SearchTerms::parse(raw).expect(raw);
            assert_eq!(terms.fts5_query(), expected, "{raw}");
        }
    }

    #[test]
    fn every_quote_in_an_fts5_query_is_paired() {
        for raw in ["\"\"\"x", "a\"b\"c\"", "x\" OR \"y", "\"abc"] {
            let expression = SearchTerms::parse(raw).expect(raw).fts5_query();
            // Outside the doubled quotes, quotes only open and close strings.
            let stripped = expression.replace("\"\"", "");
            assert_eq!(stripped.matches('"').count() % 2, 0, "{raw} → {expression}");
            assert!(expression.starts_with('"') && expression.ends_with('"'));
        }
    }

    #[test]
    fn words_without_letters_or_digits_are_not_searched_for() {
        assert_eq!(SearchTerms::parse("\""), Err(QueryError::TooShort));
        assert_eq!(SearchTerms::parse("**"), Err(QueryError::NoWords));
        assert_eq!(SearchTerms::parse("( ) \" * - :"), Err(QueryError::NoWords));
        assert_eq!(SearchTerms::parse("🙂🙂"), Err(QueryError::NoWords));
        let terms = SearchTerms::parse("* ransomware -- ").expect("one word");
        assert_eq!(terms.terms(), ["ransomware"]);
    }

    #[test]
    fn unicode_words_are_kept() {
        let terms = SearchTerms::parse("Gesundheitsämter 医療 données").expect("valid");
        assert_eq!(terms.terms(), ["Gesundheitsämter", "医療", "données"]);
    }

    #[test]
    fn control_characters_never_reach_the_database() {
        let terms = SearchTerms::parse("ab\0cd\u{2}ef\u{3}gh\u{1b}[0m").expect("valid");
        assert_eq!(terms.terms(), ["ab", "cd", "ef", "gh", "[0m"]);
        assert!(
            !terms
                .fts5_query()
                .chars()
                .any(|c| c.is_control() && c != ' ')
        );
    }

    #[test]
    fn repeated_words_count_once_and_long_queries_are_capped() {
        let terms = SearchTerms::parse("Risk risk RISK landscape").expect("valid");
        assert_eq!(terms.terms(), ["Risk", "landscape"]);
        let many = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            SearchTerms::parse(&many).expect("valid").terms().len(),
            MAX_TERMS
        );
    }

    #[test]
    fn marked_text_becomes_plain_and_highlighted_segments() {
        assert_eq!(
            segments("Stop \u{2}ransomware\u{3} now"),
            vec![plain("Stop "), mark("ransomware"), plain(" now")]
        );
        assert_eq!(segments("\u{2}all\u{3}"), vec![mark("all")]);
        assert_eq!(segments(""), Vec::<Segment>::new());
        assert_eq!(segments("no match"), vec![plain("no match")]);
    }

    #[test]
    fn neighbouring_matches_merge_across_a_space() {
        assert_eq!(
            segments("a \u{2}risk\u{3} \u{2}landscape\u{3} b"),
            vec![plain("a "), mark("risk landscape"), plain(" b")]
        );
    }

    #[test]
    fn white_space_and_markdown_marks_are_tidied() {
        assert_eq!(
            segments("  **Ransomware** is\n\nthe `threat`  "),
            vec![plain("Ransomware is the threat")]
        );
        assert_eq!(
            segments("x \u{2}**bold**\u{3}\ty"),
            vec![plain("x "), mark("bold"), plain(" y")]
        );
    }

    #[test]
    fn unbalanced_or_hostile_markers_never_fail() {
        assert_eq!(segments("\u{3}stray end"), vec![plain("stray end")]);
        assert_eq!(
            segments("open \u{2}to the end"),
            vec![plain("open "), mark("to the end")]
        );
        assert_eq!(
            segments("\u{2}\u{2}twice\u{3}\u{3} done"),
            vec![mark("twice"), plain(" done")]
        );
        assert_eq!(segments("\u{2}\u{3}\u{2}\u{3}"), Vec::<Segment>::new());
        assert_eq!(segments("a\0b\u{7}c"), vec![plain("abc")]);
    }

    #[test]
    fn markup_in_snippets_stays_text() {
        let segs = segments("<script>alert(1)</script> \u{2}<b>x</b>\u{3}");
        assert_eq!(
            segs,
            vec![plain("<script>alert(1)</script> "), mark("<b>x</b>")]
        );
        assert_eq!(plain_text(&segs), "<script>alert(1)</script> <b>x</b>");
    }
}
