//! Notifications: the kinds a person can be told about, the channels they choose for each,
//! and the pure rules of when and how to tell them (who is reminded of a vote, the keys that
//! stop an event from being notified twice, the text of a notification mail).
//!
//! Decisions made here once:
//! - Four kinds: a motion opened in a working group where one's organisation holds a seat
//!   (for its principal and alternate, not the convener who opened it); a motion closing
//!   within [`CLOSING_SOON_HOURS`] hours that one's organisation, in its electorate and not
//!   recused, has not voted on (for its principal and alternate in the group); a commitment of
//!   one's organisation overdue (for every person of the organisation); a comment on one's
//!   text (a section one wrote a revision of, or a comment one wrote), not one's own.
//! - Defaults when a person has chosen nothing: in the application on, by e-mail off
//!   (mail only for those who ask for it).
//! - Each event has a key, unique per person ([`motion_opened_key`] and its siblings), so
//!   that the sweep, which runs every minute on every app server, tells each person once.
//!   An overdue commitment's key carries its due date: moved and missed again, it is a new
//!   event.
//!
//! Who may see the record is still decided by `domain::access`: the server checks each
//! recipient before writing.

use super::Timestamp;
use super::motion::MotionStatus;
use super::tlp::Tlp;
use crate::vocabulary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

vocabulary! {
    /// What a notification is about. The code is stored in the database.
    pub enum NotificationKind {
        /// A motion opened for voting in a working group where one's organisation sits.
        MotionOpened => ("motion_opened", "Motion opened"),
        /// A motion closes soon and one's organisation has not voted.
        MotionClosing => ("motion_closing", "Vote closing soon"),
        /// A commitment of one's organisation is past its due date.
        CommitmentOverdue => ("commitment_overdue", "Commitment overdue"),
        /// Someone commented on a text one wrote.
        CommentOnText => ("comment_on_text", "Comment on your text"),
    }
}

vocabulary! {
    /// How a notification reaches a person.
    pub enum Channel {
        /// Listed on the notifications page, counted in the header.
        InApp => ("in_app", "In Concordat"),
        /// Sent by e-mail (through the mail outbox).
        Email => ("email", "By e-mail"),
    }
}

/// Hours before a motion's deadline from which an organisation that has not voted is
/// reminded.
pub const CLOSING_SOON_HOURS: i64 = 48;

/// Notifications per page of the notifications list.
pub const PAGE_SIZE: i64 = 25;

/// Longest title stored (the database holds the same limit).
pub const MAX_TITLE_CHARS: usize = 300;

/// Longest detail line stored (the database holds the same limit).
pub const MAX_DETAIL_CHARS: usize = 500;

/// Longest mail subject the outbox accepts.
const MAX_SUBJECT_CHARS: usize = 300;

impl NotificationKind {
    /// What the kind means, for the preferences form.
    pub const fn description(self) -> &'static str {
        match self {
            NotificationKind::MotionOpened => {
                "A motion opens for voting in a working group where your organisation has a seat."
            }
            NotificationKind::MotionClosing => {
                "Voting on a motion closes within 48 hours and your organisation has not voted."
            }
            NotificationKind::CommitmentOverdue => {
                "A commitment of your organisation has passed its due date."
            }
            NotificationKind::CommentOnText => {
                "Someone comments on a plan section you wrote, or replies to your comment."
            }
        }
    }

    /// The channels of a person who has chosen nothing for this kind.
    pub const fn default_channels(self) -> Channels {
        Channels {
            in_app: true,
            email: false,
        }
    }
}

/// The channels chosen for one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channels {
    /// Listed in the application.
    pub in_app: bool,
    /// Sent by e-mail.
    pub email: bool,
}

impl Channel {
    /// The channel in a phrase, e.g. "Commitment overdue: by e-mail".
    pub const fn phrase(self) -> &'static str {
        match self {
            Channel::InApp => "in Concordat",
            Channel::Email => "by e-mail",
        }
    }
}

impl Channels {
    /// Whether the person is told at all.
    pub fn any(self) -> bool {
        self.in_app || self.email
    }

    /// Whether `channel` is chosen.
    pub fn has(self, channel: Channel) -> bool {
        match channel {
            Channel::InApp => self.in_app,
            Channel::Email => self.email,
        }
    }
}

/// The name of the preferences form's checkbox for a kind and a channel, e.g.
/// `motion_opened.email` (posted as `choices[motion_opened.email]`).
pub fn choice_name(kind: NotificationKind, channel: Channel) -> String {
    [kind.code(), ".", channel.code()].concat()
}

/// The choices a preferences form posted: a ticked box is present, an unticked one absent,
/// so every kind gets an answer for every channel. Unknown names are ignored.
pub fn choices_from_form(form: &BTreeMap<String, String>) -> Vec<(NotificationKind, Channels)> {
    NotificationKind::ALL
        .iter()
        .map(|kind| {
            let ticked = |channel| form.contains_key(&choice_name(*kind, channel));
            (
                *kind,
                Channels {
                    in_app: ticked(Channel::InApp),
                    email: ticked(Channel::Email),
                },
            )
        })
        .collect()
}

/// The key of "motion `motion_id` opened".
pub fn motion_opened_key(motion_id: i64) -> String {
    ["motion_opened:", &motion_id.to_string()].concat()
}

/// The key of "motion `motion_id` closes soon". The sweep's SQL builds the same text
/// (`'motion_closing:' || CAST(id AS TEXT)`) to skip people already told.
pub fn motion_closing_key(motion_id: i64) -> String {
    ["motion_closing:", &motion_id.to_string()].concat()
}

/// The key of "commitment `commitment_id` missed its due date `due`". The sweep's SQL
/// builds the same text to skip people already told.
pub fn commitment_overdue_key(commitment_id: i64, due: super::Date) -> String {
    [
        "commitment_overdue:",
        &commitment_id.to_string(),
        ":",
        &due.to_db_text(),
    ]
    .concat()
}

/// The key of "comment `comment_id` was posted".
pub fn comment_key(comment_id: i64) -> String {
    ["comment:", &comment_id.to_string()].concat()
}

/// The latest deadline that counts as closing soon at `now`.
pub fn closing_soon_horizon(now: Timestamp) -> Timestamp {
    Timestamp::from_datetime(now.as_datetime() + chrono::Duration::hours(CLOSING_SOON_HOURS))
}

/// Whether an organisation of a motion's electorate is reminded to vote at `now`: the motion
/// is open, its deadline is ahead and within [`CLOSING_SOON_HOURS`], and the organisation has
/// neither voted nor recused itself.
pub fn needs_vote_reminder(
    status: MotionStatus,
    closes_at: Timestamp,
    now: Timestamp,
    organisation_voted: bool,
    organisation_recused: bool,
) -> bool {
    status == MotionStatus::Open
        && closes_at > now
        && closes_at <= closing_soon_horizon(now)
        && !organisation_voted
        && !organisation_recused
}

/// Whether a stored link is a path on this site (`/…`), not another site (`//host`,
/// `https://…`) or a script: only those are rendered as links.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The subject of a notification mail: its label first (TLP 2.0 asks that a label travel
/// with the message), then the kind and the title, within the outbox's limit.
pub fn mail_subject(kind: NotificationKind, tlp: Tlp, title: &str) -> String {
    let subject = format!("[{}] {}: {}", tlp.label(), kind.label(), title.trim());
    truncate(&subject, MAX_SUBJECT_CHARS)
}

/// The plain-text body of a notification mail: what happened, where to see it, and how to
/// stop these mails.
pub fn mail_body(
    kind: NotificationKind,
    tlp: Tlp,
    title: &str,
    detail: &str,
    site_url: &str,
    link_path: &str,
) -> String {
    let site = site_url.trim_end_matches('/');
    let mut body = format!("{}: {}\n", kind.label(), title.trim());
    if !detail.trim().is_empty() {
        body.push_str(detail.trim());
        body.push('\n');
    }
    body.push_str(&format!(
        "\nThis message is labelled {}: share it only as the label allows.\n\nOpen it in Concordat:\n{site}{link_path}\n\n\
         You receive this mail because you asked to be told about \"{}\" by e-mail. Change \
         your choices at {site}/account/notifications\n",
        tlp.label(),
        kind.label().to_lowercase(),
    ));
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_db_text(text).expect("instant")
    }

    #[test]
    fn codes_match_the_database_check_constraints() {
        let codes: Vec<_> = NotificationKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            codes,
            [
                "motion_opened",
                "motion_closing",
                "commitment_overdue",
                "comment_on_text"
            ]
        );
        for kind in NotificationKind::ALL {
            assert_eq!(kind.code().parse::<NotificationKind>(), Ok(*kind));
        }
    }

    #[test]
    fn by_default_people_are_told_in_the_application_and_not_by_mail() {
        for kind in NotificationKind::ALL {
            assert_eq!(
                kind.default_channels(),
                Channels {
                    in_app: true,
                    email: false
                }
            );
        }
    }

    #[test]
    fn a_vote_reminder_needs_an_open_motion_closing_within_48_hours_unvoted() {
        let now = at("2026-12-01T12:00:00.000000Z");
        let soon = at("2026-12-03T11:59:00.000000Z");
        let edge = at("2026-12-03T12:00:00.000000Z");
        let later = at("2026-12-03T12:00:01.000000Z");
        let past = at("2026-12-01T11:59:59.000000Z");
        assert!(needs_vote_reminder(
            MotionStatus::Open,
            soon,
            now,
            false,
            false
        ));
        assert!(needs_vote_reminder(
            MotionStatus::Open,
            edge,
            now,
            false,
            false
        ));
        assert!(!needs_vote_reminder(
            MotionStatus::Open,
            later,
            now,
            false,
            false
        ));
        assert!(!needs_vote_reminder(
            MotionStatus::Open,
            past,
            now,
            false,
            false
        ));
        assert!(!needs_vote_reminder(
            MotionStatus::Open,
            soon,
            now,
            true,
            false
        ));
        assert!(!needs_vote_reminder(
            MotionStatus::Open,
            soon,
            now,
            false,
            true
        ));
        for status in [
            MotionStatus::Draft,
            MotionStatus::Closed,
            MotionStatus::Withdrawn,
        ] {
            assert!(!needs_vote_reminder(status, soon, now, false, false));
        }
    }

    #[test]
    fn dedupe_keys_name_the_event_and_an_overdue_key_its_due_date() {
        assert_eq!(motion_opened_key(42), "motion_opened:42");
        assert_eq!(motion_closing_key(42), "motion_closing:42");
        assert_eq!(comment_key(7), "comment:7");
        let due = Date::parse("2026-11-30").expect("date");
        let moved = Date::parse("2026-12-15").expect("date");
        assert_eq!(
            commitment_overdue_key(9, due),
            "commitment_overdue:9:2026-11-30"
        );
        assert_ne!(
            commitment_overdue_key(9, due),
            commitment_overdue_key(9, moved)
        );
        // Keys of different events never collide.
        assert_ne!(motion_opened_key(1), motion_closing_key(1));
    }

    #[test]
    fn the_form_answers_every_kind_and_channel() {
        let form = BTreeMap::from([
            ("motion_opened.in_app".to_owned(), "on".to_owned()),
            ("motion_opened.email".to_owned(), "on".to_owned()),
            ("comment_on_text.email".to_owned(), "on".to_owned()),
            ("unknown.in_app".to_owned(), "on".to_owned()),
        ]);
        let choices = choices_from_form(&form);
        assert_eq!(choices.len(), NotificationKind::ALL.len());
        let of = |kind| {
            choices
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, c)| *c)
                .expect("answered")
        };
        assert_eq!(
            of(NotificationKind::MotionOpened),
            Channels {
                in_app: true,
                email: true
            }
        );
        assert_eq!(
            of(NotificationKind::MotionClosing),
            Channels {
                in_app: false,
                email: false
            }
        );
        assert_eq!(
            of(NotificationKind::CommentOnText),
            Channels {
                in_app: false,
                email: true
            }
        );
        assert_eq!(
            choice_name(NotificationKind::CommitmentOverdue, Channel::InApp),
            "commitment_overdue.in_app"
        );
    }

    #[test]
    fn only_paths_on_this_site_are_links() {
        assert!(is_local_path("/p/us-hph/motions/4"));
        assert!(is_local_path("/p/us-hph/plan/v/3/workspace#comment-9"));
        assert!(!is_local_path("//evil.example/x"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("javascript:alert(1)"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path(""));
    }

    #[test]
    fn mail_carries_the_label_the_link_and_how_to_stop_it() {
        let subject = mail_subject(NotificationKind::MotionOpened, Tlp::Amber, "Adopt v3");
        assert_eq!(subject, "[TLP:AMBER] Motion opened: Adopt v3");
        let long = mail_subject(NotificationKind::MotionOpened, Tlp::Green, &"x".repeat(400));
        assert_eq!(long.chars().count(), 300);
        assert!(long.ends_with('…'));
        let body = mail_body(
            NotificationKind::MotionOpened,
            Tlp::Green,
            "Adopt v3",
            "Voting closes on 8 Dec 2026, 17:00 UTC.",
            "https://concordat.example/",
            "/p/us-hph/motions/4",
        );
        assert!(body.contains("https://concordat.example/p/us-hph/motions/4\n"));
        assert!(body.contains("TLP:GREEN"));
        assert!(body.contains("Voting closes on 8 Dec 2026"));
        assert!(body.contains("https://concordat.example/account/notifications"));
    }
}
