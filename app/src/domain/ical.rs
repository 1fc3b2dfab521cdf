//! iCalendar (RFC 5545) text for calendar feeds: a `VCALENDAR` of `VEVENT`s, with text
//! values escaped, times in UTC, CRLF line ends, and lines folded at 75 octets (never inside
//! a UTF-8 character).

use super::Timestamp;

/// One event of a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Globally unique and stable across requests, e.g. `motion-12@us-hph`.
    pub uid: String,
    /// One line.
    pub summary: String,
    /// Free text.
    pub description: String,
    /// Where to act on it (absolute URL).
    pub url: String,
    /// Start.
    pub starts_at: Timestamp,
    /// End.
    pub ends_at: Timestamp,
    /// When the event's record last changed (`DTSTAMP`).
    pub stamp: Timestamp,
}

/// Escapes a TEXT value (RFC 5545, 3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `YYYYMMDDTHHMMSSZ`.
fn utc(at: Timestamp) -> String {
    at.as_datetime().format("%Y%m%dT%H%M%SZ").to_string()
}

/// Appends one content line, folded at 75 octets, with CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A calendar with these events. `product` is the `PRODID`, `name` the calendar's name.
pub fn calendar(product: &str, name: &str, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:{}", escape_text(product)));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape_text(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc(event.stamp)));
        line(&mut out, &format!("DTSTART:{}", utc(event.starts_at)));
        line(&mut out, &format!("DTEND:{}", utc(event.ends_at)));
        line(
            &mut out,
            &format!("SUMMARY:{}", escape_text(&event.summary)),
        );
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&event.description)),
        );
        line(&mut out, &format!("URL:{}", event.url));
        // A reminder a day before the deadline.
        line(&mut out, "BEGIN:VALARM");
        line(&mut out, "ACTION:DISPLAY");
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&event.summary)),
        );
        line(&mut out, "TRIGGER;RELATED=END:-P1D");
        line(&mut out, "END:VALARM");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_db_text(text).expect("instant")
    }

    fn event() -> CalendarEvent {
        CalendarEvent {
            uid: "motion-1@us-hph".into(),
            summary: "Voting closes: Adopt v2; the plan, finally".into(),
            description: "Line one\nline two \\ done".into(),
            url: "https://example.org/p/us-hph/motions/1".into(),
            starts_at: at("2026-12-01T14:00:00.000000Z"),
            ends_at: at("2026-12-08T17:00:00.000000Z"),
            stamp: at("2026-11-30T09:00:00.000000Z"),
        }
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape_text("a;b,c\\d\ne\r"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn a_feed_has_the_events_in_utc_with_crlf() {
        let text = calendar("-//Concordat//EN", "Open motions", &[event()]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART:20261201T140000Z\r\n"));
        assert!(text.contains("DTEND:20261208T170000Z\r\n"));
        assert!(text.contains("SUMMARY:Voting closes: Adopt v2\\; the plan\\, finally\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nline two \\\\ done\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        // no bare line feeds
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let long = CalendarEvent {
            summary: "é".repeat(100),
            ..event()
        };
        let text = calendar("p", "n", &[long]);
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "é".repeat(100))));
    }

    #[test]
    fn an_empty_feed_is_a_valid_calendar() {
        let text = calendar("p", "n", &[]);
        assert!(text.contains("BEGIN:VCALENDAR") && text.contains("END:VCALENDAR"));
        assert!(!text.contains("VEVENT"));
    }
}
