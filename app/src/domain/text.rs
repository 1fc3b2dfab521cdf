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

/// `application/x-www-form-urlencoded` encoding of one value, for the query strings of
/// links (a filtered or paged view is a link).
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Text escaped for HTML (`&`, `<`, `>`, `"`, `'`).
///
/// Leptos writes the children of `<textarea>` and the text of `leptos_meta`'s `<Title>`
/// verbatim (they are raw text to it), so text placed there must be escaped first, or a
/// value containing `</textarea>` or `</title>` would end the element and inject markup.
/// The browser decodes the entities: the reader and the form see the original text.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The first active content in Markdown that the sanitiser would have to remove, named for
/// a person ("a script tag", "an event handler attribute", …); `None` when there is none.
///
/// Rendering always sanitises (see `ssr::markdown`); forms whose text is meant to be read by
/// the public (charters) also refuse such text up front, so that what the author sees is
/// what is published.
pub fn active_content(markdown: &str) -> Option<&'static str> {
    let lower = markdown.to_lowercase();
    let in_tag_attribute = |needle: &str| {
        lower.match_indices(needle).any(|(at, _)| {
            // an `on…=` attribute inside an HTML tag
            let before = &lower[..at];
            let open = before.rfind('<');
            let close = before.rfind('>');
            let inside_tag = match (open, close) {
                (Some(open), Some(close)) => open > close,
                (Some(_), None) => true,
                _ => false,
            };
            let name: String = lower[at + needle.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let rest = lower[at + needle.len() + name.len()..].trim_start();
            inside_tag && !name.is_empty() && rest.starts_with('=')
        })
    };
    if lower.contains("<script") {
        Some("a script tag")
    } else if in_tag_attribute(" on") || in_tag_attribute("\ton") || in_tag_attribute("/on") {
        Some("an event handler attribute (such as onerror)")
    } else if lower.contains("javascript:") || lower.contains("vbscript:") {
        Some("a javascript: link")
    } else if ["<iframe", "<object", "<embed", "<style", "<form"]
        .iter()
        .any(|tag| lower.contains(tag))
    {
        Some("an embedded frame, object, style or form")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_cannot_close_its_element() {
        assert_eq!(
            escape_html("a</textarea><script>x & 'y' \"z\""),
            "a&lt;/textarea&gt;&lt;script&gt;x &amp; &#39;y&#39; &quot;z&quot;"
        );
        assert_eq!(escape_html("plain"), "plain");
    }

    #[test]
    fn active_content_is_named() {
        assert_eq!(
            active_content("Hello <SCRIPT>alert(1)</script>"),
            Some("a script tag")
        );
        assert_eq!(
            active_content("<img src=x onerror=alert(1)>"),
            Some("an event handler attribute (such as onerror)")
        );
        assert_eq!(
            active_content("[x](JavaScript:alert(1))"),
            Some("a javascript: link")
        );
        assert_eq!(
            active_content("<iframe src=https://example.org>"),
            Some("an embedded frame, object, style or form")
        );
    }

    #[test]
    fn ordinary_prose_is_not_active_content() {
        assert_eq!(
            active_content("Members meet on Mondays; one = one vote."),
            None
        );
        assert_eq!(active_content("We focus on onboarding = training."), None);
        assert_eq!(
            active_content("## Scope\n\n* [HHS](https://www.hhs.gov) <b>bold</b>"),
            None
        );
    }

    #[test]
    fn queries_are_trimmed_folded_and_capped() {
        assert_eq!(normalise_query("  health \t isac  ", 100), "health isac");
        assert_eq!(normalise_query("abcdef", 3), "abc");
        assert_eq!(normalise_query("   ", 10), "");
    }

    #[test]
    fn query_string_values_are_form_encoded() {
        assert_eq!(form_encode("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
        assert_eq!(form_encode("\"x\" OR <y>#"), "%22x%22+OR+%3Cy%3E%23");
    }

    #[test]
    fn every_word_must_match_in_any_case() {
        assert!(matches_all_words("Health-ISAC Inc.", "isac health"));
        assert!(!matches_all_words("Health-ISAC Inc.", "isac europe"));
        assert!(matches_all_words("anything", ""));
    }
}
