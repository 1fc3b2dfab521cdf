//! Reading the Sector-Specific Plan: the published version, the list of versions, any one
//! version the viewer may read, one goal, and the comparison of two versions. The writes
//! (drafts, revisions, review, adoption, publication) are in `api::plans`.
//!
//! Who may read what is decided twice, both times by `domain::access`:
//! - a version as a whole by [`may_read_version`] (its label, its status, and whether the
//!   viewer is the secretariat, an invited co-author or a member);
//! - each record of a readable version (section, goal, objective, measure) by its own label,
//!   after the version's content is loaded (it is bounded: a few dozen records).
//!
//! Markdown is rendered and sanitised on the server; the views carry only safe HTML.

use crate::domain::access::{Action, Actor, Resource, can};
use crate::domain::plan::PlanVersionStatus;
use crate::domain::plan_compare::ComparedItem;
use crate::domain::{Date, Timestamp, Tlp};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// May `actor` read a version of a partnership's plan, as a whole? `version` is the
/// version's authorisation facts: its partnership, the plan's working group, its own label,
/// whether the actor is named on it, and its id (`plan_version_id`).
///
/// The public reads published and superseded versions only, and only when the version's own
/// label is visible to them. Drafts, versions in review and adopted versions are for the
/// partnership's secretariat and the version's invited co-authors (who must also be allowed
/// by the label); members of the partnership read versions in review too, since they
/// comment on them.
pub fn may_read_version(actor: &Actor, version: &Resource, status: PlanVersionStatus) -> bool {
    if !can(actor, Action::View, version) {
        return false;
    }
    let partnership = version.partnership_id;
    let member = actor.member_of_partnership == Some(partnership);
    let secretariat = actor.is_secretariat_of(partnership);
    let co_author = member
        && version
            .plan_version_id
            .is_some_and(|id| actor.editor_of_plan_versions.contains(&id));
    match status {
        PlanVersionStatus::Published | PlanVersionStatus::Superseded => true,
        PlanVersionStatus::InReview => secretariat || co_author || member,
        PlanVersionStatus::Draft | PlanVersionStatus::Adopted => secretariat || co_author,
    }
}

/// The partnership and plan a page is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContext {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// The plan's title.
    pub plan_title: String,
    /// Whether a person is signed in (signed out, only TLP:CLEAR content is shown).
    pub signed_in: bool,
}

/// A version as listed and as shown at the top of its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionHeader {
    /// Number in the plan.
    pub number: i64,
    /// Title.
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// Where it stands.
    pub status: PlanVersionStatus,
    /// Its own label.
    pub tlp: Tlp,
    /// When it was started.
    pub created_at: Timestamp,
    /// When it was submitted for review.
    pub submitted_at: Option<Timestamp>,
    /// When it was adopted.
    pub adopted_at: Option<Timestamp>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
    /// When a later version superseded it.
    pub superseded_at: Option<Timestamp>,
}

impl VersionHeader {
    /// "Version 2 (Draft)", for comparison columns and lists.
    pub fn label(&self) -> String {
        format!("Version {} ({})", self.number, self.status.label())
    }
}

/// A section as the viewer may read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    /// Stable key.
    pub key: String,
    /// The id of its heading in the page (`section-<key>`).
    pub anchor: String,
    /// Title.
    pub title: String,
    /// The body, rendered and sanitised.
    pub body_html: String,
    /// Label.
    pub tlp: Tlp,
}

/// A measure of an objective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureView {
    /// What is measured.
    pub indicator: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value aimed for.
    pub target: Option<f64>,
    /// Unit.
    pub unit: String,
    /// When the target should be met.
    pub due_date: Option<Date>,
    /// Label.
    pub tlp: Tlp,
}

/// An objective, numbered within its goal ("1.2").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveView {
    /// Stable key (e.g. `G1.O2`).
    pub key: String,
    /// "1.2".
    pub number: String,
    /// The id of its block in the page (`objective-1-2`).
    pub anchor: String,
    /// Title.
    pub title: String,
    /// The description, rendered and sanitised.
    pub description_html: String,
    /// Label.
    pub tlp: Tlp,
    /// The measures the viewer may see.
    pub measures: Vec<MeasureView>,
}

/// A goal with the objectives the viewer may see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalView {
    /// Stable key (e.g. `G1`).
    pub key: String,
    /// Number in the version.
    pub number: i64,
    /// The id of its block in the page (`goal-1`).
    pub anchor: String,
    /// Title.
    pub title: String,
    /// The description, rendered and sanitised.
    pub description_html: String,
    /// Label.
    pub tlp: Tlp,
    /// The objectives the viewer may see.
    pub objectives: Vec<ObjectiveView>,
    /// Progress rolled up from the commitments the viewer may see.
    pub progress: crate::domain::commitment::Progress,
}

/// One version of the plan as the viewer may read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanVersionDocument {
    /// Partnership and plan.
    pub context: PlanContext,
    /// The version.
    pub version: VersionHeader,
    /// Its sections the viewer may see, in order.
    pub sections: Vec<SectionView>,
    /// Its goals the viewer may see, in order.
    pub goals: Vec<GoalView>,
    /// The number of the published version, when the viewer may read it.
    pub current_published: Option<i64>,
    /// The version to compare this one with: the previously published version (for a
    /// published or superseded version) or the published one (for a version being written).
    pub compare_with: Option<i64>,
    /// How many versions the viewer may read, this one included.
    pub readable_versions: usize,
}

/// The published plan of a partnership, if the viewer may read one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedPlan {
    /// Partnership and plan.
    pub context: PlanContext,
    /// The published version, or `None` when none is published (or readable by the viewer).
    pub document: Option<PlanVersionDocument>,
}

/// The versions of a plan the viewer may read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersionList {
    /// Partnership and plan.
    pub context: PlanContext,
    /// Newest first.
    pub versions: Vec<VersionHeader>,
}

/// One goal of a version, with its objectives and measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanGoalPage {
    /// Partnership and plan.
    pub context: PlanContext,
    /// The version.
    pub version: VersionHeader,
    /// The goal.
    pub goal: GoalView,
    /// The number of the published version, when the viewer may read it.
    pub current_published: Option<i64>,
    /// The goal's progress: its objectives' progress weighted by their weights, over the
    /// commitments the viewer may see.
    pub progress: crate::domain::commitment::Progress,
    /// Each visible objective's progress and commitments, in the goal's order.
    pub objectives: Vec<crate::api::commitments::ObjectiveProgress>,
}

/// Two versions compared, item by item, on what the viewer may see of each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanComparison {
    /// Partnership and plan.
    pub context: PlanContext,
    /// The older side.
    pub from: VersionHeader,
    /// The newer side.
    pub to: VersionHeader,
    /// Sections, goals, objectives and measures added, removed, changed or unchanged.
    pub items: Vec<ComparedItem>,
    /// Every version the viewer may read, newest first (for choosing another pair).
    pub versions: Vec<VersionHeader>,
}

/// The published version of a partnership's plan.
#[server(endpoint = "get_published_plan")]
pub async fn get_published_plan(
    /// The partnership's URL key.
    slug: String,
) -> Result<PublishedPlan, AppError> {
    crate::ssr::error::serve(imp::get_published_plan(slug)).await
}

/// The versions of a partnership's plan the viewer may read, newest first.
#[server(endpoint = "list_plan_versions")]
pub async fn list_plan_versions(
    /// The partnership's URL key.
    slug: String,
) -> Result<PlanVersionList, AppError> {
    crate::ssr::error::serve(imp::list_plan_versions(slug)).await
}

/// One version of a partnership's plan, if the viewer may read it.
#[server(endpoint = "get_plan_version")]
pub async fn get_plan_version(
    /// The partnership's URL key.
    slug: String,
    /// The version's number.
    number: i64,
) -> Result<PlanVersionDocument, AppError> {
    crate::ssr::error::serve(imp::get_plan_version(slug, number)).await
}

/// One goal (by its number in the version) of a version the viewer may read.
#[server(endpoint = "get_plan_goal")]
pub async fn get_plan_goal(
    /// The partnership's URL key.
    slug: String,
    /// The version's number.
    number: i64,
    /// The goal's number in that version.
    goal: i64,
) -> Result<PlanGoalPage, AppError> {
    crate::ssr::error::serve(imp::get_plan_goal(slug, number, goal)).await
}

/// The versions of a partnership's plan the viewer may read, newest first (for the open-data
/// API; the same rule as the plan pages).
#[cfg(feature = "ssr")]
pub(crate) async fn readable_versions(
    conn: &mut crate::ssr::db::Conn,
    viewer: &crate::ssr::access::Viewer,
    slug: &str,
) -> Result<Vec<crate::ssr::db::plan_content::PlanVersionRow>, AppError> {
    Ok(imp::load_plan(conn, viewer, slug).await?.versions)
}

/// Version `number` of a partnership's plan, if the viewer may read it, with the goals,
/// objectives and measures the viewer may see and the partnership's id (for the open-data
/// API; the same rule as the plan pages).
#[cfg(feature = "ssr")]
pub(crate) async fn readable_goals(
    conn: &mut crate::ssr::db::Conn,
    viewer: &crate::ssr::access::Viewer,
    slug: &str,
    number: i64,
) -> Result<
    (
        i64,
        crate::ssr::db::plan_content::PlanVersionRow,
        Vec<crate::ssr::db::plan_content::GoalRecord>,
    ),
    AppError,
> {
    let plan = imp::load_plan(conn, viewer, slug).await?;
    let version = plan.version(number)?.clone();
    let (_, goals) = imp::load_visible(conn, viewer, &plan, &version).await?;
    Ok((plan.partnership_id, version, goals))
}

/// Compares two versions the viewer may read, on the content the viewer may see of each.
#[server(endpoint = "compare_plan_versions")]
pub async fn compare_plan_versions(
    /// The partnership's URL key.
    slug: String,
    /// The older version's number.
    from: i64,
    /// The newer version's number.
    to: i64,
) -> Result<PlanComparison, AppError> {
    crate::ssr::error::serve(imp::compare_plan_versions(slug, from, to)).await
}

/// The id of a page element for a record key: letters, digits, `-` and `_` kept, anything
/// else turned into `-`.
pub fn anchor(prefix: &str, key: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + 1 + key.len());
    id.push_str(prefix);
    id.push('-');
    id.extend(key.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        }
    }));
    id
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::commitments;
    use crate::api::partnerships::validate_slug;
    use crate::domain::plan_compare::{
        GoalSnapshot, MeasureSnapshot, ObjectiveSnapshot, PlanSnapshot, SectionSnapshot,
        compare_plans,
    };
    use crate::domain::records::RecordType;
    use crate::ssr::access::Viewer;
    use crate::ssr::db::plan_content::{
        self as q, GoalRecord, PlanRow, PlanVersionRow, SectionRow, VersionContent,
    };
    use crate::ssr::db::{Conn, DbError, partnerships};
    use crate::ssr::markdown;
    use crate::ssr::state::AppState;
    use std::collections::HashSet;

    /// A partnership's plan and the versions the viewer may read, newest first.
    pub(super) struct Plan {
        context: PlanContext,
        pub(super) partnership_id: i64,
        plan: PlanRow,
        pub(super) versions: Vec<PlanVersionRow>,
    }

    impl Plan {
        pub(super) fn version(&self, number: i64) -> Result<&PlanVersionRow, AppError> {
            self.versions
                .iter()
                .find(|v| v.number == number)
                .ok_or(AppError::NotFound)
        }

        fn published(&self) -> Option<&PlanVersionRow> {
            self.versions
                .iter()
                .find(|v| v.status == PlanVersionStatus::Published)
        }

        /// The version to compare `version` with (see [`PlanVersionDocument::compare_with`]).
        fn compare_with(&self, version: &PlanVersionRow) -> Option<i64> {
            match version.status {
                PlanVersionStatus::Published | PlanVersionStatus::Superseded => self
                    .versions
                    .iter()
                    .filter(|v| {
                        v.status == PlanVersionStatus::Superseded && v.number < version.number
                    })
                    .map(|v| v.number)
                    .max(),
                _ => self.published().map(|v| v.number),
            }
        }

        /// The authorisation facts of a record of version `version_id`.
        fn resource(&self, version_id: i64, owner: Option<i64>, tlp: Tlp, named: bool) -> Resource {
            Resource {
                partnership_id: self.partnership_id,
                council_id: None,
                working_group_id: self.plan.working_group_id,
                owner_organisation_id: owner,
                tlp,
                actor_is_named_recipient: named,
                plan_version_id: Some(version_id),
            }
        }
    }

    /// The partnership's plan with the versions `viewer` may read; 404 when the partnership
    /// is not visible or has no plan.
    pub(super) async fn load_plan(
        conn: &mut Conn,
        viewer: &Viewer,
        slug: &str,
    ) -> Result<Plan, AppError> {
        validate_slug(slug)?;
        let vis = viewer.visibility();
        let partnership = partnerships::find_partnership_by_slug(conn, slug, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = q::find_plan(conn, partnership.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let all = q::list_plan_versions(conn, plan.id, vis.person_id).await?;
        let mut loaded = Plan {
            context: PlanContext {
                partnership_slug: partnership.slug,
                partnership_short_name: partnership.short_name,
                plan_title: plan.title.clone(),
                signed_in: viewer.is_signed_in(),
            },
            partnership_id: partnership.id,
            plan,
            versions: Vec::new(),
        };
        loaded.versions = all
            .into_iter()
            .filter(|v| {
                let facts = loaded.resource(v.id, None, v.tlp, v.named != 0);
                may_read_version(viewer.actor(), &facts, v.status)
            })
            .collect();
        Ok(loaded)
    }

    fn header(row: &PlanVersionRow) -> VersionHeader {
        VersionHeader {
            number: row.number,
            title: row.title.clone(),
            summary: row.summary.clone(),
            status: row.status,
            tlp: row.tlp,
            created_at: row.created_at,
            submitted_at: row.submitted_at,
            adopted_at: row.adopted_at,
            published_at: row.published_at,
            superseded_at: row.superseded_at,
        }
    }

    /// What of a version's content the viewer may see: each record by its own label; an
    /// objective only under a visible goal, a measure only under a visible objective (a
    /// measure has no owner of its own: it is its objective's).
    fn visible_content(
        viewer: &Viewer,
        plan: &Plan,
        version_id: i64,
        content: VersionContent,
        named: &HashSet<(RecordType, i64)>,
    ) -> (Vec<SectionRow>, Vec<GoalRecord>) {
        let sees = |kind: RecordType, id: i64, owner: Option<i64>, tlp: Tlp| {
            let named = named.contains(&(kind, id));
            viewer.can(Action::View, &plan.resource(version_id, owner, tlp, named))
        };
        let sections = content
            .sections
            .into_iter()
            .filter(|s| {
                sees(
                    RecordType::PlanSection,
                    s.id,
                    s.owner_organisation_id,
                    s.tlp,
                )
            })
            .collect();
        let goals = content
            .goals
            .into_iter()
            .filter(|g| sees(RecordType::Goal, g.id, g.owner_organisation_id, g.tlp))
            .map(|mut goal| {
                goal.objectives
                    .retain(|o| sees(RecordType::Objective, o.id, o.owner_organisation_id, o.tlp));
                for objective in &mut goal.objectives {
                    let owner = objective.owner_organisation_id;
                    objective
                        .measures
                        .retain(|m| sees(RecordType::Measure, m.id, owner, m.tlp));
                }
                goal
            })
            .collect();
        (sections, goals)
    }

    /// The content of `version` the viewer may see, read in a fixed number of queries.
    pub(super) async fn load_visible(
        conn: &mut Conn,
        viewer: &Viewer,
        plan: &Plan,
        version: &PlanVersionRow,
    ) -> Result<(Vec<SectionRow>, Vec<GoalRecord>), AppError> {
        let content = q::load_version_content(conn, version.id).await?;
        let named = q::list_named_records(conn, version.id, viewer.visibility().person_id).await?;
        Ok(visible_content(viewer, plan, version.id, content, &named))
    }

    fn section_view(section: SectionRow) -> SectionView {
        SectionView {
            anchor: anchor("section", &section.key),
            body_html: markdown::render(&section.body),
            key: section.key,
            title: section.title,
            tlp: section.tlp,
        }
    }

    fn goal_view(goal: GoalRecord, progress: crate::domain::commitment::Progress) -> GoalView {
        let number = goal.number;
        GoalView {
            progress,
            anchor: anchor("goal", &number.to_string()),
            description_html: markdown::render(&goal.description),
            key: goal.key,
            number,
            title: goal.title,
            tlp: goal.tlp,
            objectives: goal
                .objectives
                .into_iter()
                .map(|o| ObjectiveView {
                    number: format!("{number}.{}", o.number),
                    anchor: anchor("objective", &format!("{number}-{}", o.number)),
                    description_html: markdown::render(&o.description),
                    key: o.key,
                    title: o.title,
                    tlp: o.tlp,
                    measures: o
                        .measures
                        .into_iter()
                        .map(|m| MeasureView {
                            indicator: m.indicator,
                            baseline: m.baseline,
                            target: m.target,
                            unit: m.unit,
                            due_date: m.due_date,
                            tlp: m.tlp,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    async fn document(
        conn: &mut Conn,
        viewer: &Viewer,
        plan: &Plan,
        version: &PlanVersionRow,
    ) -> Result<PlanVersionDocument, AppError> {
        let (sections, goals) = load_visible(conn, viewer, plan, version).await?;
        let commitments = if goals.is_empty() {
            Vec::new()
        } else {
            commitments::visible_commitments(conn, viewer, plan.partnership_id).await?
        };
        Ok(PlanVersionDocument {
            context: plan.context.clone(),
            version: header(version),
            sections: sections.into_iter().map(section_view).collect(),
            goals: goals
                .into_iter()
                .map(|goal| {
                    let (progress, _) = commitments::goal_progress(&goal, &commitments);
                    goal_view(goal, progress)
                })
                .collect(),
            current_published: plan.published().map(|v| v.number),
            compare_with: plan.compare_with(version),
            readable_versions: plan.versions.len(),
        })
    }

    pub async fn get_published_plan(slug: String) -> Result<PublishedPlan, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let plan = load_plan(&mut tx, &viewer, &slug).await?;
        let document = match plan.published() {
            Some(version) => Some(document(&mut tx, &viewer, &plan, version).await?),
            None => None,
        };
        tx.commit().await.map_err(DbError::from)?;
        Ok(PublishedPlan {
            context: plan.context,
            document,
        })
    }

    pub async fn list_plan_versions(slug: String) -> Result<PlanVersionList, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let plan = load_plan(&mut tx, &viewer, &slug).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(PlanVersionList {
            versions: plan.versions.iter().map(header).collect(),
            context: plan.context,
        })
    }

    pub async fn get_plan_version(
        slug: String,
        number: i64,
    ) -> Result<PlanVersionDocument, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let plan = load_plan(&mut tx, &viewer, &slug).await?;
        let version = plan.version(number)?;
        let document = document(&mut tx, &viewer, &plan, version).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(document)
    }

    pub async fn get_plan_goal(
        slug: String,
        number: i64,
        goal: i64,
    ) -> Result<PlanGoalPage, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let plan = load_plan(&mut tx, &viewer, &slug).await?;
        let version = plan.version(number)?;
        let (_, goals) = load_visible(&mut tx, &viewer, &plan, version).await?;
        let goal = goals
            .into_iter()
            .find(|g| g.number == goal)
            .ok_or(AppError::NotFound)?;
        let commitments =
            commitments::visible_commitments(&mut tx, &viewer, plan.partnership_id).await?;
        tx.commit().await.map_err(DbError::from)?;
        let (progress, objectives) = commitments::goal_progress(&goal, &commitments);
        Ok(PlanGoalPage {
            context: plan.context.clone(),
            version: header(version),
            goal: goal_view(goal, progress),
            current_published: plan.published().map(|v| v.number),
            progress,
            objectives,
        })
    }

    pub async fn compare_plan_versions(
        slug: String,
        from: i64,
        to: i64,
    ) -> Result<PlanComparison, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let plan = load_plan(&mut tx, &viewer, &slug).await?;
        let old = plan.version(from)?;
        let new = plan.version(to)?;
        if from == to {
            return Err(AppError::invalid(
                "to",
                format!("Choose a version other than version {from} to compare it with."),
            ));
        }
        let (old_sections, old_goals) = load_visible(&mut tx, &viewer, &plan, old).await?;
        let (new_sections, new_goals) = load_visible(&mut tx, &viewer, &plan, new).await?;
        tx.commit().await.map_err(DbError::from)?;
        let items = compare_plans(
            &snapshot(old_sections, old_goals),
            &snapshot(new_sections, new_goals),
        );
        Ok(PlanComparison {
            context: plan.context.clone(),
            from: header(old),
            to: header(new),
            items,
            versions: plan.versions.iter().map(header).collect(),
        })
    }

    /// What a comparison compares: the text readers see (see [`reader_text`]), labels and
    /// measures.
    fn snapshot(sections: Vec<SectionRow>, goals: Vec<GoalRecord>) -> PlanSnapshot {
        PlanSnapshot {
            sections: sections
                .into_iter()
                .map(|s| SectionSnapshot {
                    key: s.key,
                    title: s.title,
                    body: reader_text(&s.body),
                    tlp: s.tlp,
                })
                .collect(),
            goals: goals
                .into_iter()
                .map(|g| GoalSnapshot {
                    objectives: g
                        .objectives
                        .into_iter()
                        .map(|o| ObjectiveSnapshot {
                            key: o.key,
                            number: format!("{}.{}", g.number, o.number),
                            title: o.title,
                            description: reader_text(&o.description),
                            tlp: o.tlp,
                            measures: o
                                .measures
                                .into_iter()
                                .map(|m| MeasureSnapshot {
                                    indicator: m.indicator,
                                    baseline: m.baseline,
                                    target: m.target,
                                    unit: m.unit,
                                    due_date: m.due_date,
                                    tlp: m.tlp,
                                })
                                .collect(),
                        })
                        .collect(),
                    key: g.key,
                    number: g.number,
                    title: g.title,
                    description: reader_text(&g.description),
                    tlp: g.tlp,
                })
                .collect(),
        }
    }

    /// The text a reader sees of some Markdown, one block per line: what a comparison of
    /// versions diffs. Raw HTML is dropped (the rendered page sanitises it away; here it
    /// would only show as markup), a link keeps its text and, for web and mail addresses,
    /// the address in brackets; list items start with "• " and table cells are separated by
    /// " | ".
    pub(super) fn reader_text(markdown: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TASKLISTS;
        let mut out = String::with_capacity(markdown.len());
        let mut links: Vec<String> = Vec::new();
        let mut cell = 0usize;
        let newline = |out: &mut String| {
            let trimmed = out.trim_end_matches([' ', '\t']).len();
            out.truncate(trimmed);
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        };
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(text) | Event::Code(text) => out.push_str(&text),
                Event::SoftBreak => out.push(' '),
                Event::HardBreak | Event::Rule => newline(&mut out),
                Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
                Event::FootnoteReference(name) => {
                    out.push('[');
                    out.push_str(&name);
                    out.push(']');
                }
                Event::Start(Tag::Item) => {
                    newline(&mut out);
                    out.push_str("• ");
                }
                Event::Start(Tag::TableRow | Tag::TableHead) => {
                    newline(&mut out);
                    cell = 0;
                }
                Event::Start(Tag::TableCell) => {
                    if cell > 0 {
                        out.push_str(" | ");
                    }
                    cell += 1;
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let lower = dest_url.to_ascii_lowercase();
                    let shown = ["https://", "http://", "mailto:"]
                        .iter()
                        .any(|scheme| lower.starts_with(scheme));
                    links.push(if shown {
                        dest_url.to_string()
                    } else {
                        String::new()
                    });
                }
                Event::End(TagEnd::Link) => {
                    if let Some(url) = links.pop().filter(|u| !u.is_empty()) {
                        out.push_str(" (");
                        out.push_str(&url);
                        out.push(')');
                    }
                }
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::List(_)
                    | Tag::Table(_),
                ) => newline(&mut out),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::BlockQuote(_)
                    | TagEnd::CodeBlock
                    | TagEnd::Item
                    | TagEnd::TableRow
                    | TagEnd::TableHead
                    | TagEnd::List(_)
                    | TagEnd::Table,
                ) => newline(&mut out),
                // Raw HTML, block or inline, is not text a reader sees.
                Event::Html(_) | Event::InlineHtml(_) => {}
                _ => {}
            }
        }
        out.trim_end().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTNERSHIP: i64 = 1;
    const VERSION: i64 = 7;

    fn version(tlp: Tlp) -> Resource {
        Resource {
            partnership_id: PARTNERSHIP,
            council_id: None,
            working_group_id: Some(3),
            owner_organisation_id: None,
            tlp,
            actor_is_named_recipient: false,
            plan_version_id: Some(VERSION),
        }
    }

    fn member() -> Actor {
        Actor {
            person_id: Some(10),
            organisation_id: Some(100),
            member_of_partnership: Some(PARTNERSHIP),
            ..Actor::default()
        }
    }

    fn secretariat() -> Actor {
        Actor {
            secretariat_of_partnerships: vec![PARTNERSHIP],
            ..member()
        }
    }

    fn co_author() -> Actor {
        Actor {
            editor_of_plan_versions: vec![VERSION],
            ..member()
        }
    }

    fn admin() -> Actor {
        Actor {
            person_id: Some(1),
            is_admin: true,
            ..Actor::default()
        }
    }

    use PlanVersionStatus::{Adopted, Draft, InReview, Published, Superseded};

    #[test]
    fn the_public_reads_published_and_superseded_clear_versions_only() {
        let public = Actor::public();
        assert!(may_read_version(&public, &version(Tlp::Clear), Published));
        assert!(may_read_version(&public, &version(Tlp::Clear), Superseded));
        assert!(!may_read_version(&public, &version(Tlp::Green), Published));
        for status in [Draft, InReview, Adopted] {
            assert!(
                !may_read_version(&public, &version(Tlp::Clear), status),
                "{status:?}"
            );
        }
    }

    #[test]
    fn drafts_are_for_the_secretariat_and_invited_co_authors() {
        for status in [Draft, Adopted] {
            assert!(may_read_version(
                &secretariat(),
                &version(Tlp::Green),
                status
            ));
            assert!(may_read_version(&co_author(), &version(Tlp::Green), status));
            assert!(!may_read_version(&member(), &version(Tlp::Green), status));
            assert!(!may_read_version(&admin(), &version(Tlp::Green), status));
        }
        // An invitation to another version, or from outside the partnership, counts for nothing.
        let elsewhere = Resource {
            plan_version_id: Some(VERSION + 1),
            ..version(Tlp::Green)
        };
        assert!(!may_read_version(&co_author(), &elsewhere, Draft));
        let outsider = Actor {
            member_of_partnership: Some(PARTNERSHIP + 1),
            ..co_author()
        };
        assert!(!may_read_version(&outsider, &version(Tlp::Clear), Draft));
    }

    #[test]
    fn members_read_versions_in_review_to_comment_on_them() {
        assert!(may_read_version(&member(), &version(Tlp::Green), InReview));
        assert!(!may_read_version(
            &Actor::public(),
            &version(Tlp::Clear),
            InReview
        ));
    }

    #[test]
    fn the_label_is_checked_as_well_as_the_role() {
        // Even the secretariat does not read a TLP:RED draft it is not named on.
        assert!(!may_read_version(&secretariat(), &version(Tlp::Red), Draft));
        let named = Resource {
            actor_is_named_recipient: true,
            ..version(Tlp::Red)
        };
        assert!(may_read_version(&secretariat(), &named, Draft));
        // A member does not read a published version labelled for one organisation only.
        let strict = Resource {
            owner_organisation_id: Some(999),
            ..version(Tlp::AmberStrict)
        };
        assert!(!may_read_version(&member(), &strict, Published));
        assert!(may_read_version(&member(), &version(Tlp::Green), Published));
    }

    #[test]
    fn anchors_keep_only_safe_characters() {
        assert_eq!(
            anchor("section", "risk-landscape"),
            "section-risk-landscape"
        );
        assert_eq!(anchor("objective", "G1.O2"), "objective-G1-O2");
        assert_eq!(anchor("section", "a b\"<"), "section-a-b--");
    }

    #[cfg(feature = "ssr")]
    mod reader_text {
        use super::super::imp::reader_text;

        #[test]
        fn keeps_words_and_blocks_and_drops_markup() {
            let text = reader_text(
                "## Risks\n\n**Ransomware** is the *main* threat.\n\n- phishing\n- theft\n\n| Who | Role |\n|---|---|\n| CISA | Advisories |",
            );
            assert_eq!(
                text,
                "Risks\nRansomware is the main threat.\n• phishing\n• theft\nWho | Role\nCISA | Advisories"
            );
        }

        #[test]
        fn hostile_html_and_script_links_leave_no_trace() {
            let text = reader_text(
                "Before <img src=x onerror=alert(1)> after.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) and [HHS](https://www.hhs.gov)",
            )
            .to_lowercase();
            assert!(!text.contains("<script"), "{text}");
            assert!(!text.contains("onerror"), "{text}");
            assert!(!text.contains("javascript:"), "{text}");
            assert!(text.contains("before  after."), "{text}");
            assert!(
                text.contains("click and hhs (https://www.hhs.gov)"),
                "{text}"
            );
        }
    }
}
