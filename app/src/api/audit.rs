//! The audit trail as platform operators read it: events filtered by actor, record, action
//! and time, newest first, a page at a time.

use crate::domain::Timestamp;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Events per page.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// The filter form as typed: every field is text from the query string, empty (or absent)
/// for "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// An e-mail address, a recorded actor label (`system`, a client address) or a person's
    /// numeric id.
    pub actor: String,
    /// A record type, e.g. `council`.
    pub record_type: String,
    /// A record id.
    pub record_id: String,
    /// An action, e.g. `sign_in_failed`.
    pub action: String,
    /// The first day, `YYYY-MM-DD` (UTC).
    pub from: String,
    /// The last day, `YYYY-MM-DD` (UTC), included.
    pub to: String,
    /// The page, from 1; empty for the first.
    pub page: String,
}

/// One event as the operator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEventView {
    /// Its id (its place in the chain).
    pub id: i64,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// Who acted, as recorded (an e-mail address, `system`, a client address).
    pub actor_label: String,
    /// The acting person's id, when a person acted.
    pub actor_person_id: Option<i64>,
    /// That person's e-mail address today, when it differs from the recorded label.
    pub actor_email_now: Option<String>,
    /// What was done.
    pub action: String,
    /// The kind of record.
    pub record_type: String,
    /// The record's id.
    pub record_id: Option<i64>,
    /// The partnership's short name (or `#id` if it has none).
    pub partnership: Option<String>,
    /// The record before, as compact JSON.
    pub before: Option<String>,
    /// The record after, as compact JSON.
    pub after: Option<String>,
}

/// One page of events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEventPage {
    /// The events, newest first.
    pub events: Vec<AuditEventView>,
    /// How many events match the filter in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// How many pages there are (at least 1).
    pub page_count: i64,
}

/// A page of audit events matching `query`, newest first. Operators only.
#[server(endpoint = "list_audit_events")]
pub async fn list_audit_events(
    /// The filters and the page, as typed in the form.
    query: AuditQuery,
) -> Result<AuditEventPage, AppError> {
    crate::ssr::error::serve(imp::list_audit_events(query)).await
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::domain::Date;
    use crate::error::FieldErrors;
    use crate::ssr::access::require_admin;
    use crate::ssr::db::DbError;
    use crate::ssr::db::audit::{self, AuditEventRow, AuditFilter};
    use crate::ssr::state::AppState;
    use chrono::Duration;

    /// Longest text accepted in a filter field (the columns hold at most 64 characters,
    /// e-mail addresses 254).
    const MAX_FIELD: usize = 254;

    pub async fn list_audit_events(query: AuditQuery) -> Result<AuditEventPage, AppError> {
        require_admin().await?;
        let (filter, page) = parse_query(&query)?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let total = audit::count_events(&mut conn, &filter).await?;
        let page_count = ((total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE).max(1);
        let page = page.min(page_count);
        let offset = (page - 1) * AUDIT_PAGE_SIZE;
        let rows = audit::list_events(&mut conn, &filter, AUDIT_PAGE_SIZE, offset).await?;
        Ok(AuditEventPage {
            events: rows.into_iter().map(view_of).collect(),
            total,
            page,
            page_count,
        })
    }

    fn view_of(row: AuditEventRow) -> AuditEventView {
        let actor_email_now = row.actor_email.filter(|email| *email != row.actor_label);
        let partnership = match (row.partnership_name, row.partnership_id) {
            (Some(name), _) => Some(name),
            (None, Some(id)) => Some(format!("#{id}")),
            (None, None) => None,
        };
        AuditEventView {
            id: row.id,
            occurred_at: row.occurred_at,
            actor_label: row.actor_label,
            actor_person_id: row.actor_person_id,
            actor_email_now,
            action: row.action,
            record_type: row.record_type,
            record_id: row.record_id,
            partnership,
            before: row.before_json,
            after: row.after_json,
        }
    }

    /// The database filter and the page number of a typed query, or the fields that are
    /// wrong.
    pub(super) fn parse_query(query: &AuditQuery) -> Result<(AuditFilter, i64), AppError> {
        let mut problems = Problems::default();
        let actor = problems.text("actor", &query.actor);
        let record_id = problems.text("record_id", &query.record_id);
        let from = problems.text("from", &query.from);
        let to = problems.text("to", &query.to);
        let page = problems.text("page", &query.page);
        let mut filter = AuditFilter {
            record_type: problems.text("record_type", &query.record_type),
            action: problems.text("action", &query.action),
            ..AuditFilter::default()
        };
        // A number is a person's id; anything else an e-mail address or a recorded label.
        if let Some(actor) = actor {
            match actor.parse::<i64>() {
                Ok(id) => filter.actor_person_id = Some(id),
                Err(_) if actor.contains('@') => filter.actor = Some(actor.to_lowercase()),
                Err(_) => filter.actor = Some(actor),
            }
        }
        if let Some(id) = record_id {
            match id.parse::<i64>() {
                Ok(id) => filter.record_id = Some(id),
                Err(_) => problems.add("record_id", "Enter the record's id as a whole number."),
            }
        }
        let from_day = problems.day("from", from);
        let to_day = problems.day("to", to);
        if let (Some(first), Some(last)) = (from_day, to_day)
            && last < first
        {
            problems.add("to", "The last day is before the first.");
        }
        filter.from = from_day.map(start_of);
        // The last day is included: events before the start of the next day.
        filter.to = to_day
            .map(|day| Timestamp::from_datetime(start_of(day).as_datetime() + Duration::days(1)));
        let page = match page.map(|p| p.parse::<i64>()) {
            None => 1,
            Some(Ok(n)) if n >= 1 => n,
            Some(_) => {
                problems.add("page", "The page is a whole number from 1.");
                1
            }
        };
        if problems.0.is_empty() {
            Ok((filter, page))
        } else {
            Err(AppError::Invalid(problems.0))
        }
    }

    /// The field errors found so far.
    #[derive(Default)]
    struct Problems(FieldErrors);

    impl Problems {
        fn add(&mut self, field: &str, message: &str) {
            self.0
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        }

        /// The trimmed text of a field, `None` when empty or too long (noted).
        fn text(&mut self, field: &str, value: &str) -> Option<String> {
            let value = value.trim();
            if value.chars().count() > MAX_FIELD {
                self.add(field, "This is longer than any recorded value.");
                return None;
            }
            (!value.is_empty()).then(|| value.to_owned())
        }

        /// The date of a field, `None` when empty or not a date (noted).
        fn day(&mut self, field: &str, value: Option<String>) -> Option<Date> {
            let date = Date::parse(value.as_deref()?);
            if date.is_err() {
                self.add(field, "Enter a date as YYYY-MM-DD.");
            }
            date.ok()
        }
    }

    /// 00:00 UTC on `day`.
    fn start_of(day: Date) -> Timestamp {
        Timestamp::from_datetime(day.as_naive().and_time(chrono::NaiveTime::MIN).and_utc())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::imp::parse_query;
    use super::*;

    fn query(fields: &[(&str, &str)]) -> AuditQuery {
        let mut query = AuditQuery::default();
        for (field, value) in fields {
            let slot = match *field {
                "actor" => &mut query.actor,
                "record_type" => &mut query.record_type,
                "record_id" => &mut query.record_id,
                "action" => &mut query.action,
                "from" => &mut query.from,
                "to" => &mut query.to,
                "page" => &mut query.page,
                other => panic!("no field {other}"),
            };
            *slot = (*value).to_owned();
        }
        query
    }

    #[test]
    fn an_empty_query_matches_everything_from_the_first_page() {
        let (filter, page) = parse_query(&AuditQuery::default()).expect("valid");
        assert_eq!(filter, Default::default());
        assert_eq!(page, 1);
    }

    #[test]
    fn an_actor_is_a_person_id_an_e_mail_address_or_a_label() {
        let (filter, _) = parse_query(&query(&[("actor", " 42 ")])).expect("valid");
        assert_eq!((filter.actor_person_id, filter.actor), (Some(42), None));
        let (filter, _) = parse_query(&query(&[("actor", "Ops@Example.org")])).expect("valid");
        assert_eq!(filter.actor.as_deref(), Some("ops@example.org"));
        let (filter, _) = parse_query(&query(&[("actor", "203.0.113.9")])).expect("valid");
        assert_eq!(filter.actor.as_deref(), Some("203.0.113.9"));
    }

    #[test]
    fn the_last_day_is_included() {
        let (filter, _) =
            parse_query(&query(&[("from", "2026-11-30"), ("to", "2026-11-30")])).expect("valid");
        assert_eq!(
            filter.from.map(Timestamp::to_db_text).as_deref(),
            Some("2026-11-30T00:00:00.000000Z")
        );
        assert_eq!(
            filter.to.map(Timestamp::to_db_text).as_deref(),
            Some("2026-12-01T00:00:00.000000Z")
        );
    }

    #[test]
    fn bad_fields_are_each_named() {
        let err = parse_query(&query(&[
            ("record_id", "seven"),
            ("from", "30/11/2026"),
            ("page", "0"),
        ]))
        .expect_err("invalid");
        let AppError::Invalid(fields) = err else {
            panic!("not Invalid: {err:?}");
        };
        assert_eq!(
            fields.keys().map(String::as_str).collect::<Vec<_>>(),
            ["from", "page", "record_id"]
        );
        let err = parse_query(&query(&[("from", "2026-12-02"), ("to", "2026-12-01")]))
            .expect_err("invalid");
        assert_eq!(
            err,
            AppError::invalid("to", "The last day is before the first.")
        );
    }
}
