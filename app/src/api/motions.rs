//! Working-group motions and voting (DOMAIN.md, "Voting rules"): drafting a motion and its
//! rules (editable while a draft, locked once it opens), opening it (which fixes the
//! electorate), ballots (one current ballot per organisation, changeable until close, the
//! history kept), recusals, proxies, closing (by a convener or at the deadline, see
//! `ssr::voting`), the motion page, a group's motions, its calendar of deadlines, and the
//! public record of what was decided.
//!
//! Who may do what is `domain::access` (drafting: conveners and the secretariat; opening,
//! closing, withdrawing: conveners; ballots, recusals and proxies: the principal or
//! alternate of a voting seat). The database holds the ballot rules too (one current ballot
//! per organisation, none outside the window, none from outside the electorate or from a
//! recused organisation, rules locked once open); the checks here come first so that each
//! refusal says what is wrong in words.

use crate::domain::motion::{
    BallotChoice, BallotMode, MotionDraft, MotionKind, MotionOutcome, MotionStatus, MotionSubject,
    Threshold,
};
use crate::domain::partnership::Side;
use crate::domain::tally::{Rules, Tally};
use crate::domain::{Timestamp, Tlp};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest motion text accepted, in characters.
pub const MAX_MOTION_CHARS: usize = 20_000;
/// Longest voting window accepted, in days.
pub const MAX_WINDOW_DAYS: i64 = 90;

/// A motion's text and rules as its form posts them (all text; checked by
/// [`MotionInput::validate`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MotionInput {
    /// What is decided: `general`, or `adopt_plan_version:ID`, `accept_commitment:ID`,
    /// `appoint_focal_point:ID`.
    pub subject: String,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP code.
    pub tlp: String,
    /// Start of the voting window, `YYYY-MM-DDTHH:MM` in UTC.
    pub opens_at: String,
    /// End of the voting window, `YYYY-MM-DDTHH:MM` in UTC.
    pub closes_at: String,
    /// Quorum in percent of the electorate.
    pub quorum_percent: String,
    /// Threshold code.
    pub threshold: String,
    /// Present (`true`) when ticked.
    pub dual_majority: Option<String>,
    /// Ballot mode code.
    pub ballot_mode: String,
}

/// Reads `YYYY-MM-DDTHH:MM` (what `<input type="datetime-local">` posts; seconds allowed) as
/// an instant in UTC.
pub fn parse_utc_minute(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .into_iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(text, format).ok())
        .map(|at| Timestamp::from_datetime(at.and_utc()))
}

/// Writes an instant the way [`parse_utc_minute`] reads it (for form values).
pub fn format_utc_minute(at: Timestamp) -> String {
    at.as_datetime().format("%Y-%m-%dT%H:%M").to_string()
}

impl MotionInput {
    /// Default values for a new motion: a general resolution whose voting runs from now
    /// (to the minute) for a week, simple majority, half the members as quorum, roll call.
    /// A window that starts in the past when the motion is opened starts at its opening.
    pub fn defaults(now: Timestamp) -> Self {
        use chrono::{Duration, Timelike};
        let start = now.as_datetime();
        let start = start
            .with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(start);
        MotionInput {
            subject: "general".to_owned(),
            tlp: Tlp::Green.code().to_owned(),
            opens_at: format_utc_minute(Timestamp::from_datetime(start)),
            closes_at: format_utc_minute(Timestamp::from_datetime(start + Duration::days(7))),
            quorum_percent: "50".to_owned(),
            threshold: Threshold::Simple.code().to_owned(),
            ballot_mode: BallotMode::RollCall.code().to_owned(),
            ..MotionInput::default()
        }
    }

    /// Checks every field that needs no database (whether the subject belongs to the group is
    /// checked by the server).
    pub fn validate(&self) -> Result<MotionDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let subject = MotionSubject::parse(self.subject.trim());
        if subject.is_none() {
            fail(
                "subject",
                "Choose what the motion decides (a general resolution, or one of the listed records)."
                    .into(),
            );
        }
        let title = self.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > 300 {
            fail(
                "title",
                "Enter the motion's title (1 to 300 characters).".into(),
            );
        }
        let body = self.body.replace("\r\n", "\n");
        if body.chars().count() > MAX_MOTION_CHARS {
            fail(
                "body",
                format!("The text can have at most {MAX_MOTION_CHARS} characters."),
            );
        } else if let Some(what) = crate::domain::text::active_content(&body) {
            fail(
                "body",
                format!(
                    "The text contains {what}, which is not allowed. Remove it, or put it in a code \
                     block (between backticks) to show it as text."
                ),
            );
        }
        let tlp = self.tlp.parse::<Tlp>().ok();
        if tlp.is_none() {
            fail("tlp", "Choose a TLP label.".into());
        }
        let opens_at = parse_utc_minute(&self.opens_at);
        if opens_at.is_none() {
            fail(
                "opens_at",
                "Enter when voting opens as a date and time (UTC), e.g. 2026-12-01T14:00.".into(),
            );
        }
        let closes_at = parse_utc_minute(&self.closes_at);
        match (opens_at, closes_at) {
            (_, None) => fail(
                "closes_at",
                "Enter when voting closes as a date and time (UTC), e.g. 2026-12-08T17:00.".into(),
            ),
            (Some(opens), Some(closes)) if closes <= opens => {
                fail("closes_at", "Voting must close after it opens.".into())
            }
            (Some(opens), Some(closes))
                if closes.as_datetime() - opens.as_datetime()
                    > chrono::Duration::days(MAX_WINDOW_DAYS) =>
            {
                fail(
                    "closes_at",
                    format!("The voting window can be at most {MAX_WINDOW_DAYS} days long."),
                )
            }
            _ => {}
        }
        let quorum = self
            .quorum_percent
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|q| (0..=100).contains(q));
        if quorum.is_none() {
            fail(
                "quorum_percent",
                "Enter the quorum as a whole percentage from 0 to 100.".into(),
            );
        }
        let threshold = self.threshold.parse::<Threshold>().ok();
        if threshold.is_none() {
            fail(
                "threshold",
                "Choose a threshold: simple, absolute, two-thirds or consensus.".into(),
            );
        }
        let ballot_mode = self.ballot_mode.parse::<BallotMode>().ok();
        if ballot_mode.is_none() {
            fail(
                "ballot_mode",
                "Choose roll-call or anonymous ballots.".into(),
            );
        }
        match (
            subject,
            tlp,
            opens_at,
            closes_at,
            quorum,
            threshold,
            ballot_mode,
        ) {
            (
                Some(subject),
                Some(tlp),
                Some(opens_at),
                Some(closes_at),
                Some(quorum_percent),
                Some(threshold),
                Some(ballot_mode),
            ) if errors.is_empty() => Ok(MotionDraft {
                subject,
                title,
                body,
                tlp,
                opens_at,
                closes_at,
                quorum_percent,
                threshold,
                dual_majority: self.dual_majority.is_some(),
                ballot_mode,
            }),
            _ => Err(errors),
        }
    }
}

/// A motion in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotionSummary {
    /// Id (its page is `/p/{slug}/motions/{id}`).
    pub id: i64,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: MotionKind,
    /// Label.
    pub tlp: Tlp,
    /// State.
    pub status: MotionStatus,
    /// Window start.
    pub opens_at: Timestamp,
    /// Window end.
    pub closes_at: Timestamp,
    /// When it closed.
    pub closed_at: Option<Timestamp>,
    /// How it ended.
    pub outcome: Option<MotionOutcome>,
    /// Yes, no, abstain and electorate, once closed.
    pub counts: Option<[i64; 4]>,
    /// The group's URL key.
    pub group_slug: String,
    /// The group's name.
    pub group_name: String,
}

/// A working group's motions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMotions {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The group's URL key.
    pub group_slug: String,
    /// Its name.
    pub group_name: String,
    /// Open motions, soonest deadline first.
    pub open: Vec<MotionSummary>,
    /// Drafts (only for those who may draft).
    pub drafts: Vec<MotionSummary>,
    /// Closed and withdrawn motions, latest first.
    pub closed: Vec<MotionSummary>,
    /// The viewer may draft a motion.
    pub can_draft: bool,
}

/// The form for a new motion (or a draft's edit form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MotionForm {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The group's URL key.
    pub group_slug: String,
    /// Its name.
    pub group_name: String,
    /// What the motion can decide: (form code, label).
    pub subjects: Vec<(String, String)>,
    /// The values to show.
    pub input: MotionInput,
}

/// One ballot, as those who may see it see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    /// Id (what a change replaces).
    pub id: i64,
    /// Yes, no or abstain.
    pub choice: BallotChoice,
    /// The representative who cast it.
    pub cast_by: Option<String>,
    /// The organisation that cast it as proxy, if it was.
    pub via_proxy: Option<String>,
    /// When.
    pub cast_at: Timestamp,
    /// Whether it is the one that counts.
    pub is_current: bool,
}

/// An organisation of the electorate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectorView {
    /// The organisation.
    pub organisation_id: i64,
    /// Its name.
    pub name: String,
    /// Its URL key.
    pub slug: String,
    /// Its side when the motion opened.
    pub side: Side,
    /// "Recused on … by …: reason", when it recused itself.
    pub recusal: Option<String>,
    /// Its current ballot (roll call only).
    pub ballot: Option<BallotView>,
    /// The organisation holding its proxy (live or used), if any.
    pub proxy_to: Option<String>,
}

/// A proxy the viewer's organisation holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldProxy {
    /// The organisation that gave it.
    pub from_organisation_id: i64,
    /// Its name.
    pub from_name: String,
    /// The ballot cast with it that counts, if any.
    pub current: Option<BallotView>,
}

/// What the signed-in representative of an organisation in the electorate sees.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoterPanel {
    /// The viewer's organisation.
    pub organisation_name: String,
    /// Why the viewer cannot act now (not in the electorate, recused, not open yet…).
    pub blocked: Option<String>,
    /// The organisation's ballot that counts.
    pub current: Option<BallotView>,
    /// Every ballot of the organisation, oldest first.
    pub history: Vec<BallotView>,
    /// The proxy the organisation gave: (holder's name, used).
    pub proxy_given: Option<(String, bool)>,
    /// Proxies the organisation holds.
    pub proxies_held: Vec<HeldProxy>,
    /// Organisations that could hold the organisation's proxy: (id, name).
    pub proxy_targets: Vec<(i64, String)>,
}

/// A motion's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MotionDetail {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The group's URL key.
    pub group_slug: String,
    /// Its name.
    pub group_name: String,
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: MotionKind,
    /// What it decides on: (label, link).
    pub subject: Option<(String, Option<String>)>,
    /// Title.
    pub title: String,
    /// The text, rendered and sanitised.
    pub body_html: String,
    /// Label.
    pub tlp: Tlp,
    /// State.
    pub status: MotionStatus,
    /// Window start.
    pub opens_at: Timestamp,
    /// Window end.
    pub closes_at: Timestamp,
    /// Quorum, threshold, dual majority.
    pub rules: Rules,
    /// Roll call or anonymous.
    pub ballot_mode: BallotMode,
    /// Who drafted it.
    pub proposed_by: Option<String>,
    /// When it opened.
    pub opened_at: Option<Timestamp>,
    /// When it closed.
    pub closed_at: Option<Timestamp>,
    /// Who closed it (`None`: at its deadline).
    pub closed_by: Option<String>,
    /// How it ended.
    pub outcome: Option<MotionOutcome>,
    /// The tally, where the rules allow showing it (closed, or open with roll call).
    pub tally: Option<Tally>,
    /// The tally in words.
    pub explanation: Option<String>,
    /// Ballots cast so far and the electorate (an open anonymous motion shows only this).
    pub turnout: Option<(i64, i64)>,
    /// The electorate (ballots shown for roll call only).
    pub electorate: Vec<ElectorView>,
    /// The viewer's own panel, for a representative of a voting organisation of the group.
    pub voter: Option<VoterPanel>,
    /// The viewer may open, close or withdraw it.
    pub can_manage: bool,
    /// The draft's edit form, for those who may draft.
    pub edit: Option<MotionForm>,
    /// What happened to the plan version a carried adoption motion names.
    pub adoption_note: Option<String>,
}

/// What a partnership decided: its closed motions the viewer may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decisions {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// Closed motions, latest first.
    pub motions: Vec<MotionSummary>,
}

/// A working group's motions (open, drafts for those who may draft, closed).
#[server(endpoint = "get_group_motions")]
pub async fn get_group_motions(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
) -> Result<GroupMotions, AppError> {
    crate::ssr::error::serve(imp::get_group_motions(partnership, group)).await
}

/// The form for a new motion of a group (conveners and the secretariat).
#[server(endpoint = "get_motion_form")]
pub async fn get_motion_form(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
) -> Result<MotionForm, AppError> {
    crate::ssr::error::serve(imp::get_motion_form(partnership, group)).await
}

/// Drafts a motion in a group (conveners and the secretariat). Audited.
#[server(endpoint = "draft_motion")]
pub async fn draft_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The group's URL key.
    group: String,
    /// Text and rules.
    input: MotionInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::draft_motion(partnership, group, input)).await
}

/// Saves a draft motion's text and rules; refused once it has opened. Audited.
#[server(endpoint = "update_motion")]
pub async fn update_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
    /// Text and rules.
    input: MotionInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_motion(partnership, motion, input)).await
}

/// Opens a draft motion (a convener): its electorate is fixed now. Audited.
#[server(endpoint = "open_motion")]
pub async fn open_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::open_motion(partnership, motion)).await
}

/// Closes an open motion now (a convener); the outcome is computed, stored and audited.
#[server(endpoint = "close_motion")]
pub async fn close_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::close_motion(partnership, motion)).await
}

/// Withdraws a draft or open motion (a convener). Audited.
#[server(endpoint = "withdraw_motion")]
pub async fn withdraw_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::withdraw_motion(partnership, motion)).await
}

/// Casts or changes the ballot of the viewer's organisation (or, with `organisation`, of the
/// organisation whose proxy it holds). `replaces` is the ballot the voter saw as current:
/// a ballot is changed only knowingly, so two people of one organisation cannot both cast
/// "its" ballot. Audited. Returns the new ballot's id (what a client passes as `replaces` to
/// change it).
#[server(endpoint = "cast_ballot")]
pub async fn cast_ballot(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
    /// `yes`, `no` or `abstain`.
    choice: String,
    /// The organisation voted for, when casting a proxy; empty for one's own.
    #[server(default)]
    organisation: Option<String>,
    /// The current ballot this one changes, if any.
    #[server(default)]
    replaces: Option<String>,
) -> Result<i64, AppError> {
    crate::ssr::error::serve(imp::cast_ballot(
        partnership,
        motion,
        choice,
        organisation,
        replaces,
    ))
    .await
}

/// Declares a conflict of interest: the viewer's organisation leaves this motion's
/// electorate. Audited.
#[server(endpoint = "recuse_from_motion")]
pub async fn recuse_from_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
    /// The conflict of interest, in a sentence.
    reason: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::recuse_from_motion(partnership, motion, reason)).await
}

/// Gives the viewer's organisation's proxy for this motion to another organisation of the
/// electorate. Audited.
#[server(endpoint = "give_proxy")]
pub async fn give_proxy(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
    /// The organisation that will cast the ballot.
    to: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::give_proxy(partnership, motion, to)).await
}

/// Revokes the viewer's organisation's proxy, while it is unused. Audited.
#[server(endpoint = "revoke_proxy")]
pub async fn revoke_proxy(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::revoke_proxy(partnership, motion)).await
}

/// A motion's page.
#[server(endpoint = "get_motion")]
pub async fn get_motion(
    /// The partnership's URL key.
    partnership: String,
    /// The motion.
    motion: i64,
) -> Result<MotionDetail, AppError> {
    crate::ssr::error::serve(imp::get_motion(partnership, motion)).await
}

/// What the partnership decided: closed motions the viewer may see (the public sees
/// TLP:CLEAR ones).
#[server(endpoint = "get_decisions")]
pub async fn get_decisions(
    /// The partnership's URL key.
    partnership: String,
) -> Result<Decisions, AppError> {
    crate::ssr::error::serve(imp::get_decisions(partnership)).await
}

/// The iCalendar feed of a group's open motions that the viewer may see: one event per
/// voting window. Served by `server::exports`.
#[cfg(feature = "ssr")]
pub async fn build_group_calendar(
    database: &crate::ssr::db::Database,
    viewer: &crate::ssr::access::Viewer,
    partnership: &str,
    group: &str,
    base_url: &str,
) -> Result<String, AppError> {
    imp::build_group_calendar(database, viewer, partnership, group, base_url).await
}

/// The motions of `rows` the viewer may see, as list entries (for dashboards).
#[cfg(feature = "ssr")]
pub(crate) fn visible_summaries(
    viewer: &crate::ssr::access::Viewer,
    rows: &[crate::ssr::db::motions::MotionRow],
) -> Vec<MotionSummary> {
    rows.iter()
        .filter(|m| imp::may_see(viewer, m))
        .map(imp::summary)
        .collect()
}

/// The closed motions of a partnership the viewer may see, latest first, at most `limit`
/// (for the open-data API and feeds; the same rule as the decisions page).
#[cfg(feature = "ssr")]
pub(crate) async fn visible_decisions(
    conn: &mut crate::ssr::db::Conn,
    viewer: &crate::ssr::access::Viewer,
    partnership_id: i64,
    limit: i64,
) -> Result<Vec<crate::ssr::db::motions::MotionRow>, AppError> {
    let rows = crate::ssr::db::motions::list_closed_motions(
        conn,
        partnership_id,
        limit,
        viewer.visibility().person_id,
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter(|m| imp::may_see(viewer, m))
        .collect())
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::visible_partnership;
    use crate::api::working_groups::{group_resource, visible_group};
    use crate::domain::access::{Action, Resource};
    use crate::domain::ical::{self, CalendarEvent};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::motions::{self as q, MotionRow};
    use crate::ssr::db::partnerships::PartnershipRow;
    use crate::ssr::db::working_groups::{self, WorkingGroupRecord};
    use crate::ssr::db::{Conn, DbError};
    use crate::ssr::markdown;
    use crate::ssr::notify;
    use crate::ssr::state::AppState;
    use crate::ssr::voting::{self, Closer};
    use std::collections::HashMap;

    /// How many decisions the public record lists.
    const DECISIONS_LIMIT: i64 = 200;

    fn motion_resource(motion: &MotionRow) -> Resource {
        Resource {
            partnership_id: motion.partnership_id,
            council_id: motion.council_id,
            working_group_id: Some(motion.working_group_id),
            owner_organisation_id: None,
            tlp: motion.tlp,
            actor_is_named_recipient: motion.named != 0,
            plan_version_id: None,
        }
    }

    /// Whether the viewer may see this motion: its label allows it, and a draft only to
    /// those who may draft in the group.
    pub(super) fn may_see(viewer: &Viewer, motion: &MotionRow) -> bool {
        let res = motion_resource(motion);
        viewer.can(Action::View, &res)
            && (motion.status != MotionStatus::Draft || viewer.can(Action::DraftMotion, &res))
    }

    /// The motion, when it belongs to the partnership and the viewer may see it.
    async fn visible_motion(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        motion_id: i64,
    ) -> Result<(PartnershipRow, MotionRow), AppError> {
        let p = visible_partnership(conn, viewer, partnership).await?;
        let motion = q::find_motion(conn, motion_id, viewer.visibility().person_id)
            .await?
            .filter(|m| m.partnership_id == p.id && may_see(viewer, m))
            .ok_or(AppError::NotFound)?;
        Ok((p, motion))
    }

    pub(super) fn summary(m: &MotionRow) -> MotionSummary {
        let counts = match (m.yes_count, m.no_count, m.abstain_count, m.electorate_size) {
            (Some(y), Some(n), Some(a), Some(e)) => Some([y, n, a, e]),
            _ => None,
        };
        MotionSummary {
            id: m.id,
            title: m.title.clone(),
            kind: m.kind,
            tlp: m.tlp,
            status: m.status,
            opens_at: m.opens_at,
            closes_at: m.closes_at,
            closed_at: m.closed_at,
            outcome: m.outcome,
            counts,
            group_slug: m.group_slug.clone(),
            group_name: m.group_name.clone(),
        }
    }

    fn motion_url(slug: &str, id: i64) -> String {
        format!("/p/{slug}/motions/{id}")
    }

    /// Closes the motions whose deadline passed before a page reads them, so that a page
    /// read after a deadline shows the outcome even when the deadline task has not run.
    async fn close_due() -> Result<(), AppError> {
        voting::close_due_motions(&AppState::current().db).await?;
        Ok(())
    }

    pub async fn get_group_motions(
        partnership: String,
        group: String,
    ) -> Result<GroupMotions, AppError> {
        close_due().await?;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (p, g) = visible_group(&mut tx, &viewer, &partnership, &group).await?;
        let rows = q::list_group_motions(&mut tx, g.id, viewer.visibility().person_id).await?;
        tx.commit().await.map_err(DbError::from)?;
        let can_draft = viewer.can(Action::DraftMotion, &group_resource(&g, g.tlp));
        let mut open = Vec::new();
        let mut drafts = Vec::new();
        let mut closed = Vec::new();
        for m in rows.iter().filter(|m| may_see(&viewer, m)) {
            match m.status {
                MotionStatus::Open => open.push(summary(m)),
                MotionStatus::Draft => drafts.push(summary(m)),
                MotionStatus::Closed | MotionStatus::Withdrawn => closed.push(summary(m)),
            }
        }
        open.sort_by_key(|m| (m.closes_at, m.id));
        Ok(GroupMotions {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            group_slug: g.slug,
            group_name: g.name,
            open,
            drafts,
            closed,
            can_draft,
        })
    }

    /// The form codes and labels of what a motion of this group can decide on.
    async fn subjects(
        conn: &mut Conn,
        p: &PartnershipRow,
        g: &WorkingGroupRecord,
    ) -> Result<Vec<(String, String)>, AppError> {
        let rows = q::list_motion_subjects(conn, p.id, g.id, Timestamp::now().date()).await?;
        let mut subjects = vec![(
            MotionSubject::GeneralResolution.code(),
            MotionKind::GeneralResolution.label().to_owned(),
        )];
        for row in rows {
            let (choice, label) = match row.kind {
                MotionKind::AdoptPlanVersion => (
                    MotionSubject::AdoptPlanVersion(row.id),
                    format!(
                        "Adopt plan version {}: {}",
                        row.number.unwrap_or_default(),
                        row.title
                    ),
                ),
                MotionKind::AcceptCommitment => (
                    MotionSubject::AcceptCommitment(row.id),
                    format!(
                        "Accept the commitment “{}” ({})",
                        row.title,
                        row.organisation_name.unwrap_or_default()
                    ),
                ),
                MotionKind::AppointFocalPoint => (
                    MotionSubject::AppointFocalPoint(row.id),
                    format!(
                        "Appoint {} ({}) as focal point",
                        row.title,
                        row.organisation_name.unwrap_or_default()
                    ),
                ),
                MotionKind::GeneralResolution => continue,
            };
            subjects.push((choice.code(), label));
        }
        Ok(subjects)
    }

    fn input_of(m: &MotionRow) -> MotionInput {
        let subject =
            MotionSubject::of(m.kind, m.plan_version_id, m.commitment_id, m.focal_point_id);
        MotionInput {
            subject: subject.code(),
            title: m.title.clone(),
            body: m.body.clone(),
            tlp: m.tlp.code().to_owned(),
            opens_at: format_utc_minute(m.opens_at),
            closes_at: format_utc_minute(m.closes_at),
            quorum_percent: m.quorum_percent.to_string(),
            threshold: m.threshold.code().to_owned(),
            dual_majority: (m.dual_majority != 0).then(|| "true".to_owned()),
            ballot_mode: m.ballot_mode.code().to_owned(),
        }
    }

    /// Checks the form against the group: the subject must be one it can decide on now.
    async fn checked(
        conn: &mut Conn,
        p: &PartnershipRow,
        g: &WorkingGroupRecord,
        input: &MotionInput,
        current: Option<&str>,
    ) -> Result<MotionDraft, AppError> {
        let valid = input.validate().map_err(AppError::Invalid)?;
        let code = valid.subject.code();
        let allowed = current == Some(code.as_str())
            || subjects(conn, p, g).await?.iter().any(|(c, _)| *c == code);
        if !allowed {
            return Err(AppError::invalid(
                "subject",
                "This record cannot be decided on by a motion of this group now (a plan version \
                 must be a draft or in review, a commitment proposed, a focal point in office).",
            ));
        }
        Ok(valid)
    }

    pub async fn get_motion_form(
        partnership: String,
        group: String,
    ) -> Result<MotionForm, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (p, g) = visible_group(&mut tx, &viewer, &partnership, &group).await?;
        viewer.authorize(Action::DraftMotion, &group_resource(&g, g.tlp))?;
        let subjects = subjects(&mut tx, &p, &g).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(MotionForm {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            group_slug: g.slug,
            group_name: g.name,
            subjects,
            input: MotionInput::defaults(Timestamp::now()),
        })
    }

    pub async fn draft_motion(
        partnership: String,
        group: String,
        input: MotionInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, g) = visible_group(&mut tx, &viewer, &partnership, &group).await?;
        viewer.authorize(Action::DraftMotion, &group_resource(&g, g.tlp))?;
        let valid = checked(&mut tx, &p, &g, &input, None).await?;
        let now = Timestamp::now();
        if valid.closes_at <= now {
            return Err(AppError::invalid(
                "closes_at",
                "Voting must close in the future.",
            ));
        }
        let id = q::insert_motion(
            &mut tx,
            q::NewMotion {
                working_group_id: g.id,
                draft: valid,
                proposed_by_person_id: viewer.actor().person_id,
                created_at: now,
            },
        )
        .await?;
        let after = audit::snapshot(&input)?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "motion", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(after),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=drafted", motion_url(&p.slug, id)));
        Ok(())
    }

    /// The motion for a change by someone allowed to `action` on it.
    async fn for_change(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        motion_id: i64,
        action: Action,
    ) -> Result<(PartnershipRow, MotionRow), AppError> {
        let (p, m) = visible_motion(conn, viewer, partnership, motion_id).await?;
        viewer.authorize(action, &motion_resource(&m))?;
        Ok((p, m))
    }

    fn locked_message(m: &MotionRow) -> String {
        match m.status {
            MotionStatus::Draft => "The motion is a draft.".to_owned(),
            MotionStatus::Open => format!(
                "The rules of this motion are locked: it opened on {}. Withdraw it and draft a new \
                 one to change them.",
                m.opened_at.unwrap_or(m.opens_at).display_short()
            ),
            MotionStatus::Closed => format!(
                "The motion closed on {}; nothing about it can change.",
                m.closed_at.unwrap_or(m.closes_at).display_short()
            ),
            MotionStatus::Withdrawn => "The motion was withdrawn.".to_owned(),
        }
    }

    pub async fn update_motion(
        partnership: String,
        motion: i64,
        input: MotionInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, m) =
            for_change(&mut tx, &viewer, &partnership, motion, Action::DraftMotion).await?;
        if m.status != MotionStatus::Draft {
            return Err(AppError::Conflict(locked_message(&m)));
        }
        let g = working_groups::find_working_group(
            &mut tx,
            p.id,
            &m.group_slug,
            viewer.visibility().person_id,
        )
        .await?
        .ok_or(AppError::NotFound)?;
        let before = input_of(&m);
        let valid = checked(&mut tx, &p, &g, &input, Some(before.subject.as_str())).await?;
        let now = Timestamp::now();
        q::update_draft_motion(&mut tx, m.id, valid, now)
            .await
            .map_err(|err| match err {
                DbError::Conflict(_) => AppError::Conflict(locked_message(&m)),
                other => other.into(),
            })?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "motion", Some(m.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&input)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=updated", motion_url(&p.slug, m.id)));
        Ok(())
    }

    pub async fn open_motion(partnership: String, motion: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, m) =
            for_change(&mut tx, &viewer, &partnership, motion, Action::ManageMotion).await?;
        if m.status != MotionStatus::Draft {
            return Err(AppError::Conflict(format!(
                "Only a draft motion can be opened; this one is {}.",
                m.status.label().to_lowercase()
            )));
        }
        let now = Timestamp::now();
        if m.closes_at <= now {
            return Err(AppError::Conflict(format!(
                "The voting window closed on {}; change the closing time before opening the motion.",
                m.closes_at.display_short()
            )));
        }
        if let (MotionKind::AdoptPlanVersion, Some(version_id)) = (m.kind, m.plan_version_id) {
            let version = q::find_plan_version_brief(&mut tx, version_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if version.status != crate::domain::plan::PlanVersionStatus::InReview {
                return Err(AppError::Conflict(format!(
                    "Plan version {} is {}: the secretariat must submit it for adoption before the \
                     motion to adopt it opens.",
                    version.number,
                    version.status.label().to_lowercase()
                )));
            }
        }
        if let (MotionKind::AcceptCommitment, Some(commitment_id)) = (m.kind, m.commitment_id) {
            let commitment =
                crate::ssr::db::commitments::find_commitment(&mut tx, commitment_id, -1)
                    .await?
                    .ok_or(AppError::NotFound)?;
            if commitment.status != crate::domain::plan::CommitmentStatus::Proposed {
                return Err(AppError::Conflict(format!(
                    "The commitment “{}” is {}: only a proposed commitment is put to a vote.",
                    commitment.title,
                    commitment.status.label().to_lowercase()
                )));
            }
        }
        let electorate = q::open_motion(&mut tx, m.id, now).await?;
        if electorate == 0 {
            return Err(AppError::Conflict(
                "The group has no voting members today, so nobody could vote: seat voting members \
                 first."
                    .to_owned(),
            ));
        }
        audit::record(
            &mut tx,
            AuditEvent::new("open", "motion", Some(m.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({ "status": m.status }))
                .after(
                    serde_json::json!({ "status": MotionStatus::Open, "electorate": electorate }),
                ),
        )
        .await?;
        // The group's members learn of it in the same transaction: told exactly when it opened.
        notify::motion_opened(
            &mut tx,
            &state.site_url,
            &notify::OpenedMotion {
                id: m.id,
                title: &m.title,
                tlp: m.tlp,
                partnership_id: p.id,
                partnership_slug: &p.slug,
                council_id: m.council_id,
                working_group_id: m.working_group_id,
                group_name: &m.group_name,
                closes_at: m.closes_at,
                opened_by: viewer.actor().person_id,
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=opened", motion_url(&p.slug, m.id)));
        Ok(())
    }

    pub async fn close_motion(partnership: String, motion: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, m) =
            for_change(&mut tx, &viewer, &partnership, motion, Action::ManageMotion).await?;
        let person = viewer.actor().person_id.ok_or(AppError::Unauthenticated)?;
        let now = Timestamp::now();
        let closer = if now >= m.closes_at {
            Closer::Deadline
        } else {
            Closer::Person(person)
        };
        voting::close(&mut tx, m.id, closer, now)
            .await
            .map_err(|err| match err {
                DbError::Conflict(_) => AppError::Conflict(format!(
                    "Only an open motion can be closed; this one is {}.",
                    m.status.label().to_lowercase()
                )),
                other => other.into(),
            })?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=closed", motion_url(&p.slug, m.id)));
        Ok(())
    }

    pub async fn withdraw_motion(partnership: String, motion: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, m) =
            for_change(&mut tx, &viewer, &partnership, motion, Action::ManageMotion).await?;
        if !matches!(m.status, MotionStatus::Draft | MotionStatus::Open) {
            return Err(AppError::Conflict(locked_message(&m)));
        }
        let now = Timestamp::now();
        q::withdraw_motion(&mut tx, m.id, now).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("withdraw", "motion", Some(m.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({ "status": m.status }))
                .after(serde_json::json!({ "status": MotionStatus::Withdrawn })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=withdrawn", motion_url(&p.slug, m.id)));
        Ok(())
    }

    /// The motion for a voter's act (ballot, recusal, proxy): the viewer represents a voting
    /// organisation of the group, the motion is open and `now` is inside its window. A motion
    /// past its deadline is closed here (committed) and the act refused.
    async fn for_voter(
        viewer: &Viewer,
        partnership: &str,
        motion_id: i64,
        now: Timestamp,
    ) -> Result<(crate::ssr::db::Tx, PartnershipRow, MotionRow, i64), AppError> {
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        match voter_checks(&mut tx, viewer, partnership, motion_id, now).await? {
            Voting::Open(p, m, organisation) => Ok((tx, p, m, organisation)),
            Voting::ClosedNow(at) => {
                tx.commit().await.map_err(DbError::from)?;
                Err(closed_on(at))
            }
        }
    }

    /// Whether a voter may act on a motion now (see [`for_voter`]).
    #[allow(
        clippy::large_enum_variant,
        reason = "one value per request, taken apart at once"
    )]
    enum Voting {
        /// Yes: the partnership, the motion and the voter's organisation.
        Open(PartnershipRow, MotionRow, i64),
        /// No: its deadline (given) had passed, and it has just been closed (to be
        /// committed).
        ClosedNow(Timestamp),
    }

    async fn voter_checks(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        motion_id: i64,
        now: Timestamp,
    ) -> Result<Voting, AppError> {
        let (p, m) = visible_motion(conn, viewer, partnership, motion_id).await?;
        viewer.authorize(Action::CastBallot, &motion_resource(&m))?;
        let organisation = viewer.actor().organisation_id.ok_or(AppError::Forbidden)?;
        match m.status {
            MotionStatus::Open if now >= m.closes_at => {
                voting::close(conn, m.id, Closer::Deadline, now).await?;
                Ok(Voting::ClosedNow(m.closes_at))
            }
            MotionStatus::Open if now < m.opens_at => Err(AppError::Conflict(format!(
                "Voting on this motion opens on {}.",
                m.opens_at.display_short()
            ))),
            MotionStatus::Open => Ok(Voting::Open(p, m, organisation)),
            MotionStatus::Draft => Err(AppError::Conflict(
                "The motion is still a draft: voting has not opened.".to_owned(),
            )),
            MotionStatus::Closed => Err(closed_on(m.closed_at.unwrap_or(m.closes_at))),
            MotionStatus::Withdrawn => Err(AppError::Conflict(
                "The motion was withdrawn; nothing was recorded.".to_owned(),
            )),
        }
    }

    /// A voter's act refused because voting ended at `at`.
    fn closed_on(at: Timestamp) -> AppError {
        AppError::Conflict(format!(
            "Voting on this motion closed on {}; nothing was recorded.",
            at.display_short()
        ))
    }

    /// Locks `organisation`'s place in the electorate, or says why it has none.
    async fn lock_elector(
        conn: &mut Conn,
        m: &MotionRow,
        organisation: i64,
        own: bool,
        now: Timestamp,
    ) -> Result<(), AppError> {
        if q::lock_elector(conn, m.id, organisation, now).await? {
            return Ok(());
        }
        let elector = q::list_electorate(conn, m.id)
            .await?
            .into_iter()
            .find(|e| e.organisation_id == organisation);
        let whose = if own {
            "Your organisation".to_owned()
        } else {
            "The organisation you vote for".to_owned()
        };
        Err(AppError::Conflict(match elector {
            Some(_) => format!(
                "{whose} recused itself from this motion (a declared conflict of interest), so it \
                 casts no ballot."
            ),
            None => format!(
                "{whose} is not in this motion's electorate: only the group's voting members on \
                 the day it opened ({}) vote on it.",
                m.opened_at.unwrap_or(m.opens_at).date().display_long()
            ),
        }))
    }

    fn parse_id(field: &str, text: Option<&str>, what: &str) -> Result<Option<i64>, AppError> {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            None => Ok(None),
            Some(t) => t
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Some)
                .ok_or_else(|| AppError::invalid(field, format!("Choose {what}."))),
        }
    }

    pub async fn cast_ballot(
        partnership: String,
        motion: i64,
        choice: String,
        organisation: Option<String>,
        replaces: Option<String>,
    ) -> Result<i64, AppError> {
        let choice = choice
            .parse::<BallotChoice>()
            .map_err(|_| AppError::invalid("choice", "Choose yes, no or abstain."))?;
        let for_organisation = parse_id(
            "organisation",
            organisation.as_deref(),
            "the organisation you vote for",
        )?;
        let replaces = parse_id("replaces", replaces.as_deref(), "the ballot you change")?;
        let viewer = Viewer::current().await?;
        let ballot = Ballot {
            viewer,
            partnership,
            motion,
            choice,
            for_organisation,
            replaces,
            now: Timestamp::now(),
        };
        // Ballots are the busiest write: they share transactions (see `db::batch`).
        let cast = AppState::current()
            .db
            .write_batched(move |conn| Box::pin(async move { ballot.cast(conn).await }))
            .await?;
        match cast {
            Cast::Recorded {
                slug,
                motion,
                ballot,
                changed,
            } => {
                leptos_axum::redirect(&format!(
                    "{}?saved={}#your-ballot",
                    motion_url(&slug, motion),
                    if changed { "changed" } else { "voted" }
                ));
                Ok(ballot)
            }
            Cast::ClosedNow(at) => Err(closed_on(at)),
        }
    }

    /// A ballot to cast, with everything needed to check and record it.
    struct Ballot {
        viewer: Viewer,
        partnership: String,
        motion: i64,
        choice: BallotChoice,
        for_organisation: Option<i64>,
        replaces: Option<i64>,
        now: Timestamp,
    }

    /// What casting did.
    enum Cast {
        /// The ballot was recorded (and `changed` one cast before).
        Recorded {
            slug: String,
            motion: i64,
            ballot: i64,
            changed: bool,
        },
        /// The motion's deadline had passed: it was closed and nothing recorded.
        ClosedNow(Timestamp),
    }

    impl Ballot {
        async fn cast(self, conn: &mut Conn) -> Result<Cast, AppError> {
            let Ballot {
                viewer,
                partnership,
                motion,
                choice,
                for_organisation,
                replaces,
                now,
            } = self;
            let (p, m, own) = match voter_checks(conn, &viewer, &partnership, motion, now).await? {
                Voting::Open(p, m, own) => (p, m, own),
                Voting::ClosedNow(at) => return Ok(Cast::ClosedNow(at)),
            };
            let voted_for = for_organisation.unwrap_or(own);
            lock_elector(conn, &m, own, true, now).await?;
            let proxies = q::list_proxies(conn, m.id).await?;
            let live = |from: i64| {
                proxies
                    .iter()
                    .find(|x| x.from_organisation_id == from && x.revoked_at.is_none())
            };
            let proxy_id = if voted_for == own {
                if let Some(given) = live(own) {
                    let holder = organisation_name(conn, m.id, given.to_organisation_id).await?;
                    return Err(AppError::Conflict(if given.used_at.is_some() {
                        format!(
                            "Your organisation gave its proxy to {holder}, which has voted with \
                             it; only {holder} can change that ballot now."
                        )
                    } else {
                        format!(
                            "Your organisation gave its proxy to {holder}. Revoke the proxy to \
                             vote yourself."
                        )
                    }));
                }
                None
            } else {
                let Some(proxy) = live(voted_for).filter(|x| x.to_organisation_id == own) else {
                    return Err(AppError::Conflict(
                        "Your organisation does not hold that organisation's proxy for this \
                         motion, so it cannot vote for it."
                            .to_owned(),
                    ));
                };
                lock_elector(conn, &m, voted_for, false, now).await?;
                Some((proxy.id, proxy.used_at.is_none()))
            };
            let previous = q::find_current_ballot(conn, m.id, voted_for).await?;
            match (&previous, replaces) {
                (Some(current), Some(seen)) if current.id == seen => {}
                (Some(current), _) => {
                    let by = current
                        .cast_by
                        .clone()
                        .unwrap_or_else(|| "a former representative".to_owned());
                    let whose = if voted_for == own {
                        "Your organisation"
                    } else {
                        "That organisation"
                    };
                    return Err(AppError::Conflict(format!(
                        "{whose} has already voted: {} by {by} on {}. Each organisation has one \
                         ballot; to change it, use “Change the ballot” on the motion page.",
                        current.choice.label(),
                        current.cast_at.display_short()
                    )));
                }
                (None, Some(_)) => {
                    return Err(AppError::Conflict(
                        "The ballot you meant to change was withdrawn from the count; reload \
                         the motion and vote again."
                            .to_owned(),
                    ));
                }
                (None, None) => {}
            }
            if let Some((proxy, first_use)) = proxy_id
                && first_use
            {
                q::mark_proxy_used(conn, proxy, now).await?;
            }
            let ballot = q::insert_ballot(
                conn,
                q::NewBallot {
                    motion_id: m.id,
                    organisation_id: voted_for,
                    choice,
                    cast_by_person_id: viewer.actor().person_id,
                    proxy_id: proxy_id.map(|(id, _)| id),
                    cast_at: now,
                },
            )
            .await?;
            let action = if previous.is_some() {
                "ballot_change"
            } else {
                "ballot"
            };
            audit::record(
                conn,
                AuditEvent::new(action, "motion", Some(m.id))
                    .by_viewer(&viewer)
                    .in_partnership(p.id)
                    .before(serde_json::json!({
                        "ballot_id": previous.as_ref().map(|b| b.id),
                        "choice": previous.as_ref().map(|b| b.choice),
                    }))
                    .after(serde_json::json!({
                        "ballot_id": ballot,
                        "organisation_id": voted_for,
                        "choice": choice,
                        "proxy_id": proxy_id.map(|(id, _)| id),
                    })),
            )
            .await?;
            Ok(Cast::Recorded {
                slug: p.slug,
                motion: m.id,
                ballot,
                changed: previous.is_some(),
            })
        }
    }

    async fn organisation_name(
        conn: &mut Conn,
        motion_id: i64,
        organisation_id: i64,
    ) -> Result<String, AppError> {
        Ok(q::list_electorate_detail(conn, motion_id)
            .await?
            .into_iter()
            .find(|e| e.organisation_id == organisation_id)
            .map(|e| e.organisation_name)
            .unwrap_or_else(|| "another organisation".to_owned()))
    }

    pub async fn recuse_from_motion(
        partnership: String,
        motion: i64,
        reason: String,
    ) -> Result<(), AppError> {
        let reason = reason.trim().to_owned();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(AppError::invalid(
                "reason",
                "Say in a sentence what the conflict of interest is (1 to 500 characters).",
            ));
        }
        let viewer = Viewer::current().await?;
        let now = Timestamp::now();
        let (mut tx, p, m, own) = for_voter(&viewer, &partnership, motion, now).await?;
        lock_elector(&mut tx, &m, own, true, now).await?;
        q::recuse_electorate_member(&mut tx, m.id, own, viewer.actor().person_id, &reason, now)
            .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("recuse", "motion", Some(m.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(serde_json::json!({ "organisation_id": own, "reason": reason })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=recused#your-ballot",
            motion_url(&p.slug, m.id)
        ));
        Ok(())
    }

    pub async fn give_proxy(partnership: String, motion: i64, to: String) -> Result<(), AppError> {
        let to = parse_id(
            "to",
            Some(&to),
            "the organisation that will hold your proxy",
        )?
        .ok_or_else(|| {
            AppError::invalid("to", "Choose the organisation that will hold your proxy.")
        })?;
        let viewer = Viewer::current().await?;
        let now = Timestamp::now();
        let (mut tx, p, m, own) = for_voter(&viewer, &partnership, motion, now).await?;
        lock_elector(&mut tx, &m, own, true, now).await?;
        if to == own {
            return Err(AppError::invalid(
                "to",
                "Choose another organisation: yours cannot hold its own proxy.",
            ));
        }
        let electorate = q::list_electorate(&mut tx, m.id).await?;
        match electorate.iter().find(|e| e.organisation_id == to) {
            None => {
                return Err(AppError::invalid(
                    "to",
                    "That organisation is not in this motion's electorate.",
                ));
            }
            Some(e) if e.recused_at.is_some() => {
                return Err(AppError::invalid(
                    "to",
                    "That organisation recused itself from this motion.",
                ));
            }
            Some(_) => {}
        }
        let proxies = q::list_proxies(&mut tx, m.id).await?;
        if proxies
            .iter()
            .any(|x| x.from_organisation_id == own && x.revoked_at.is_none())
        {
            return Err(AppError::Conflict(
                "Your organisation has already given its proxy for this motion; revoke it first to \
                 give it to another organisation."
                    .to_owned(),
            ));
        }
        if proxies
            .iter()
            .any(|x| x.from_organisation_id == to && x.revoked_at.is_none())
        {
            return Err(AppError::invalid(
                "to",
                "That organisation has given its own proxy away; a proxy cannot be passed on.",
            ));
        }
        let voted = q::list_ballots(&mut tx, m.id)
            .await?
            .into_iter()
            .any(|b| b.organisation_id == own && b.is_current != 0);
        if voted {
            return Err(AppError::Conflict(
                "Your organisation has already voted on this motion, so there is nothing left for a \
                 proxy to cast; change the ballot instead."
                    .to_owned(),
            ));
        }
        let proxy = q::insert_proxy(
            &mut tx,
            q::NewProxy {
                motion_id: m.id,
                from_organisation_id: own,
                to_organisation_id: to,
                granted_by_person_id: viewer.actor().person_id,
                granted_at: now,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("proxy_grant", "motion", Some(m.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(serde_json::json!({
                    "proxy_id": proxy,
                    "from_organisation_id": own,
                    "to_organisation_id": to,
                })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=proxy#your-ballot",
            motion_url(&p.slug, m.id)
        ));
        Ok(())
    }

    pub async fn revoke_proxy(partnership: String, motion: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let now = Timestamp::now();
        let (mut tx, p, m, own) = for_voter(&viewer, &partnership, motion, now).await?;
        lock_elector(&mut tx, &m, own, true, now).await?;
        let proxies = q::list_proxies(&mut tx, m.id).await?;
        let Some(proxy) = proxies
            .iter()
            .find(|x| x.from_organisation_id == own && x.revoked_at.is_none())
        else {
            return Err(AppError::Conflict(
                "Your organisation has no proxy to revoke on this motion.".to_owned(),
            ));
        };
        if let Some(used) = proxy.used_at {
            let holder = organisation_name(&mut tx, m.id, proxy.to_organisation_id).await?;
            return Err(AppError::Conflict(format!(
                "{holder} used the proxy on {}; a used proxy cannot be revoked.",
                used.display_short()
            )));
        }
        q::revoke_proxy(&mut tx, proxy.id, now).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("proxy_revoke", "motion", Some(m.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({
                    "proxy_id": proxy.id,
                    "to_organisation_id": proxy.to_organisation_id,
                })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=revoked#your-ballot",
            motion_url(&p.slug, m.id)
        ));
        Ok(())
    }

    fn subject_of(
        slug: &str,
        m: &MotionRow,
        version: Option<&q::AdoptedVersionRow>,
    ) -> Option<(String, Option<String>)> {
        match m.kind {
            MotionKind::AdoptPlanVersion => version.map(|v| {
                (
                    format!("Plan version {}: {}", v.number, v.title),
                    Some(format!("/p/{slug}/plan/v/{}", v.number)),
                )
            }),
            MotionKind::AcceptCommitment => m.commitment_id.map(|id| {
                (
                    format!("Commitment {id} of a member organisation"),
                    Some(format!("/p/{slug}/commitments/{id}")),
                )
            }),
            MotionKind::AppointFocalPoint => Some((
                "A focal point".to_owned(),
                Some(format!("/p/{slug}/focal-points")),
            )),
            MotionKind::GeneralResolution => None,
        }
    }

    pub async fn get_motion(partnership: String, motion: i64) -> Result<MotionDetail, AppError> {
        close_due().await?;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (p, m) = visible_motion(&mut tx, &viewer, &partnership, motion).await?;
        let res = motion_resource(&m);
        let electors = q::list_electorate_detail(&mut tx, m.id).await?;
        let ballots = q::list_ballots(&mut tx, m.id).await?;
        let proxies = q::list_proxies(&mut tx, m.id).await?;
        let version = match m.plan_version_id {
            Some(id) => q::find_plan_version_brief(&mut tx, id).await?,
            None => None,
        };
        let edit = if m.status == MotionStatus::Draft && viewer.can(Action::DraftMotion, &res) {
            let g = working_groups::find_working_group(
                &mut tx,
                p.id,
                &m.group_slug,
                viewer.visibility().person_id,
            )
            .await?
            .ok_or(AppError::NotFound)?;
            let mut subjects = subjects(&mut tx, &p, &g).await?;
            let current = input_of(&m);
            if !subjects.iter().any(|(code, _)| *code == current.subject) {
                let label = subject_of(&p.slug, &m, version.as_ref())
                    .map(|(label, _)| label)
                    .unwrap_or_else(|| m.kind.label().to_owned());
                subjects.push((current.subject.clone(), label));
            }
            Some(MotionForm {
                partnership_slug: p.slug.clone(),
                partnership_short_name: p.short_name.clone(),
                group_slug: m.group_slug.clone(),
                group_name: m.group_name.clone(),
                subjects,
                input: current,
            })
        } else {
            None
        };
        tx.commit().await.map_err(DbError::from)?;

        let tally = voting::tally_of(
            &m,
            &electors
                .iter()
                .map(|e| crate::domain::tally::Elector {
                    organisation_id: e.organisation_id,
                    side: e.side,
                    recused: e.recused_at.is_some(),
                })
                .collect::<Vec<_>>(),
            &ballots,
        );
        let names: HashMap<i64, String> = electors
            .iter()
            .map(|e| (e.organisation_id, e.organisation_name.clone()))
            .collect();
        let ballot_view = |b: &q::BallotRow| BallotView {
            id: b.id,
            choice: b.choice,
            cast_by: b.cast_by.clone(),
            via_proxy: b.proxy_holder_id.and_then(|id| names.get(&id).cloned()),
            cast_at: b.cast_at,
            is_current: b.is_current != 0,
        };
        let roll_call = m.ballot_mode == BallotMode::RollCall;
        let live_proxy = |from: i64| {
            proxies
                .iter()
                .find(|x| x.from_organisation_id == from && x.revoked_at.is_none())
        };
        let electorate: Vec<ElectorView> = electors
            .iter()
            .map(|e| ElectorView {
                organisation_id: e.organisation_id,
                name: e.organisation_name.clone(),
                slug: e.organisation_slug.clone(),
                side: e.side,
                recusal: e.recused_at.map(|at| {
                    format!(
                        "Recused on {}{}: {}",
                        at.display_short(),
                        e.recused_by
                            .as_ref()
                            .map(|by| format!(" by {by}"))
                            .unwrap_or_default(),
                        e.recusal_reason
                    )
                }),
                ballot: if roll_call {
                    ballots
                        .iter()
                        .find(|b| b.organisation_id == e.organisation_id && b.is_current != 0)
                        .map(ballot_view)
                } else {
                    None
                },
                proxy_to: live_proxy(e.organisation_id)
                    .and_then(|x| names.get(&x.to_organisation_id).cloned()),
            })
            .collect();

        let show_tally =
            m.status == MotionStatus::Closed || (m.status == MotionStatus::Open && roll_call);
        let rules = voting::rules_of(&m);
        let turnout = (m.status == MotionStatus::Open)
            .then(|| (tally.yes + tally.no + tally.abstain, tally.electorate));
        let explanation = show_tally.then(|| tally.explain(&rules));

        let voter = voter_panel(
            &viewer,
            &res,
            &m,
            &electors,
            &ballots,
            &proxies,
            &ballot_view,
        );
        let adoption_note = match (m.outcome, version.as_ref()) {
            (Some(MotionOutcome::Carried), Some(v)) => Some(match v.status {
                crate::domain::plan::PlanVersionStatus::Adopted
                | crate::domain::plan::PlanVersionStatus::Published
                | crate::domain::plan::PlanVersionStatus::Superseded => format!(
                    "Plan version {} was adopted by this motion; it is now {}.",
                    v.number,
                    v.status.label().to_lowercase()
                ),
                other => format!(
                    "Plan version {} was {} when the motion carried, so it was not adopted.",
                    v.number,
                    other.label().to_lowercase()
                ),
            }),
            _ => None,
        };
        Ok(MotionDetail {
            partnership_slug: p.slug.clone(),
            partnership_short_name: p.short_name,
            group_slug: m.group_slug.clone(),
            group_name: m.group_name.clone(),
            id: m.id,
            kind: m.kind,
            subject: subject_of(&p.slug, &m, version.as_ref()),
            title: m.title.clone(),
            body_html: markdown::render(&m.body),
            tlp: m.tlp,
            status: m.status,
            opens_at: m.opens_at,
            closes_at: m.closes_at,
            rules,
            ballot_mode: m.ballot_mode,
            proposed_by: m.proposed_by.clone(),
            opened_at: m.opened_at,
            closed_at: m.closed_at,
            closed_by: m.closed_by.clone(),
            outcome: m.outcome,
            tally: show_tally.then_some(tally),
            explanation,
            turnout,
            electorate,
            voter,
            can_manage: viewer.can(Action::ManageMotion, &res),
            edit,
            adoption_note,
        })
    }

    /// The panel of a representative whose organisation may vote in the group.
    fn voter_panel(
        viewer: &Viewer,
        res: &Resource,
        m: &MotionRow,
        electors: &[q::ElectorDetailRow],
        ballots: &[q::BallotRow],
        proxies: &[q::ProxyRow],
        ballot_view: &dyn Fn(&q::BallotRow) -> BallotView,
    ) -> Option<VoterPanel> {
        if !viewer.can(Action::CastBallot, res) || m.status == MotionStatus::Draft {
            return None;
        }
        let own = viewer.actor().organisation_id?;
        let elector = electors.iter().find(|e| e.organisation_id == own);
        let now = Timestamp::now();
        let name = |id: i64| {
            electors
                .iter()
                .find(|e| e.organisation_id == id)
                .map(|e| e.organisation_name.clone())
                .unwrap_or_default()
        };
        let live = |from: i64| {
            proxies
                .iter()
                .find(|x| x.from_organisation_id == from && x.revoked_at.is_none())
        };
        let blocked = match (m.status, elector) {
            (MotionStatus::Closed, _) => Some("Voting has closed.".to_owned()),
            (MotionStatus::Withdrawn, _) => Some("The motion was withdrawn.".to_owned()),
            (_, None) => Some(
                "Your organisation is not in this motion's electorate: only the group's voting \
                 members on the day it opened vote on it."
                    .to_owned(),
            ),
            (_, Some(e)) if e.recused_at.is_some() => Some(
                "Your organisation recused itself from this motion (a declared conflict of \
                 interest)."
                    .to_owned(),
            ),
            _ if now < m.opens_at => {
                Some(format!("Voting opens on {}.", m.opens_at.display_short()))
            }
            _ if now >= m.closes_at => Some("Voting has closed.".to_owned()),
            _ => None,
        };
        let history: Vec<BallotView> = ballots
            .iter()
            .filter(|b| b.organisation_id == own)
            .map(ballot_view)
            .collect();
        let current = history.iter().find(|b| b.is_current).cloned();
        let proxy_given = live(own).map(|x| (name(x.to_organisation_id), x.used_at.is_some()));
        let proxies_held = proxies
            .iter()
            .filter(|x| x.to_organisation_id == own && x.revoked_at.is_none())
            .map(|x| HeldProxy {
                from_organisation_id: x.from_organisation_id,
                from_name: name(x.from_organisation_id),
                current: ballots
                    .iter()
                    .find(|b| b.organisation_id == x.from_organisation_id && b.is_current != 0)
                    .map(ballot_view),
            })
            .collect();
        let proxy_targets = electors
            .iter()
            .filter(|e| {
                e.organisation_id != own
                    && e.recused_at.is_none()
                    && live(e.organisation_id).is_none()
            })
            .map(|e| (e.organisation_id, e.organisation_name.clone()))
            .collect();
        Some(VoterPanel {
            organisation_name: elector
                .map(|e| e.organisation_name.clone())
                .unwrap_or_else(|| "Your organisation".to_owned()),
            blocked,
            current,
            history,
            proxy_given,
            proxies_held,
            proxy_targets,
        })
    }

    pub async fn get_decisions(partnership: String) -> Result<Decisions, AppError> {
        close_due().await?;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let p = visible_partnership(&mut tx, &viewer, &partnership).await?;
        let rows = q::list_closed_motions(
            &mut tx,
            p.id,
            DECISIONS_LIMIT,
            viewer.visibility().person_id,
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(Decisions {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            motions: rows
                .iter()
                .filter(|m| may_see(&viewer, m))
                .map(summary)
                .collect(),
        })
    }

    pub async fn build_group_calendar(
        database: &crate::ssr::db::Database,
        viewer: &Viewer,
        partnership: &str,
        group: &str,
        base_url: &str,
    ) -> Result<String, AppError> {
        voting::close_due_motions(database).await?;
        let mut tx = database.begin_read().await?;
        let (p, g) = visible_group(&mut tx, viewer, partnership, group).await?;
        let rows = q::list_group_motions(&mut tx, g.id, viewer.visibility().person_id).await?;
        tx.commit().await.map_err(DbError::from)?;
        let events: Vec<CalendarEvent> = rows
            .iter()
            .filter(|m| m.status == MotionStatus::Open && may_see(viewer, m))
            .map(|m| CalendarEvent {
                uid: format!("motion-{}@{}", m.id, p.slug),
                summary: format!("Voting closes: {}", m.title),
                description: format!(
                    "{} motion of {}. {} Vote at {}{}",
                    m.kind.label(),
                    g.name,
                    m.threshold.label(),
                    base_url.trim_end_matches('/'),
                    motion_url(&p.slug, m.id)
                ),
                url: format!(
                    "{}{}",
                    base_url.trim_end_matches('/'),
                    motion_url(&p.slug, m.id)
                ),
                starts_at: m.opens_at,
                ends_at: m.closes_at,
                stamp: m.updated_at,
            })
            .collect();
        Ok(ical::calendar(
            &format!("-//Concordat//{} {}//EN", p.short_name, g.name),
            &format!("{}: open motions of {}", p.short_name, g.name),
            &events,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> MotionInput {
        MotionInput {
            subject: "general".into(),
            title: "Endorse the exercise calendar".into(),
            body: "The group endorses it.".into(),
            tlp: "clear".into(),
            opens_at: "2026-12-01T14:00".into(),
            closes_at: "2026-12-08T17:00".into(),
            quorum_percent: "50".into(),
            threshold: "two_thirds".into(),
            dual_majority: Some("true".into()),
            ballot_mode: "roll_call".into(),
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        let valid = valid_input().validate().expect("valid");
        assert_eq!(valid.subject, MotionSubject::GeneralResolution);
        assert_eq!(valid.threshold, Threshold::TwoThirds);
        assert!(valid.dual_majority);
        assert_eq!(valid.quorum_percent, 50);
        assert_eq!(format_utc_minute(valid.opens_at), "2026-12-01T14:00");
    }

    #[test]
    fn each_bad_field_is_named() {
        let input = MotionInput {
            subject: "adopt_plan_version:x".into(),
            title: " ".into(),
            body: "<script>alert(1)</script>".into(),
            tlp: "purple".into(),
            opens_at: "tomorrow".into(),
            closes_at: "2026-12-08T17:00".into(),
            quorum_percent: "101".into(),
            threshold: "most".into(),
            dual_majority: None,
            ballot_mode: "secret".into(),
        };
        let errors = input.validate().expect_err("invalid");
        for field in [
            "subject",
            "title",
            "body",
            "tlp",
            "opens_at",
            "quorum_percent",
            "threshold",
            "ballot_mode",
        ] {
            assert!(
                errors.contains_key(field),
                "{field} not reported: {errors:?}"
            );
        }
    }

    #[test]
    fn the_window_must_close_after_it_opens_and_be_bounded() {
        let backwards = MotionInput {
            closes_at: "2026-12-01T13:00".into(),
            ..valid_input()
        };
        assert!(backwards.validate().unwrap_err().contains_key("closes_at"));
        let too_long = MotionInput {
            closes_at: "2027-06-01T13:00".into(),
            ..valid_input()
        };
        assert!(too_long.validate().unwrap_err().contains_key("closes_at"));
    }

    #[test]
    fn defaults_validate() {
        let now = Timestamp::parse_db_text("2026-12-01T10:17:00.000000Z").expect("instant");
        let input = MotionInput {
            title: "A".into(),
            ..MotionInput::defaults(now)
        };
        let valid = input.validate().expect("defaults are valid");
        assert_eq!(format_utc_minute(valid.opens_at), "2026-12-01T10:17");
        assert_eq!(format_utc_minute(valid.closes_at), "2026-12-08T10:17");
    }
}
