//! Telling people: the notifications an action or the periodic sweep writes, and the mail
//! queued for those who chose e-mail.
//!
//! Everything here runs inside the caller's write transaction, so that a notification and
//! its mail exist exactly when the action that caused them was committed (a motion opened,
//! a comment posted), and not otherwise. Each recipient is checked with
//! `domain::access::can_see` against the record before anything is written, so a title
//! never reaches someone who may not read the record. The rules of who is told are in
//! `domain::notification`; the SQL that gathers the facts in `db::notifications`.
//!
//! [`sweep`] finds what has become due with time (motions closing soon that an organisation
//! has not voted on, commitments past their due date); `serve` runs it every minute, and
//! the keys of `domain::notification` make a second run tell nobody twice.

use crate::domain::access::{Actor, Resource, can_see};
use crate::domain::commitment::is_overdue;
use crate::domain::notification::{
    self as rules, Channels, MAX_DETAIL_CHARS, MAX_TITLE_CHARS, NotificationKind,
};
use crate::domain::{Timestamp, Tlp};
use crate::ssr::db::notifications::{self as q, NewNotification, RecipientRow};
use crate::ssr::db::{Conn, Database, DbError, access, commitments, mail};
use std::collections::HashMap;

/// What to tell: one event, the same for every recipient.
#[derive(Clone, Debug)]
pub struct Notice {
    /// The kind (which decides the recipients' channels).
    pub kind: NotificationKind,
    /// The record's label (carried in the mail subject).
    pub tlp: Tlp,
    /// The record's title.
    pub title: String,
    /// One line of context.
    pub detail: String,
    /// Where to read it: a path on this site.
    pub link_path: String,
    /// The event's key (`domain::notification::*_key`).
    pub dedupe_key: String,
}

/// Writes the notice for one person on the channels they chose; queues a mail when they
/// chose e-mail and the notification is new. Returns whether it was new.
async fn deliver(
    conn: &mut Conn,
    site_url: &str,
    notice: &Notice,
    person_id: i64,
    email: &str,
    channels: Channels,
    now: Timestamp,
) -> Result<bool, DbError> {
    if !channels.any() {
        return Ok(false);
    }
    let title = rules::truncate(&notice.title, MAX_TITLE_CHARS);
    let detail = rules::truncate(&notice.detail, MAX_DETAIL_CHARS);
    let written = q::insert_notification(
        conn,
        NewNotification {
            person_id,
            kind: notice.kind,
            title: title.clone(),
            detail: detail.clone(),
            link_path: notice.link_path.clone(),
            dedupe_key: notice.dedupe_key.clone(),
            in_app: channels.in_app,
            emailed: channels.email,
            created_at: now,
        },
    )
    .await?;
    if written && channels.email {
        mail::insert_mail(
            conn,
            mail::NewMail {
                to: email.to_owned(),
                subject: rules::mail_subject(notice.kind, notice.tlp, &title),
                body: rules::mail_body(
                    notice.kind,
                    notice.tlp,
                    &title,
                    &detail,
                    site_url,
                    &notice.link_path,
                ),
                created_at: now,
            },
        )
        .await?;
    }
    Ok(written)
}

/// The facts of people, read once per person however many notices they get.
#[derive(Default)]
struct Actors(HashMap<i64, Option<Actor>>);

impl Actors {
    /// Whether the person (active, on `now`'s date) may see the resource.
    async fn may_see(
        &mut self,
        conn: &mut Conn,
        person_id: i64,
        resource: &Resource,
        now: Timestamp,
    ) -> Result<bool, DbError> {
        let actor = match self.0.get(&person_id) {
            Some(actor) => actor.clone(),
            None => {
                let actor = access::load_actor(conn, person_id, now.date()).await?;
                self.0.insert(person_id, actor.clone());
                actor
            }
        };
        Ok(actor.is_some_and(|actor| can_see(&actor, resource)))
    }
}

/// Tells each recipient who may see `resource` (with their own named-recipient flag).
async fn tell_all(
    conn: &mut Conn,
    site_url: &str,
    notice: &Notice,
    resource: &Resource,
    recipients: &[RecipientRow],
    now: Timestamp,
) -> Result<usize, DbError> {
    let mut actors = Actors::default();
    let mut told = 0;
    for r in recipients {
        let channels = r.channels();
        if !channels.any() {
            continue;
        }
        let theirs = Resource {
            actor_is_named_recipient: r.named != 0,
            ..resource.clone()
        };
        if !actors.may_see(conn, r.person_id, &theirs, now).await? {
            continue;
        }
        if deliver(conn, site_url, notice, r.person_id, &r.email, channels, now).await? {
            told += 1;
        }
    }
    Ok(told)
}

/// The authorisation facts of a motion (as `api::motions` builds them), for a reader who is
/// a named recipient or not.
fn motion_resource(
    partnership_id: i64,
    council_id: Option<i64>,
    working_group_id: i64,
    tlp: Tlp,
) -> Resource {
    Resource {
        partnership_id,
        council_id,
        working_group_id: Some(working_group_id),
        owner_organisation_id: None,
        tlp,
        actor_is_named_recipient: false,
        plan_version_id: None,
    }
}

fn motion_path(partnership_slug: &str, motion_id: i64) -> String {
    format!("/p/{partnership_slug}/motions/{motion_id}")
}

/// A motion that has just opened.
#[derive(Clone, Debug)]
pub struct OpenedMotion<'a> {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: &'a str,
    /// Its label.
    pub tlp: Tlp,
    /// Its partnership.
    pub partnership_id: i64,
    /// The partnership's URL key.
    pub partnership_slug: &'a str,
    /// Its group's council (`None` for a joint group).
    pub council_id: Option<i64>,
    /// Its working group.
    pub working_group_id: i64,
    /// The group's name.
    pub group_name: &'a str,
    /// Its deadline.
    pub closes_at: Timestamp,
    /// Who opened it (not told).
    pub opened_by: Option<i64>,
}

/// Tells the members of the motion's working group (the principals and alternates of its
/// seated organisations, voting or observing) that it opened, except whoever opened it.
/// Call it in the transaction that opens the motion. Returns how many were told.
pub async fn motion_opened(
    conn: &mut Conn,
    site_url: &str,
    motion: &OpenedMotion<'_>,
    now: Timestamp,
) -> Result<usize, DbError> {
    let kind = NotificationKind::MotionOpened;
    let recipients = q::list_group_member_recipients(
        conn,
        motion.id,
        motion.opened_by.unwrap_or(-1),
        now.date(),
        kind,
        kind.default_channels(),
    )
    .await?;
    let notice = Notice {
        kind,
        tlp: motion.tlp,
        title: motion.title.to_owned(),
        detail: format!(
            "Open for voting in {}; voting closes on {}.",
            motion.group_name,
            motion.closes_at.display_short()
        ),
        link_path: motion_path(motion.partnership_slug, motion.id),
        dedupe_key: rules::motion_opened_key(motion.id),
    };
    let resource = motion_resource(
        motion.partnership_id,
        motion.council_id,
        motion.working_group_id,
        motion.tlp,
    );
    tell_all(conn, site_url, &notice, &resource, &recipients, now).await
}

/// A comment just posted on a section, goal or objective of a plan version.
#[derive(Clone, Debug)]
pub struct PostedComment<'a> {
    /// Its id.
    pub id: i64,
    /// Who wrote it (not told).
    pub author_id: Option<i64>,
    /// The section it is on, if it is on a section (its revisions' authors are told).
    pub section_id: Option<i64>,
    /// The comment it answers, if any (its author is told).
    pub parent_comment_id: Option<i64>,
    /// The title of what it is on.
    pub target_title: &'a str,
    /// The partnership's URL key.
    pub partnership_slug: &'a str,
    /// The plan version's number.
    pub version_number: i64,
    /// The comment's label.
    pub tlp: Tlp,
    /// What a reader must be allowed to see: the commented record, in its version.
    pub resource: Resource,
}

/// Tells the authors of the commented text (every author of a revision of the section, and
/// the author of the comment answered) of a new comment, except its own author. Call it in
/// the transaction that posts the comment. Returns how many were told.
pub async fn comment_posted(
    conn: &mut Conn,
    site_url: &str,
    comment: &PostedComment<'_>,
    now: Timestamp,
) -> Result<usize, DbError> {
    if comment.section_id.is_none() && comment.parent_comment_id.is_none() {
        return Ok(0);
    }
    let kind = NotificationKind::CommentOnText;
    let recipients = q::list_text_author_recipients(
        conn,
        comment.section_id.unwrap_or(-1),
        comment.parent_comment_id.unwrap_or(-1),
        comment.author_id.unwrap_or(-1),
        kind,
        kind.default_channels(),
    )
    .await?;
    let notice = Notice {
        kind,
        tlp: comment.tlp.max(comment.resource.tlp),
        title: comment.target_title.to_owned(),
        detail: if comment.parent_comment_id.is_some() {
            format!(
                "A reply in the comments on plan version {}.",
                comment.version_number
            )
        } else {
            format!("A new comment on plan version {}.", comment.version_number)
        },
        link_path: format!(
            "/p/{}/plan/v/{}/workspace#comment-{}",
            comment.partnership_slug, comment.version_number, comment.id
        ),
        dedupe_key: rules::comment_key(comment.id),
    };
    tell_all(conn, site_url, &notice, &comment.resource, &recipients, now).await
}

/// What a sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// People found not yet told of an event (before the rules and access were applied).
    pub candidates: usize,
    /// Notifications written.
    pub notified: usize,
}

/// Tells, once, the representatives of organisations that have not voted on a motion
/// closing within 48 hours, and the people of organisations whose commitments are overdue.
/// Reads candidates without a lock, then writes in one write transaction (nothing at all
/// when there is nothing new). Safe to run on several app servers at once.
pub async fn sweep(db: &Database, site_url: &str, now: Timestamp) -> Result<SweepReport, DbError> {
    let today = now.date();
    let (reminders, overdue) = {
        let mut conn = db.pool().acquire().await?;
        let reminders = q::list_vote_reminder_candidates(
            &mut conn,
            now,
            rules::closing_soon_horizon(now),
            today,
            NotificationKind::MotionClosing.default_channels(),
        )
        .await?;
        let overdue = q::list_overdue_commitment_candidates(
            &mut conn,
            today,
            NotificationKind::CommitmentOverdue.default_channels(),
        )
        .await?;
        (reminders, overdue)
    };
    let mut report = SweepReport {
        candidates: reminders.len() + overdue.len(),
        notified: 0,
    };
    if report.candidates == 0 {
        return Ok(report);
    }
    let mut tx = db.begin_write().await?;
    let mut actors = Actors::default();
    for r in &reminders {
        if !rules::needs_vote_reminder(r.status, r.closes_at, now, r.voted != 0, r.recused != 0) {
            continue;
        }
        let resource = Resource {
            actor_is_named_recipient: r.named != 0,
            ..motion_resource(r.partnership_id, r.council_id, r.working_group_id, r.tlp)
        };
        if !actors.may_see(&mut tx, r.person_id, &resource, now).await? {
            continue;
        }
        let notice = Notice {
            kind: NotificationKind::MotionClosing,
            tlp: r.tlp,
            title: r.title.clone(),
            detail: format!(
                "Voting in {} closes on {}, and your organisation has not voted.",
                r.group_name,
                r.closes_at.display_short()
            ),
            link_path: motion_path(&r.partnership_slug, r.motion_id),
            dedupe_key: rules::motion_closing_key(r.motion_id),
        };
        let channels = Channels {
            in_app: r.in_app != 0,
            email: r.by_email != 0,
        };
        if deliver(
            &mut tx,
            site_url,
            &notice,
            r.person_id,
            &r.email,
            channels,
            now,
        )
        .await?
        {
            report.notified += 1;
        }
    }
    for c in &overdue {
        if !is_overdue(c.status, c.due_date, today) {
            continue;
        }
        let resource = commitments::resource(
            c.partnership_id,
            c.organisation_id,
            c.working_group_id,
            c.tlp,
            c.named,
        );
        if !actors.may_see(&mut tx, c.person_id, &resource, now).await? {
            continue;
        }
        let notice = Notice {
            kind: NotificationKind::CommitmentOverdue,
            tlp: c.tlp,
            title: c.title.clone(),
            detail: format!(
                "It was due on {} and is {}.",
                c.due_date.display_long(),
                c.status.label().to_lowercase()
            ),
            link_path: format!("/p/{}/commitments/{}", c.partnership_slug, c.commitment_id),
            dedupe_key: rules::commitment_overdue_key(c.commitment_id, c.due_date),
        };
        let channels = Channels {
            in_app: c.in_app != 0,
            email: c.by_email != 0,
        };
        if deliver(
            &mut tx,
            site_url,
            &notice,
            c.person_id,
            &c.email,
            channels,
            now,
        )
        .await?
        {
            report.notified += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}
