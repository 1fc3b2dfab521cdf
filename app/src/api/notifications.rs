//! The signed-in person's notifications: the list (newest first, a page at a time), the
//! unread count the header shows, marking one or all read, and the choice of channels per
//! kind. Every function needs a signed-in person and touches only that person's rows: a
//! notification of someone else is answered as absent (404), and stays unread.
//!
//! Notifications are written elsewhere (`ssr::notify`), in the transaction of what they
//! announce. Marking read is personal state and is not audited; a change of preferences is.
//!
//! The forms post as plain HTML forms and are answered with a redirect (see
//! `api::account::answer`), so the pages work without JavaScript.

use crate::domain::Timestamp;
use crate::domain::notification::{Channels, NotificationKind};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One notification as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    /// Id (for marking it read).
    pub id: i64,
    /// What about.
    pub kind: NotificationKind,
    /// The record's title.
    pub title: String,
    /// One line of context.
    pub detail: String,
    /// Where to read it (a path on this site), when it is one.
    pub link: Option<String>,
    /// When.
    pub created_at: Timestamp,
    /// Whether it has been read.
    pub read: bool,
}

/// A page of the person's notifications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    /// Newest first.
    pub items: Vec<NotificationView>,
    /// Unread notifications in all (not only on this page).
    pub unread: i64,
    /// This page's number, from 1.
    pub page: i64,
    /// Whether there are older notifications on a next page.
    pub has_older: bool,
}

/// The person's choice for one kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferenceView {
    /// The kind.
    pub kind: NotificationKind,
    /// The chosen channels (the defaults when nothing was chosen).
    pub channels: Channels,
}

/// A page of the signed-in person's notifications, newest first.
#[server(endpoint = "list_notifications")]
pub async fn list_notifications(
    /// The page, from 1 (default 1).
    #[server(default)]
    page: Option<i64>,
) -> Result<NotificationPage, AppError> {
    crate::ssr::error::serve(imp::list_notifications(page.unwrap_or(1))).await
}

/// How many of the signed-in person's notifications are unread.
#[server(endpoint = "count_unread_notifications")]
pub async fn count_unread_notifications() -> Result<i64, AppError> {
    crate::ssr::error::serve(imp::count_unread()).await
}

/// Marks one of the signed-in person's notifications read. Someone else's is not found.
#[server(endpoint = "mark_notification_read")]
pub async fn mark_notification_read(
    /// The notification.
    id: i64,
    /// The list page to return to (forms).
    #[server(default)]
    page: Option<i64>,
) -> Result<(), AppError> {
    let outcome = imp::mark_read(id).await.map_err(Into::into);
    let back = list_path(page, None);
    crate::api::account::answer(outcome, &list_path(page, Some("read")), &back)
}

/// Marks every notification of the signed-in person read.
#[server(endpoint = "mark_all_notifications_read")]
pub async fn mark_all_notifications_read() -> Result<(), AppError> {
    let outcome = imp::mark_all_read().await.map_err(Into::into);
    crate::api::account::answer(outcome, "/notifications?done=all_read", "/notifications")
}

/// The signed-in person's channels for every kind.
#[server(endpoint = "get_notification_preferences")]
pub async fn get_notification_preferences() -> Result<Vec<PreferenceView>, AppError> {
    crate::ssr::error::serve(imp::get_preferences()).await
}

/// Saves the signed-in person's channels for every kind: a box ticked in the form is present
/// as `choices[<kind>.<channel>]` (see `domain::notification::choice_name`); a kind or
/// channel absent is turned off. Audited.
#[server(endpoint = "save_notification_preferences")]
pub async fn save_notification_preferences(
    /// The ticked boxes.
    #[server(default)]
    choices: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let outcome = imp::save_preferences(choices).await.map_err(Into::into);
    crate::api::account::answer(
        outcome,
        "/account/notifications?done=saved",
        "/account/notifications",
    )
}

/// `/notifications`, on `page` (when past the first), with a `done` code.
pub fn list_path(page: Option<i64>, done: Option<&str>) -> String {
    let mut query = Vec::new();
    if let Some(page) = page.filter(|p| *p > 1) {
        query.push(format!("page={page}"));
    }
    if let Some(done) = done {
        query.push(format!("done={done}"));
    }
    if query.is_empty() {
        "/notifications".to_owned()
    } else {
        format!("/notifications?{}", query.join("&"))
    }
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::domain::notification::{PAGE_SIZE, choices_from_form, is_local_path};
    use crate::ssr::access::require_signed_in;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::{DbError, notifications as q};
    use crate::ssr::state::AppState;

    /// Pages beyond this are not served (a person with this many notifications reads the
    /// first pages).
    const MAX_PAGE: i64 = 10_000;

    /// The signed-in (active) person's id.
    async fn person() -> Result<i64, AppError> {
        require_signed_in()
            .await?
            .actor()
            .person_id
            .ok_or(AppError::Unauthenticated)
    }

    pub async fn list_notifications(page: i64) -> Result<NotificationPage, AppError> {
        let person = person().await?;
        let page = page.clamp(1, MAX_PAGE);
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let mut rows =
            q::list_notifications(&mut tx, person, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
        let unread = q::count_unread_notifications(&mut tx, person).await?;
        tx.commit().await.map_err(DbError::from)?;
        let has_older = rows.len() > usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
        rows.truncate(usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX));
        Ok(NotificationPage {
            items: rows
                .into_iter()
                .map(|r| NotificationView {
                    id: r.id,
                    kind: r.kind,
                    link: is_local_path(&r.link_path).then_some(r.link_path),
                    title: r.title,
                    detail: r.detail,
                    created_at: r.created_at,
                    read: r.read_at.is_some(),
                })
                .collect(),
            unread,
            page,
            has_older,
        })
    }

    pub async fn count_unread() -> Result<i64, AppError> {
        let person = person().await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        Ok(q::count_unread_notifications(&mut conn, person).await?)
    }

    pub async fn mark_read(id: i64) -> Result<(), AppError> {
        let person = person().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        q::mark_notification_read(&mut tx, person, id, Timestamp::now()).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }

    pub async fn mark_all_read() -> Result<(), AppError> {
        let person = person().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        q::mark_all_notifications_read(&mut tx, person, Timestamp::now()).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }

    pub async fn get_preferences() -> Result<Vec<PreferenceView>, AppError> {
        let person = person().await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let stored = q::list_preferences(&mut conn, person).await?;
        Ok(NotificationKind::ALL
            .iter()
            .map(|kind| PreferenceView {
                kind: *kind,
                channels: stored
                    .iter()
                    .find(|row| row.kind == *kind)
                    .map_or_else(|| kind.default_channels(), |row| row.channels()),
            })
            .collect())
    }

    pub async fn save_preferences(form: BTreeMap<String, String>) -> Result<(), AppError> {
        let person = person().await?;
        let choices = choices_from_form(&form);
        let now = Timestamp::now();
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        for (kind, channels) in &choices {
            q::upsert_preference(&mut tx, person, *kind, *channels, now).await?;
        }
        let after: BTreeMap<&str, Channels> = choices
            .iter()
            .map(|(kind, channels)| (kind.code(), *channels))
            .collect();
        audit::record(
            &mut tx,
            AuditEvent::new("notification_preferences_saved", "person", Some(person))
                .by(Some(person), format!("person #{person}"))
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_address_keeps_the_page_and_says_what_was_done() {
        assert_eq!(list_path(None, None), "/notifications");
        assert_eq!(list_path(Some(1), Some("read")), "/notifications?done=read");
        assert_eq!(
            list_path(Some(3), Some("read")),
            "/notifications?page=3&done=read"
        );
        assert_eq!(list_path(Some(2), None), "/notifications?page=2");
    }
}
