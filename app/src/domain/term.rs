//! Terms of office (seats, conveners, focal points): a first day and an optional last day,
//! as typed in a form. The database holds the same rule (`term_end >= term_start`); checking
//! it here gives each field its own message before anything is written.

use crate::domain::Date;
use crate::error::FieldErrors;

/// A validated term: it ends (if it does) on or after the day it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// First day.
    pub start: Date,
    /// Last day; `None` while in office.
    pub end: Option<Date>,
}

impl Term {
    /// Parses the `term_start` and `term_end` fields of a form (`YYYY-MM-DD`; the end may be
    /// empty). Problems are added to `errors` under those field names.
    pub fn parse(start: &str, end: &str, errors: &mut FieldErrors) -> Option<Term> {
        let mut fail = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        let start = match Date::parse(start) {
            Ok(date) => Some(date),
            Err(_) => {
                fail(
                    "term_start",
                    "Enter the first day of the term as a date (YYYY-MM-DD).",
                );
                None
            }
        };
        let end = if end.trim().is_empty() {
            Some(None)
        } else {
            match Date::parse(end) {
                Ok(date) => Some(Some(date)),
                Err(_) => {
                    fail(
                        "term_end",
                        "Enter the last day of the term as a date (YYYY-MM-DD), or leave it empty.",
                    );
                    None
                }
            }
        };
        let (start, end) = (start?, end?);
        if let Some(last) = end
            && last < start
        {
            fail(
                "term_end",
                &format!(
                    "The term cannot end ({}) before it starts ({}).",
                    last.display_long(),
                    start.display_long()
                ),
            );
            return None;
        }
        Some(Term { start, end })
    }

    /// Checks that a term held since `start` may end on `end`.
    pub fn check_end(start: Date, end: Date) -> Result<(), String> {
        if end < start {
            Err(format!(
                "The term cannot end ({}) before it started ({}).",
                end.display_long(),
                start.display_long()
            ))
        } else {
            Ok(())
        }
    }

    /// Whether the term covers `day`.
    pub fn covers(&self, day: Date) -> bool {
        self.start <= day && self.end.is_none_or(|end| end >= day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect("valid date in test")
    }

    #[test]
    fn an_open_term_has_no_end() {
        let mut errors = FieldErrors::new();
        let term = Term::parse("2024-01-15", "  ", &mut errors);
        assert_eq!(
            term,
            Some(Term {
                start: date("2024-01-15"),
                end: None
            })
        );
        assert!(errors.is_empty());
        assert!(term.is_some_and(|t| t.covers(date("2030-01-01"))));
    }

    #[test]
    fn a_term_that_ends_before_it_starts_names_the_end_field() {
        let mut errors = FieldErrors::new();
        assert_eq!(Term::parse("2024-05-01", "2024-04-30", &mut errors), None);
        assert_eq!(
            errors["term_end"],
            vec!["The term cannot end (30 Apr 2024) before it starts (1 May 2024).".to_owned()]
        );
        assert!(!errors.contains_key("term_start"));
    }

    #[test]
    fn unreadable_dates_get_one_message_each() {
        let mut errors = FieldErrors::new();
        assert_eq!(Term::parse("yesterday", "2024-13-01", &mut errors), None);
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn a_one_day_term_is_allowed() {
        let mut errors = FieldErrors::new();
        assert!(Term::parse("2024-05-01", "2024-05-01", &mut errors).is_some());
        assert!(Term::check_end(date("2024-05-01"), date("2024-04-01")).is_err());
        assert!(Term::check_end(date("2024-05-01"), date("2024-05-01")).is_ok());
    }
}
