//! Atom (RFC 4287) text for news feeds: a `feed` of `entry`s, newest first, with every text
//! XML-escaped (and characters XML 1.0 forbids dropped), so that a title typed by a person
//! can never break the document or smuggle markup into a reader.

use super::Timestamp;

/// One entry of a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedEntry {
    /// Permanent and unique, e.g. `https://example.org/p/us-hph/motions/12#decided`.
    pub id: String,
    /// One line.
    pub title: String,
    /// Plain text.
    pub summary: String,
    /// The record's page (absolute URL).
    pub link: String,
    /// What kind of news: `publication`, `decision` or `progress`.
    pub category: &'static str,
    /// When it happened.
    pub updated: Timestamp,
}

/// A whole feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    /// Permanent and unique (the partnership's page).
    pub id: String,
    /// The feed's title.
    pub title: String,
    /// Who publishes it.
    pub author: String,
    /// The feed's own URL.
    pub self_link: String,
    /// The page it follows.
    pub alternate_link: String,
    /// The entries; written newest first.
    pub entries: Vec<FeedEntry>,
    /// When the feed last changed if it has no entries (e.g. the partnership's creation).
    pub fallback_updated: Timestamp,
}

/// Escapes text for an XML element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows only tab, newline and carriage return among the controls.
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || ('\u{FFFE}'..='\u{FFFF}').contains(&c) => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 3339 in UTC, to the second.
fn date(at: Timestamp) -> String {
    at.as_datetime().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The feed as an Atom document.
pub fn write_feed(feed: &Feed) -> String {
    let mut entries: Vec<&FeedEntry> = feed.entries.iter().collect();
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    let updated = entries.first().map_or(feed.fallback_updated, |e| e.updated);
    let mut out = String::with_capacity(512 + 512 * entries.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    for (tag, value) in [
        ("id", &feed.id),
        ("title", &feed.title),
        ("updated", &date(updated)),
    ] {
        push_element(&mut out, "  ", tag, value);
    }
    push_link(&mut out, "  ", Some("self"), &feed.self_link);
    push_link(&mut out, "  ", Some("alternate"), &feed.alternate_link);
    out.push_str("  <author><name>");
    out.push_str(&escape(&feed.author));
    out.push_str("</name></author>\n");
    for entry in entries {
        out.push_str("  <entry>\n");
        push_element(&mut out, "    ", "id", &entry.id);
        push_element(&mut out, "    ", "title", &entry.title);
        push_element(&mut out, "    ", "updated", &date(entry.updated));
        push_link(&mut out, "    ", None, &entry.link);
        out.push_str("    <category term=\"");
        out.push_str(&escape(entry.category));
        out.push_str("\"/>\n");
        push_element(&mut out, "    ", "summary", &entry.summary);
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn push_element(out: &mut String, indent: &str, tag: &str, text: &str) {
    out.push_str(indent);
    out.push('<');
    out.push_str(tag);
    out.push('>');
    out.push_str(&escape(text));
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
}

fn push_link(out: &mut String, indent: &str, rel: Option<&str>, href: &str) {
    out.push_str(indent);
    out.push_str("<link");
    if let Some(rel) = rel {
        out.push_str(" rel=\"");
        out.push_str(rel);
        out.push('"');
    }
    out.push_str(" href=\"");
    out.push_str(&escape(href));
    out.push_str("\"/>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_db_text(text).expect("timestamp")
    }

    fn entry(id: &str, title: &str, updated: &str) -> FeedEntry {
        FeedEntry {
            id: id.to_owned(),
            title: title.to_owned(),
            summary: "Carried: 5 yes, 1 no".to_owned(),
            link: "https://example.org/p/x/motions/1".to_owned(),
            category: "decision",
            updated: at(updated),
        }
    }

    fn feed(entries: Vec<FeedEntry>) -> Feed {
        Feed {
            id: "https://example.org/p/x".to_owned(),
            title: "X: news".to_owned(),
            author: "X & partners".to_owned(),
            self_link: "https://example.org/p/x/feed.atom".to_owned(),
            alternate_link: "https://example.org/p/x".to_owned(),
            entries,
            fallback_updated: at("2026-01-01T00:00:00.000000Z"),
        }
    }

    #[test]
    fn entries_are_newest_first_and_the_feed_is_as_new_as_its_newest() {
        let text = write_feed(&feed(vec![
            entry("a", "Older", "2026-03-01T10:00:00.000000Z"),
            entry("b", "Newer", "2026-05-01T10:00:00.000000Z"),
        ]));
        let newer = text.find("Newer").expect("newer");
        let older = text.find("Older").expect("older");
        assert!(newer < older);
        assert!(text.contains("<updated>2026-05-01T10:00:00Z</updated>\n  <link rel=\"self\""));
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(text.contains("<author><name>X &amp; partners</name></author>"));
    }

    #[test]
    fn an_empty_feed_is_dated_by_its_fallback() {
        let text = write_feed(&feed(Vec::new()));
        assert!(text.contains("<updated>2026-01-01T00:00:00Z</updated>"));
        assert!(!text.contains("<entry>"));
    }

    #[test]
    fn hostile_text_is_escaped_and_forbidden_characters_dropped() {
        let text = write_feed(&feed(vec![entry(
            "a\"b",
            "<script>alert('x')</script> & \u{0}\u{7}done",
            "2026-03-01T10:00:00.000000Z",
        )]));
        assert!(!text.contains("<script>"));
        assert!(text.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; done"));
        assert!(text.contains("<id>a&quot;b</id>"));
        assert!(!text.contains('\u{0}'));
    }
}
