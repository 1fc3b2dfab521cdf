//! Open data: what the JSON API (`/api/v1`, served by the `server` crate) returns, and how it
//! is read. Each function takes the viewer (the public, or the owner of a personal API token)
//! and returns exactly what the pages show that viewer: it reads through the same loaders and
//! the same authorisation rule (`domain::access::can`), so that the API, the pages, the
//! exports and the feeds never disagree about what a label lets someone see.
//!
//! The records here are the API's published contract: plain fields, vocabularies as their
//! stable codes, dates as `YYYY-MM-DD`, instants as RFC 3339 UTC. Their OpenAPI schemas are
//! derived from these types.

use crate::api::commitments::{CommitmentSummary, visible_commitments};
use crate::api::motions::visible_decisions;
use crate::api::partnerships::visible_partnership;
use crate::api::plan_content::{readable_goals, readable_versions};
use crate::domain::access::{Action, Resource};
use crate::domain::{Date, Timestamp};
use crate::error::AppError;
use crate::ssr::access::Viewer;
use crate::ssr::db::commitments as commitment_db;
use crate::ssr::db::plan_content::GoalRecord;
use crate::ssr::db::{Database, DbError, focal_points, partnerships};
use crate::ssr::voting;
use serde::Serialize;
use utoipa::ToSchema;

/// The most decisions the API lists for one partnership (newest first).
const DECISIONS_LIMIT: i64 = 10_000;

/// A public-private partnership.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Partnership {
    /// URL key, used in every path below it.
    #[schema(example = "us-hph")]
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// ISO 3166 alpha-2 code of the jurisdiction, or `EU`.
    pub jurisdiction: String,
    /// One paragraph.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// TLP label of the record: `clear`, `green`, `amber`, `amber_strict` or `red`.
    #[schema(example = "clear")]
    pub tlp: String,
    /// Organisations registered in the partnership.
    pub organisation_count: i64,
    /// Councils the requester may see.
    pub council_count: i64,
    /// Working groups the requester may see.
    pub working_group_count: i64,
}

/// A council (Government or Sector Coordinating Council).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Council {
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// `gcc`, `scc` or `other`.
    #[schema(example = "gcc")]
    pub kind: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: String,
    /// The chair's name.
    pub chair_name: Option<String>,
    /// The chair's organisation.
    pub chair_organisation: Option<String>,
    /// Organisations seated today.
    pub member_count: i64,
}

/// A working group (joint, or of one council).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WorkingGroup {
    /// URL key.
    pub slug: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Whether members come from both councils.
    pub joint: bool,
    /// The council of a single-council group.
    pub council_name: Option<String>,
    /// One paragraph.
    pub summary: String,
    /// TLP label.
    pub tlp: String,
    /// Organisations seated today.
    pub member_count: i64,
    /// Of those, the ones with a vote.
    pub voting_member_count: i64,
}

/// Direct contact details of a focal point (only when their label lets the requester see
/// them).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DirectContact {
    /// E-mail address.
    pub email: String,
    /// Telephone number.
    pub phone: String,
}

/// A focal point: the national focal point, a senior industry contact or a liaison.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FocalPoint {
    /// Identifier.
    pub id: i64,
    /// `national_focal_point`, `srma_liaison`, `industry_senior_expert` or `isac_liaison`.
    #[schema(example = "national_focal_point")]
    pub kind: String,
    /// Role title.
    pub title: String,
    /// The person's name.
    pub person_name: String,
    /// The person's organisation.
    pub organisation_name: String,
    /// The council or working group it serves; absent for the whole partnership.
    pub scope_name: Option<String>,
    /// First day of the term.
    #[schema(format = Date, value_type = String)]
    pub term_start: Date,
    /// Last day of the term; absent while it runs.
    #[schema(format = Date, value_type = Option<String>)]
    pub term_end: Option<Date>,
    /// The public contact channel (a functional mailbox or a web form).
    pub public_channel: String,
    /// The direct contact details, when the requester may see them.
    pub contact: Option<DirectContact>,
    /// The TLP label of the direct contact details.
    pub contact_tlp: String,
}

/// A version of the Sector-Specific Plan.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanVersion {
    /// Number in the plan (1, 2, ...).
    pub number: i64,
    /// Title.
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// `draft`, `in_review`, `adopted`, `published` or `superseded`.
    #[schema(example = "published")]
    pub status: String,
    /// TLP label.
    pub tlp: String,
    /// When its adoption motion carried.
    #[schema(format = DateTime, value_type = Option<String>)]
    pub adopted_at: Option<Timestamp>,
    /// When it was published.
    #[schema(format = DateTime, value_type = Option<String>)]
    pub published_at: Option<Timestamp>,
    /// When a later version replaced it.
    #[schema(format = DateTime, value_type = Option<String>)]
    pub superseded_at: Option<Timestamp>,
}

/// A measure of an objective.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Measure {
    /// What is measured.
    pub indicator: String,
    /// Where it started.
    pub baseline: Option<f64>,
    /// Where it should get to.
    pub target: Option<f64>,
    /// The unit of baseline and target.
    pub unit: String,
    /// When the target is due.
    #[schema(format = Date, value_type = Option<String>)]
    pub due_date: Option<Date>,
    /// TLP label.
    pub tlp: String,
}

/// An objective of a goal.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Objective {
    /// Stable key across plan versions (commitments follow it).
    #[schema(example = "G1.O1")]
    pub key: String,
    /// The goal's stable key.
    pub goal_key: String,
    /// Number in the version, e.g. `1.2`.
    #[schema(example = "1.2")]
    pub number: String,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: String,
    /// Roll-up weight among its goal's objectives.
    pub weight: f64,
    /// Progress (0–100) of the commitments towards it that the requester may see; absent
    /// when none is counted yet.
    pub progress_percent: Option<f64>,
    /// Its measures.
    pub measures: Vec<Measure>,
}

/// A goal of a plan version.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Goal {
    /// Stable key across plan versions.
    #[schema(example = "G1")]
    pub key: String,
    /// Number in the version.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: String,
    /// Roll-up weight among the version's goals.
    pub weight: f64,
    /// Progress (0–100): its objectives' progress, weighted.
    pub progress_percent: Option<f64>,
    /// Keys of its objectives (see the objectives list).
    pub objective_keys: Vec<String>,
}

/// What an organisation pledged towards an objective.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Commitment {
    /// Identifier.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// What will be delivered.
    pub deliverable: String,
    /// The committing organisation's name.
    pub organisation_name: String,
    /// Its URL key.
    pub organisation_slug: String,
    /// `public`, `private` or `non_profit`.
    pub organisation_side: String,
    /// The objective's stable key.
    pub objective_key: String,
    /// `proposed`, `accepted`, `in_progress`, `at_risk`, `completed` or `withdrawn`.
    #[schema(example = "in_progress")]
    pub status: String,
    /// Start.
    #[schema(format = Date, value_type = String)]
    pub start_date: Date,
    /// Due.
    #[schema(format = Date, value_type = String)]
    pub due_date: Date,
    /// TLP label.
    pub tlp: String,
    /// The latest reported percentage (100 once completed).
    pub percent: Option<i64>,
    /// Past its due date and not completed or withdrawn.
    pub overdue: bool,
    /// No progress report for 90 days.
    pub stale: bool,
}

/// A dated progress report on a commitment.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProgressUpdate {
    /// Identifier.
    pub id: i64,
    /// The day reported on.
    #[schema(format = Date, value_type = String)]
    pub reported_on: Date,
    /// Percent complete.
    pub percent: i64,
    /// Markdown.
    pub narrative: String,
    /// A link to evidence, or empty.
    pub evidence_url: String,
    /// TLP label.
    pub tlp: String,
}

/// A closed motion: what a working group decided.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Decision {
    /// Identifier.
    pub id: i64,
    /// The working group's URL key.
    pub working_group: String,
    /// `adopt_plan_version`, `accept_commitment`, `appoint_focal_point` or
    /// `general_resolution`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Markdown.
    pub body: String,
    /// TLP label.
    pub tlp: String,
    /// `carried`, `failed` or `no_quorum`.
    #[schema(example = "carried")]
    pub outcome: String,
    /// Organisations entitled to vote when it opened (less recusals).
    pub electorate_size: i64,
    /// Yes ballots.
    pub yes: i64,
    /// No ballots.
    pub no: i64,
    /// Abstentions.
    pub abstain: i64,
    /// `simple`, `absolute`, `two_thirds` or `consensus`.
    pub threshold: String,
    /// Whether the threshold had to hold among public and private members separately.
    pub dual_majority: bool,
    /// The share of the electorate that had to vote.
    pub quorum_percent: i64,
    /// When voting opened.
    #[schema(format = DateTime, value_type = Option<String>)]
    pub opened_at: Option<Timestamp>,
    /// When it closed.
    #[schema(format = DateTime, value_type = Option<String>)]
    pub closed_at: Option<Timestamp>,
}

async fn read(db: &Database) -> Result<crate::ssr::db::Tx, AppError> {
    Ok(db.begin_read().await?)
}

async fn done(tx: crate::ssr::db::Tx) -> Result<(), AppError> {
    tx.commit().await.map_err(DbError::from)?;
    Ok(())
}

fn partnership(row: partnerships::PartnershipRow) -> Partnership {
    Partnership {
        slug: row.slug,
        name: row.name,
        short_name: row.short_name,
        jurisdiction: row.jurisdiction,
        summary: row.summary,
        description: row.description,
        tlp: row.tlp.code().to_owned(),
        organisation_count: row.organisation_count,
        council_count: row.council_count,
        working_group_count: row.working_group_count,
    }
}

/// The partnerships the viewer may see, by name.
pub async fn list_partnerships(
    db: &Database,
    viewer: &Viewer,
) -> Result<Vec<Partnership>, AppError> {
    let mut tx = read(db).await?;
    let rows = partnerships::list_partnerships(&mut tx, viewer.visibility()).await?;
    done(tx).await?;
    Ok(rows.into_iter().map(partnership).collect())
}

/// One partnership.
pub async fn get_partnership(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Partnership, AppError> {
    let mut tx = read(db).await?;
    let row = visible_partnership(&mut tx, viewer, slug).await?;
    done(tx).await?;
    Ok(partnership(row))
}

/// A partnership's councils the viewer may see, GCC first.
pub async fn list_councils(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Vec<Council>, AppError> {
    let mut tx = read(db).await?;
    let p = visible_partnership(&mut tx, viewer, slug).await?;
    let rows = partnerships::list_councils(&mut tx, p.id, viewer.visibility()).await?;
    done(tx).await?;
    Ok(rows
        .into_iter()
        .map(|c| Council {
            slug: c.slug,
            name: c.name,
            short_name: c.short_name,
            kind: c.kind.code().to_owned(),
            description: c.description,
            tlp: c.tlp.code().to_owned(),
            chair_name: c.chair_name,
            chair_organisation: c.chair_organisation,
            member_count: c.member_count,
        })
        .collect())
}

/// A partnership's working groups the viewer may see, by name.
pub async fn list_working_groups(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Vec<WorkingGroup>, AppError> {
    let mut tx = read(db).await?;
    let p = visible_partnership(&mut tx, viewer, slug).await?;
    let rows = partnerships::list_working_groups(&mut tx, p.id, viewer.visibility()).await?;
    done(tx).await?;
    Ok(rows
        .into_iter()
        .map(|w| WorkingGroup {
            slug: w.slug,
            name: w.name,
            short_name: w.short_name,
            joint: w.is_joint != 0,
            council_name: w.council_name,
            summary: w.summary,
            tlp: w.tlp.code().to_owned(),
            member_count: w.member_count,
            voting_member_count: w.voting_member_count,
        })
        .collect())
}

/// A partnership's focal points, current and past; direct contacts only where their label
/// lets the viewer see them.
pub async fn list_focal_points(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Vec<FocalPoint>, AppError> {
    let mut tx = read(db).await?;
    let p = visible_partnership(&mut tx, viewer, slug).await?;
    let rows = focal_points::list_all_focal_points(&mut tx, p.id, viewer.visibility()).await?;
    done(tx).await?;
    Ok(rows
        .into_iter()
        .map(|f| FocalPoint {
            id: f.id,
            kind: f.kind.code().to_owned(),
            title: f.title,
            person_name: f.person_name,
            organisation_name: f.organisation_name,
            scope_name: f.scope_name,
            term_start: f.term_start,
            term_end: f.term_end,
            public_channel: f.public_channel,
            contact: (f.contact_visible == 1).then(|| DirectContact {
                email: f.email.unwrap_or_default(),
                phone: f.phone.unwrap_or_default(),
            }),
            contact_tlp: f.contact_tlp.code().to_owned(),
        })
        .collect())
}

/// The versions of a partnership's plan the viewer may read, newest first.
pub async fn list_plan_versions(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Vec<PlanVersion>, AppError> {
    let mut tx = read(db).await?;
    let rows = readable_versions(&mut tx, viewer, slug).await?;
    done(tx).await?;
    Ok(rows
        .into_iter()
        .map(|v| PlanVersion {
            number: v.number,
            title: v.title,
            summary: v.summary,
            status: v.status.code().to_owned(),
            tlp: v.tlp.code().to_owned(),
            adopted_at: v.adopted_at,
            published_at: v.published_at,
            superseded_at: v.superseded_at,
        })
        .collect())
}

/// The goals of version `number` the viewer may see, and their objectives, with the
/// progress of the commitments the viewer may see.
async fn goals_and_objectives(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
    number: i64,
) -> Result<(Vec<Goal>, Vec<Objective>), AppError> {
    let mut tx = read(db).await?;
    let (partnership_id, _, goals) = readable_goals(&mut tx, viewer, slug, number).await?;
    let commitments = if goals.is_empty() {
        Vec::new()
    } else {
        visible_commitments(&mut tx, viewer, partnership_id).await?
    };
    done(tx).await?;
    let (mut goal_list, mut objective_list) = (Vec::new(), Vec::new());
    for goal in goals {
        let (progress, objectives) = crate::api::commitments::goal_progress(&goal, &commitments);
        let GoalRecord {
            key: goal_key,
            number: goal_number,
            ..
        } = &goal;
        for (o, p) in goal.objectives.iter().zip(&objectives) {
            objective_list.push(Objective {
                key: o.key.clone(),
                goal_key: goal_key.clone(),
                number: format!("{goal_number}.{}", o.number),
                title: o.title.clone(),
                description: o.description.clone(),
                tlp: o.tlp.code().to_owned(),
                weight: o.weight,
                progress_percent: p.progress.percent,
                measures: o
                    .measures
                    .iter()
                    .map(|m| Measure {
                        indicator: m.indicator.clone(),
                        baseline: m.baseline,
                        target: m.target,
                        unit: m.unit.clone(),
                        due_date: m.due_date,
                        tlp: m.tlp.code().to_owned(),
                    })
                    .collect(),
            });
        }
        goal_list.push(Goal {
            objective_keys: goal.objectives.iter().map(|o| o.key.clone()).collect(),
            key: goal.key,
            number: goal.number,
            title: goal.title,
            description: goal.description,
            tlp: goal.tlp.code().to_owned(),
            weight: goal.weight,
            progress_percent: progress.percent,
        });
    }
    Ok((goal_list, objective_list))
}

/// The goals of version `number` the viewer may see, in order.
pub async fn list_goals(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
    number: i64,
) -> Result<Vec<Goal>, AppError> {
    Ok(goals_and_objectives(db, viewer, slug, number).await?.0)
}

/// The objectives of version `number` the viewer may see (under goals the viewer may see),
/// in order.
pub async fn list_objectives(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
    number: i64,
) -> Result<Vec<Objective>, AppError> {
    Ok(goals_and_objectives(db, viewer, slug, number).await?.1)
}

fn commitment(row: commitment_db::CommitmentRow, summary: CommitmentSummary) -> Commitment {
    Commitment {
        id: row.id,
        title: row.title,
        description: row.description,
        deliverable: row.deliverable,
        organisation_name: row.organisation_name,
        organisation_slug: row.organisation_slug,
        organisation_side: row.organisation_side.code().to_owned(),
        objective_key: row.objective_key,
        status: row.status.code().to_owned(),
        start_date: row.start_date,
        due_date: row.due_date,
        tlp: row.tlp.code().to_owned(),
        percent: summary.percent,
        overdue: summary.overdue,
        stale: summary.stale,
    }
}

/// A partnership's commitments the viewer may see, by due date.
pub async fn list_commitments(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Vec<Commitment>, AppError> {
    let mut tx = read(db).await?;
    let p = visible_partnership(&mut tx, viewer, slug).await?;
    let rows = visible_commitments(&mut tx, viewer, p.id).await?;
    done(tx).await?;
    Ok(rows
        .into_iter()
        .map(|(row, summary)| commitment(row, summary))
        .collect())
}

/// One commitment of the partnership, if the viewer may see it.
async fn visible_commitment(
    tx: &mut crate::ssr::db::Conn,
    viewer: &Viewer,
    slug: &str,
    id: i64,
) -> Result<commitment_db::CommitmentRow, AppError> {
    let p = visible_partnership(tx, viewer, slug).await?;
    let row = commitment_db::find_commitment(tx, id, viewer.visibility().person_id)
        .await?
        .filter(|row| row.partnership_id == p.id)
        .ok_or(AppError::NotFound)?;
    if viewer.can(Action::View, &row.resource()) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// One commitment.
pub async fn get_commitment(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
    id: i64,
) -> Result<Commitment, AppError> {
    let mut tx = read(db).await?;
    let row = visible_commitment(&mut tx, viewer, slug, id).await?;
    done(tx).await?;
    let summary = crate::api::commitments::summarise(&row, viewer.visibility().today);
    Ok(commitment(row, summary))
}

/// The progress updates of a commitment the viewer may see, latest first.
pub async fn list_progress_updates(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
    id: i64,
) -> Result<Vec<ProgressUpdate>, AppError> {
    let mut tx = read(db).await?;
    let row = visible_commitment(&mut tx, viewer, slug, id).await?;
    let updates =
        commitment_db::list_progress_updates(&mut tx, row.id, viewer.visibility().person_id)
            .await?;
    done(tx).await?;
    let base = row.resource();
    Ok(updates
        .into_iter()
        .filter(|u| {
            viewer.can(
                Action::View,
                &Resource {
                    tlp: u.tlp,
                    actor_is_named_recipient: u.named != 0,
                    ..base.clone()
                },
            )
        })
        .map(|u| ProgressUpdate {
            id: u.id,
            reported_on: u.reported_on,
            percent: u.percent,
            narrative: u.narrative,
            evidence_url: u.evidence_url,
            tlp: u.tlp.code().to_owned(),
        })
        .collect())
}

/// What a partnership's working groups decided (closed motions the viewer may see), latest
/// first. Motions past their deadline are closed first, so that the record is current.
pub async fn list_decisions(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
) -> Result<Vec<Decision>, AppError> {
    voting::close_due_motions(db).await?;
    let mut tx = read(db).await?;
    let p = visible_partnership(&mut tx, viewer, slug).await?;
    let rows = visible_decisions(&mut tx, viewer, p.id, DECISIONS_LIMIT).await?;
    done(tx).await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| {
            Some(Decision {
                id: m.id,
                working_group: m.group_slug,
                kind: m.kind.code().to_owned(),
                title: m.title,
                body: m.body,
                tlp: m.tlp.code().to_owned(),
                outcome: m.outcome?.code().to_owned(),
                electorate_size: m.electorate_size.unwrap_or_default(),
                yes: m.yes_count.unwrap_or_default(),
                no: m.no_count.unwrap_or_default(),
                abstain: m.abstain_count.unwrap_or_default(),
                threshold: m.threshold.code().to_owned(),
                dual_majority: m.dual_majority != 0,
                quorum_percent: m.quorum_percent,
                opened_at: m.opened_at,
                closed_at: m.closed_at,
            })
        })
        .collect())
}

/// How many entries of each kind a feed carries at most.
const FEED_ENTRIES: usize = 50;

/// The Atom feed of a partnership for the viewer: plan versions published, decisions taken
/// and progress reported (the percentage, never the narrative), newest first, each only when
/// the viewer may see the record (a feed reader without a session sees what the public
/// sees). `site_url` makes the links absolute.
pub async fn build_feed(
    db: &Database,
    viewer: &Viewer,
    slug: &str,
    site_url: &str,
) -> Result<String, AppError> {
    use crate::domain::atom::{Feed, FeedEntry, write_feed};
    use crate::domain::plan::PlanVersionStatus;

    voting::close_due_motions(db).await?;
    let mut tx = read(db).await?;
    let p = visible_partnership(&mut tx, viewer, slug).await?;
    let versions = match readable_versions(&mut tx, viewer, slug).await {
        Ok(versions) => versions,
        // A partnership without a plan has simply published none.
        Err(AppError::NotFound) => Vec::new(),
        Err(err) => return Err(err),
    };
    let decisions = visible_decisions(&mut tx, viewer, p.id, FEED_ENTRIES as i64).await?;
    let updates = commitment_db::list_recent_progress_updates(
        &mut tx,
        p.id,
        viewer.visibility().person_id,
        (FEED_ENTRIES * 4) as i64,
    )
    .await?;
    let created_at =
        crate::ssr::db::partnerships::find_partnership_created_at(&mut tx, p.id).await?;
    done(tx).await?;

    let base = site_url.trim_end_matches('/');
    let page = [base, "/p/", &p.slug].concat();
    let mut entries = Vec::new();
    for v in versions.iter().filter(|v| {
        matches!(
            v.status,
            PlanVersionStatus::Published | PlanVersionStatus::Superseded
        )
    }) {
        let Some(published_at) = v.published_at else {
            continue;
        };
        let link = format!("{page}/plan/v/{}", v.number);
        entries.push(FeedEntry {
            id: format!("{link}#published"),
            title: format!("Plan version {} published: {}", v.number, v.title),
            summary: v.summary.clone(),
            link,
            category: "publication",
            updated: published_at,
        });
    }
    for m in &decisions {
        let (Some(outcome), Some(closed_at)) = (m.outcome, m.closed_at) else {
            continue;
        };
        let link = format!("{page}/motions/{}", m.id);
        entries.push(FeedEntry {
            id: format!("{link}#decided"),
            title: format!("{}: {}", outcome.label(), m.title),
            summary: format!(
                "{} in {}: {} yes, {} no, {} abstentions of {} members.",
                outcome.label(),
                m.group_name,
                m.yes_count.unwrap_or_default(),
                m.no_count.unwrap_or_default(),
                m.abstain_count.unwrap_or_default(),
                m.electorate_size.unwrap_or_default(),
            ),
            link,
            category: "decision",
            updated: closed_at,
        });
    }
    for u in updates
        .iter()
        // The percentage is part of the commitment's record (its pages show it to whoever
        // sees the commitment); the narrative, which follows the update's own label, is
        // never in the feed.
        .filter(|u| viewer.can(Action::View, &u.commitment_resource()))
        .take(FEED_ENTRIES)
    {
        let link = format!("{page}/commitments/{}", u.commitment_id);
        entries.push(FeedEntry {
            id: format!("{link}#progress-{}", u.id),
            title: format!(
                "{}: {} % — {}",
                u.organisation_name, u.percent, u.commitment_title
            ),
            summary: format!(
                "{} reported {} % on {} for \"{}\".",
                u.organisation_name,
                u.percent,
                u.reported_on.display_long(),
                u.commitment_title
            ),
            link,
            category: "progress",
            updated: u.created_at,
        });
    }
    Ok(write_feed(&Feed {
        id: page.clone(),
        title: format!("{}: publications, decisions and progress", p.short_name),
        author: p.name.clone(),
        self_link: format!("{page}/feed.atom"),
        alternate_link: page,
        entries,
        fallback_updated: created_at,
    }))
}
