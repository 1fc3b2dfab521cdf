//! Small text helpers shared by pages and server functions.

/// Normalises a search query: trims, folds runs of white space, caps the length.
pub fn normalise_query(raw: &str, max_chars: usize) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max_chars)
        .collect()
}

/// Whether `haystack` contains every word of `query`, ignoring case.
pub fn matches_all_words(haystack: &str, query: &str) -> bool {
    let haystack = haystack.to_lowercase();
    query
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_trimmed_folded_and_capped() {
        assert_eq!(normalise_query("  health \t isac  ", 100), "health isac");
        assert_eq!(normalise_query("abcdef", 3), "abc");
        assert_eq!(normalise_query("   ", 10), "");
    }

    #[test]
    fn every_word_must_match_in_any_case() {
        assert!(matches_all_words("Health-ISAC Inc.", "isac health"));
        assert!(!matches_all_words("Health-ISAC Inc.", "isac europe"));
        assert!(matches_all_words("anything", ""));
    }
}
