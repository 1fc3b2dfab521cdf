//! Notifications and notification preferences: writing a notification once per person and
//! event, a person's list (newest first) and unread count, marking read (only one's own),
//! preferences, and the queries that find who is to be told: the members of a motion's
//! group, the authors of a commented text, and the sweep's candidates (motions closing
//! soon that an organisation has not voted on, overdue commitments).
//!
//! Who is told, and whether they may see the record, is decided in `ssr::notify` with
//! `domain::notification` and `domain::access`; these queries only gather the facts, with
//! each person's channels for the kind (their stored choice, else the default bound by the
//! caller).

use super::{Conn, DbError};
use crate::domain::motion::MotionStatus;
use crate::domain::notification::{Channels, NotificationKind};
use crate::domain::plan::CommitmentStatus;
use crate::domain::{Date, Timestamp, Tlp};

/// A notification to write.
#[derive(Clone, Debug)]
pub struct NewNotification {
    /// Who is told.
    pub person_id: i64,
    /// What about.
    pub kind: NotificationKind,
    /// The record's title.
    pub title: String,
    /// One line of context (may be empty).
    pub detail: String,
    /// Where to read it: a path on this site.
    pub link_path: String,
    /// The event's key; a second notification with the same key for the person is dropped.
    pub dedupe_key: String,
    /// Listed in the application (otherwise only remembered, having been mailed).
    pub in_app: bool,
    /// A mail was queued for it.
    pub emailed: bool,
    /// When.
    pub created_at: Timestamp,
}

/// Writes a notification unless the person already has one with its key; returns whether
/// it was written. `ON CONFLICT DO NOTHING` on `(person_id, dedupe_key)`: two sweeps at
/// once (two app servers) write it once, and neither fails.
pub async fn insert_notification(conn: &mut Conn, new: NewNotification) -> Result<bool, DbError> {
    let done = sqlx::query(
        "INSERT INTO notifications
            (person_id, kind, title, detail, link_path, dedupe_key, in_app, emailed, created_at,
             updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (person_id, dedupe_key) DO NOTHING",
    )
    .bind(new.person_id)
    .bind(new.kind)
    .bind(new.title)
    .bind(new.detail)
    .bind(new.link_path)
    .bind(new.dedupe_key)
    .bind(i64::from(new.in_app))
    .bind(i64::from(new.emailed))
    .bind(new.created_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A notification as its owner reads it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NotificationRow {
    /// Primary key.
    pub id: i64,
    /// What about.
    pub kind: NotificationKind,
    /// The record's title.
    pub title: String,
    /// One line of context.
    pub detail: String,
    /// Where to read it.
    pub link_path: String,
    /// When it was read; `None` while unread.
    pub read_at: Option<Timestamp>,
    /// When.
    pub created_at: Timestamp,
}

/// A page of a person's notifications (those listed in the application), newest first.
pub async fn list_notifications(
    conn: &mut Conn,
    person_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<NotificationRow>, DbError> {
    Ok(sqlx::query_as::<_, NotificationRow>(
        "SELECT id, kind, title, detail, link_path, read_at, created_at
         FROM notifications
         WHERE person_id = $1 AND in_app = 1
         ORDER BY created_at DESC, id DESC
         LIMIT $2 OFFSET $3",
    )
    .bind(person_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?)
}

/// How many of a person's notifications are unread.
pub async fn count_unread_notifications(conn: &mut Conn, person_id: i64) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM notifications
         WHERE person_id = $1 AND in_app = 1 AND read_at IS NULL",
    )
    .bind(person_id)
    .fetch_one(conn)
    .await?)
}

/// Marks one of the person's notifications read (a second time changes nothing).
/// `NotFound` when the person has no such notification, whoever else may have it.
pub async fn mark_notification_read(
    conn: &mut Conn,
    person_id: i64,
    notification_id: i64,
    at: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, $3), updated_at = $3
         WHERE id = $1 AND person_id = $2 AND in_app = 1",
    )
    .bind(notification_id)
    .bind(person_id)
    .bind(at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Marks every unread notification of the person read; returns how many.
pub async fn mark_all_notifications_read(
    conn: &mut Conn,
    person_id: i64,
    at: Timestamp,
) -> Result<u64, DbError> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $2, updated_at = $2
         WHERE person_id = $1 AND in_app = 1 AND read_at IS NULL",
    )
    .bind(person_id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// A stored choice of channels for a kind.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PreferenceRow {
    /// The kind.
    pub kind: NotificationKind,
    /// 1: listed in the application.
    pub in_app: i64,
    /// 1: sent by e-mail.
    pub email: i64,
}

impl PreferenceRow {
    /// The channels.
    pub fn channels(&self) -> Channels {
        Channels {
            in_app: self.in_app != 0,
            email: self.email != 0,
        }
    }
}

/// The person's stored choices (kinds without one use their defaults).
pub async fn list_preferences(
    conn: &mut Conn,
    person_id: i64,
) -> Result<Vec<PreferenceRow>, DbError> {
    Ok(sqlx::query_as::<_, PreferenceRow>(
        "SELECT kind, in_app, email FROM notification_preferences
         WHERE person_id = $1
         ORDER BY kind",
    )
    .bind(person_id)
    .fetch_all(conn)
    .await?)
}

/// Stores the person's channels for a kind (replacing an earlier choice).
pub async fn upsert_preference(
    conn: &mut Conn,
    person_id: i64,
    kind: NotificationKind,
    channels: Channels,
    at: Timestamp,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO notification_preferences (person_id, kind, in_app, email, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (person_id, kind)
         DO UPDATE SET in_app = excluded.in_app, email = excluded.email,
                       updated_at = excluded.updated_at",
    )
    .bind(person_id)
    .bind(kind)
    .bind(i64::from(channels.in_app))
    .bind(i64::from(channels.email))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A person to tell, with their channels for the kind and whether they are a named
/// recipient of the record (for TLP:RED).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RecipientRow {
    /// The person.
    pub person_id: i64,
    /// Their address, for mail.
    pub email: String,
    /// 1: listed in the application.
    pub in_app: i64,
    /// 1: sent by e-mail.
    pub by_email: i64,
    /// 1: a named recipient of the record.
    pub named: i64,
}

impl RecipientRow {
    /// The channels.
    pub fn channels(&self) -> Channels {
        Channels {
            in_app: self.in_app != 0,
            email: self.by_email != 0,
        }
    }
}

/// The principals and alternates of the organisations seated (voting or observing) in a
/// motion's working group on `today`, active, except `except_person_id` (the person who
/// opened it; -1 for none), with their channels for `kind` (`defaults` when they chose none).
pub async fn list_group_member_recipients(
    conn: &mut Conn,
    motion_id: i64,
    except_person_id: i64,
    today: Date,
    kind: NotificationKind,
    defaults: Channels,
) -> Result<Vec<RecipientRow>, DbError> {
    Ok(sqlx::query_as::<_, RecipientRow>(
        "SELECT DISTINCT p.id AS person_id, p.email,
                COALESCE(np.in_app, $5) AS in_app, COALESCE(np.email, $6) AS by_email,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'motion'
                                  AND r.record_id = mo.id AND r.person_id = p.id) THEN 1 ELSE 0 END AS named
         FROM motions mo
         JOIN working_group_memberships m ON m.working_group_id = mo.working_group_id
              AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)
         JOIN people p ON (p.id = m.principal_person_id OR p.id = m.alternate_person_id)
              AND p.is_active = 1
         LEFT JOIN notification_preferences np ON np.person_id = p.id AND np.kind = $4
         WHERE mo.id = $1 AND p.id <> $2
         ORDER BY p.id",
    )
    .bind(motion_id)
    .bind(except_person_id)
    .bind(today)
    .bind(kind)
    .bind(i64::from(defaults.in_app))
    .bind(i64::from(defaults.email))
    .fetch_all(conn)
    .await?)
}

/// The authors of a commented text: everyone who saved a revision of section `section_id`
/// (-1 for none) and the author of comment `parent_comment_id` (-1 for none), active,
/// except `commenter_id`, with their channels for `kind`. Goals and objectives record no
/// author, so a comment on one reaches only the author of the comment it answers.
pub async fn list_text_author_recipients(
    conn: &mut Conn,
    section_id: i64,
    parent_comment_id: i64,
    commenter_id: i64,
    kind: NotificationKind,
    defaults: Channels,
) -> Result<Vec<RecipientRow>, DbError> {
    Ok(sqlx::query_as::<_, RecipientRow>(
        "SELECT p.id AS person_id, p.email,
                COALESCE(np.in_app, $5) AS in_app, COALESCE(np.email, $6) AS by_email,
                0 AS named
         FROM people p
         LEFT JOIN notification_preferences np ON np.person_id = p.id AND np.kind = $4
         WHERE p.is_active = 1 AND p.id <> $3
           AND (p.id IN (SELECT r.author_person_id FROM section_revisions r
                         WHERE r.section_id = $1 AND r.author_person_id IS NOT NULL)
                OR p.id IN (SELECT c.author_person_id FROM comments c
                            WHERE c.id = $2 AND c.author_person_id IS NOT NULL))
         ORDER BY p.id",
    )
    .bind(section_id)
    .bind(parent_comment_id)
    .bind(commenter_id)
    .bind(kind)
    .bind(i64::from(defaults.in_app))
    .bind(i64::from(defaults.email))
    .fetch_all(conn)
    .await?)
}

/// A representative whose organisation is in the electorate of an open motion that closes
/// by the horizon, and who has not been reminded of it yet.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VoteReminderRow {
    /// The motion.
    pub motion_id: i64,
    /// Its title.
    pub title: String,
    /// Its state.
    pub status: MotionStatus,
    /// Its deadline.
    pub closes_at: Timestamp,
    /// Its label.
    pub tlp: Tlp,
    /// Its partnership.
    pub partnership_id: i64,
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its group's council (`None` for a joint group).
    pub council_id: Option<i64>,
    /// Its working group.
    pub working_group_id: i64,
    /// The group's name.
    pub group_name: String,
    /// 1 when the organisation has a current ballot.
    pub voted: i64,
    /// 1 when the organisation recused itself.
    pub recused: i64,
    /// The representative.
    pub person_id: i64,
    /// Their address.
    pub email: String,
    /// 1: listed in the application.
    pub in_app: i64,
    /// 1: sent by e-mail.
    pub by_email: i64,
    /// 1: a named recipient of the motion.
    pub named: i64,
}

/// The sweep's candidates for "a motion closing soon that your organisation has not voted
/// on": open motions with a deadline in `(now, horizon]`, each with the principal and
/// alternate (seated on `today`, voting) of every organisation of its electorate that has
/// neither voted nor recused itself, who chose a channel for the kind and have no
/// notification with the event's key (`domain::notification::motion_closing_key`) yet.
/// The conditions are a pre-filter, so that a sweep every minute reads little; whether each
/// is reminded is `domain::notification::needs_vote_reminder`, which the `voted` and
/// `recused` columns feed.
pub async fn list_vote_reminder_candidates(
    conn: &mut Conn,
    now: Timestamp,
    horizon: Timestamp,
    today: Date,
    defaults: Channels,
) -> Result<Vec<VoteReminderRow>, DbError> {
    Ok(sqlx::query_as::<_, VoteReminderRow>(
        "SELECT mo.id AS motion_id, mo.title, mo.status, mo.closes_at, mo.tlp,
                w.partnership_id, pa.slug AS partnership_slug, w.council_id, mo.working_group_id,
                w.name AS group_name,
                CASE WHEN EXISTS (SELECT 1 FROM ballots b WHERE b.motion_id = mo.id
                                  AND b.organisation_id = e.organisation_id AND b.is_current = 1)
                     THEN 1 ELSE 0 END AS voted,
                CASE WHEN e.recused_at IS NULL THEN 0 ELSE 1 END AS recused,
                p.id AS person_id, p.email,
                COALESCE(np.in_app, $4) AS in_app, COALESCE(np.email, $5) AS by_email,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'motion'
                                  AND r.record_id = mo.id AND r.person_id = p.id) THEN 1 ELSE 0 END AS named
         FROM motions mo
         JOIN working_groups w ON w.id = mo.working_group_id
         JOIN partnerships pa ON pa.id = w.partnership_id
         JOIN motion_electorate e ON e.motion_id = mo.id
         JOIN working_group_memberships m ON m.working_group_id = mo.working_group_id
              AND m.organisation_id = e.organisation_id AND m.is_voting = 1
              AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)
         JOIN people p ON (p.id = m.principal_person_id OR p.id = m.alternate_person_id)
              AND p.is_active = 1
         LEFT JOIN notification_preferences np ON np.person_id = p.id AND np.kind = 'motion_closing'
         WHERE mo.status = 'open' AND mo.closes_at > $1 AND mo.closes_at <= $2
           AND e.recused_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.motion_id = mo.id
                           AND b.organisation_id = e.organisation_id AND b.is_current = 1)
           AND (COALESCE(np.in_app, $4) = 1 OR COALESCE(np.email, $5) = 1)
           AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.person_id = p.id
                           AND n.dedupe_key = 'motion_closing:' || CAST(mo.id AS TEXT))
         ORDER BY mo.id, p.id",
    )
    .bind(now)
    .bind(horizon)
    .bind(today)
    .bind(i64::from(defaults.in_app))
    .bind(i64::from(defaults.email))
    .fetch_all(conn)
    .await?)
}

/// A person of an organisation with a commitment past its due date, not yet told of it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OverdueCandidateRow {
    /// The commitment.
    pub commitment_id: i64,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: CommitmentStatus,
    /// Its due date.
    pub due_date: Date,
    /// Its label.
    pub tlp: Tlp,
    /// Its partnership.
    pub partnership_id: i64,
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The committing organisation.
    pub organisation_id: i64,
    /// The working group that adopts the partnership's plan (its owning body).
    pub working_group_id: Option<i64>,
    /// The person.
    pub person_id: i64,
    /// Their address.
    pub email: String,
    /// 1: listed in the application.
    pub in_app: i64,
    /// 1: sent by e-mail.
    pub by_email: i64,
    /// 1: a named recipient of the commitment.
    pub named: i64,
}

/// The sweep's candidates for "a commitment of your organisation is overdue": commitments
/// due before `today` whose work is still expected, each with every active person of the
/// committing organisation who chose a channel for the kind and has no notification with
/// the event's key (`domain::notification::commitment_overdue_key`) yet. Whether each is
/// told is `domain::commitment::is_overdue`.
pub async fn list_overdue_commitment_candidates(
    conn: &mut Conn,
    today: Date,
    defaults: Channels,
) -> Result<Vec<OverdueCandidateRow>, DbError> {
    Ok(sqlx::query_as::<_, OverdueCandidateRow>(
        "SELECT k.id AS commitment_id, k.title, k.status, k.due_date, k.tlp, k.partnership_id,
                pa.slug AS partnership_slug, k.organisation_id, pl.working_group_id,
                p.id AS person_id, p.email,
                COALESCE(np.in_app, $2) AS in_app, COALESCE(np.email, $3) AS by_email,
                CASE WHEN EXISTS (SELECT 1 FROM tlp_red_recipients r WHERE r.record_type = 'commitment'
                                  AND r.record_id = k.id AND r.person_id = p.id) THEN 1 ELSE 0 END AS named
         FROM commitments k
         JOIN partnerships pa ON pa.id = k.partnership_id
         LEFT JOIN plans pl ON pl.partnership_id = k.partnership_id
         JOIN people p ON p.organisation_id = k.organisation_id AND p.is_active = 1
         LEFT JOIN notification_preferences np ON np.person_id = p.id AND np.kind = 'commitment_overdue'
         WHERE k.due_date < $1 AND k.status IN ('accepted', 'in_progress', 'at_risk')
           AND (COALESCE(np.in_app, $2) = 1 OR COALESCE(np.email, $3) = 1)
           AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.person_id = p.id
                           AND n.dedupe_key = 'commitment_overdue:' || CAST(k.id AS TEXT) || ':' || k.due_date)
         ORDER BY k.id, p.id",
    )
    .bind(today)
    .bind(i64::from(defaults.in_app))
    .bind(i64::from(defaults.email))
    .fetch_all(conn)
    .await?)
}
