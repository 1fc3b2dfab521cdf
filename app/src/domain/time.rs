//! Instants and calendar dates, with the one text form each has in the database.
//!
//! Both databases store them as fixed-width text so that ordering and comparison in SQL
//! agree with ordering in Rust: an instant is `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC (always
//! 27 characters), a date is `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An instant in UTC, with microsecond precision (finer digits are dropped so that what is
/// stored is exactly what is read back).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(DateTime<Utc>);

/// Why a text is not a timestamp or a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeParseError {
    /// Not `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    #[error("{0:?} is not a UTC timestamp of the form YYYY-MM-DDTHH:MM:SS.ffffffZ")]
    Timestamp(String),
    /// Not a real `YYYY-MM-DD` date.
    #[error("{0:?} is not a date of the form YYYY-MM-DD")]
    Date(String),
}

impl Timestamp {
    /// Length of the stored text form.
    pub const TEXT_LEN: usize = 27;

    /// The current instant.
    pub fn now() -> Self {
        Self::from_datetime(Utc::now())
    }

    /// Wraps a chrono instant, truncated to microseconds.
    pub fn from_datetime(at: DateTime<Utc>) -> Self {
        let micros = at.timestamp_micros();
        Self(DateTime::from_timestamp_micros(micros).unwrap_or(at))
    }

    /// The chrono instant.
    pub fn as_datetime(self) -> DateTime<Utc> {
        self.0
    }

    /// The stored text form.
    pub fn to_db_text(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::Micros, true)
    }

    /// Parses the stored text form (and only that, so that stored values stay comparable).
    pub fn parse_db_text(text: &str) -> Result<Self, TimeParseError> {
        let bad = || TimeParseError::Timestamp(text.chars().take(40).collect());
        if text.len() != Self::TEXT_LEN || !text.ends_with('Z') {
            return Err(bad());
        }
        DateTime::parse_from_rfc3339(text)
            .map(|at| Self(at.with_timezone(&Utc)))
            .map_err(|_| bad())
    }

    /// The calendar date (UTC) of this instant.
    pub fn date(self) -> Date {
        Date(self.0.date_naive())
    }

    /// A short human form, e.g. `29 Nov 2026, 14:05 UTC`.
    pub fn display_short(self) -> String {
        self.0.format("%-d %b %Y, %H:%M UTC").to_string()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_db_text())
    }
}

/// A calendar date (terms, due dates), without time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(NaiveDate);

impl Date {
    /// Builds a date; `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self)
    }

    /// The chrono date.
    pub fn as_naive(self) -> NaiveDate {
        self.0
    }

    /// The stored text form, `YYYY-MM-DD`.
    pub fn to_db_text(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// Parses `YYYY-MM-DD` (as typed in a form or stored).
    pub fn parse(text: &str) -> Result<Self, TimeParseError> {
        let trimmed = text.trim();
        if trimmed.len() != 10 {
            return Err(TimeParseError::Date(text.chars().take(40).collect()));
        }
        NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
            .map(Self)
            .map_err(|_| TimeParseError::Date(text.chars().take(40).collect()))
    }

    /// A human form, e.g. `1 Feb 2024`.
    pub fn display_long(self) -> String {
        self.0.format("%-d %b %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_db_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_db_text(text).expect("valid timestamp in test")
    }

    #[test]
    fn the_text_form_has_a_fixed_width_and_round_trips() {
        let now = Timestamp::now();
        let text = now.to_db_text();
        assert_eq!(text.len(), Timestamp::TEXT_LEN, "{text}");
        assert_eq!(Timestamp::parse_db_text(&text), Ok(now));
        let whole_second = at("2026-01-01T00:00:00.000000Z");
        assert_eq!(whole_second.to_db_text(), "2026-01-01T00:00:00.000000Z");
    }

    #[test]
    fn text_order_is_time_order() {
        let texts = [
            "2026-11-29T09:59:59.999999Z",
            "2026-11-29T10:00:00.000000Z",
            "2026-11-29T10:00:00.000001Z",
            "2027-01-01T00:00:00.000000Z",
        ];
        for pair in texts.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(at(pair[0]) < at(pair[1]));
        }
    }

    #[test]
    fn other_offsets_and_widths_are_refused() {
        assert!(Timestamp::parse_db_text("2026-11-29T10:00:00+01:00").is_err());
        assert!(Timestamp::parse_db_text("2026-11-29T10:00:00.000Z").is_err());
        assert!(Timestamp::parse_db_text("yesterday").is_err());
    }

    #[test]
    fn dates_parse_only_real_days() {
        assert_eq!(
            Date::parse("2024-02-29")
                .map(Date::to_db_text)
                .ok()
                .as_deref(),
            Some("2024-02-29")
        );
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-2-1").is_err());
        assert_eq!(
            Date::parse("31/12/2024").unwrap_err().to_string(),
            "\"31/12/2024\" is not a date of the form YYYY-MM-DD"
        );
    }
}
