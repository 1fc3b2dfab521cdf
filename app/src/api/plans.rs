//! Drafting the Sector-Specific Plan: starting a draft (a copy of the published version, or
//! empty), co-authoring its sections without lost updates, inviting co-authors, review
//! comments, submission, adoption (only through a carried motion) and publication.
//!
//! Life cycle (DOMAIN.md): draft → in review → adopted → published → superseded. The
//! database holds what it can (one published version per plan; no adopted version without a
//! carried motion to adopt it, by trigger); the rest is checked here, inside the write
//! transaction. Reading published plans is `api::plan_content`.

use crate::api::choices::PersonChoice;
use crate::domain::partnership::Side;
use crate::domain::plan::PlanVersionStatus;
use crate::domain::{Timestamp, Tlp};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest section body accepted, in characters.
pub const MAX_SECTION_CHARS: usize = 100_000;
/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 20_000;

/// A version's header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionHeader {
    /// Number.
    pub number: i64,
    /// Title.
    pub title: String,
    /// One paragraph.
    pub summary: String,
    /// Life-cycle state.
    pub status: PlanVersionStatus,
    /// TLP label.
    pub tlp: Tlp,
    /// Started.
    pub created_at: Timestamp,
    /// Sent to review.
    pub submitted_at: Option<Timestamp>,
    /// Adopted.
    pub adopted_at: Option<Timestamp>,
    /// Published.
    pub published_at: Option<Timestamp>,
}

/// A comment with its replies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Id.
    pub id: i64,
    /// "Name, Organisation".
    pub author: String,
    /// The text, rendered and sanitised.
    pub body_html: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Written.
    pub created_at: Timestamp,
    /// Who resolved the thread, if resolved.
    pub resolved_by: Option<String>,
    /// Replies, oldest first.
    pub replies: Vec<CommentView>,
}

/// A section as the workspace lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionItem {
    /// Id (comment target).
    pub id: i64,
    /// Stable key (URL).
    pub key: String,
    /// Title.
    pub title: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Current revision.
    pub revision: i64,
    /// Who saved the current revision.
    pub last_author: Option<String>,
    /// When.
    pub updated_at: Timestamp,
    /// Whether the viewer may edit it.
    pub editable: bool,
    /// Comment threads.
    pub comments: Vec<CommentView>,
}

/// A goal or objective as the workspace lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineItem {
    /// Id (comment target).
    pub id: i64,
    /// "2" or "2.1".
    pub number: String,
    /// Title.
    pub title: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Comment threads.
    pub comments: Vec<CommentView>,
    /// Objectives (for a goal).
    pub children: Vec<OutlineItem>,
}

/// The drafting workspace of one version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// The plan's title.
    pub plan_title: String,
    /// The version.
    pub version: VersionHeader,
    /// Sections the viewer may see, in order.
    pub sections: Vec<SectionItem>,
    /// Goals with their objectives, as far as the viewer may see them.
    pub goals: Vec<OutlineItem>,
    /// Invited co-authors.
    pub editors: Vec<String>,
    /// Saved revisions by side of the author's organisation.
    pub contributions: Vec<(Side, i64)>,
    /// Unresolved comment threads on the version.
    pub unresolved_comments: i64,
    /// The viewer may edit the draft.
    pub can_edit: bool,
    /// The viewer is the secretariat (submit, adopt, publish, invite).
    pub can_manage: bool,
    /// The viewer may comment.
    pub can_comment: bool,
    /// The carried motion that adopts this version, when there is one.
    pub adopting_motion: Option<i64>,
    /// The URL key of the working group whose motions adopt versions of the plan.
    pub adopting_group: Option<String>,
    /// People the secretariat may invite as co-authors.
    pub invitable: Vec<PersonChoice>,
}

/// A section's editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionEditor {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The version's number.
    pub version_number: i64,
    /// The version's title.
    pub version_title: String,
    /// Stable key.
    pub key: String,
    /// Current title.
    pub title: String,
    /// Current Markdown.
    pub body: String,
    /// Current revision (what a save is based on).
    pub revision: i64,
    /// Who saved the current revision.
    pub last_author: Option<String>,
    /// When.
    pub updated_at: Timestamp,
    /// TLP label.
    pub tlp: Tlp,
    /// The viewer's refused save, if they have one open: shown beside the current text.
    pub conflict: Option<ConflictView>,
}

/// A save that was refused because someone saved first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictView {
    /// The revision the viewer started from.
    pub base_revision: i64,
    /// What the viewer typed: title.
    pub title: String,
    /// What the viewer typed: text.
    pub body: String,
    /// When it was refused.
    pub refused_at: Timestamp,
}

/// One saved revision of a section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    /// Revision number.
    pub revision: i64,
    /// Title then.
    pub title: String,
    /// Markdown then.
    pub body: String,
    /// "Name, Organisation", or `None` when carried over from the version before.
    pub author: Option<String>,
    /// The side of the author's organisation then.
    pub side: Option<Side>,
    /// When.
    pub saved_at: Timestamp,
}

/// A section's revisions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionHistory {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The version's number.
    pub version_number: i64,
    /// The version's title.
    pub version_title: String,
    /// The section's key.
    pub key: String,
    /// The section's current title.
    pub title: String,
    /// Every revision, newest first.
    pub revisions: Vec<RevisionView>,
}

/// The drafting workspace of a version.
#[server(endpoint = "get_plan_workspace")]
pub async fn get_plan_workspace(
    /// The partnership's URL key.
    slug: String,
    /// The version's number.
    number: i64,
) -> Result<Workspace, AppError> {
    crate::ssr::error::serve(imp::get_plan_workspace(slug, number)).await
}

/// The revisions of a section, for comparing any two.
#[server(endpoint = "get_section_history")]
pub async fn get_section_history(
    /// The partnership's URL key.
    slug: String,
    /// The version's number.
    number: i64,
    /// The section's key.
    key: String,
) -> Result<SectionHistory, AppError> {
    crate::ssr::error::serve(imp::get_section_history(slug, number, key)).await
}

/// Starts a draft: a copy of the published version (`base` = `published`) or empty.
#[server(endpoint = "start_plan_draft")]
pub async fn start_plan_draft(
    /// The partnership's URL key.
    partnership: String,
    /// `published` or `empty`.
    base: String,
    /// The new version's title.
    title: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::start_plan_draft(partnership, base, title)).await
}

/// Adds a section to a draft.
#[server(endpoint = "add_plan_section")]
pub async fn add_plan_section(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The new section's stable key.
    key: String,
    /// Its title.
    title: String,
    /// Its TLP label.
    tlp: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_plan_section(partnership, number, key, title, tlp)).await
}

/// A section's editor, with the viewer's refused save if any.
#[server(endpoint = "get_section_editor")]
pub async fn get_section_editor(
    /// The partnership's URL key.
    slug: String,
    /// The version's number.
    number: i64,
    /// The section's key.
    key: String,
) -> Result<SectionEditor, AppError> {
    crate::ssr::error::serve(imp::get_section_editor(slug, number, key)).await
}

/// Saves a section as a new revision, based on `revision`. A save based on a stale revision
/// is refused (409) and the text is kept for its author, to be shown beside the current one.
#[server(endpoint = "save_plan_section")]
pub async fn save_plan_section(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The section's key.
    key: String,
    /// The revision the text was based on.
    revision: i64,
    /// New title.
    title: String,
    /// New Markdown text.
    body: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::save_plan_section(
        partnership,
        number,
        key,
        revision,
        title,
        body,
    ))
    .await
}

/// Renders Markdown as the plan pages will show it (sanitised), for the live preview.
#[server(endpoint = "preview_markdown")]
pub async fn preview_markdown(
    /// The Markdown.
    text: String,
) -> Result<String, AppError> {
    if text.chars().count() > MAX_SECTION_CHARS {
        return Err(crate::ssr::error::respond_with(AppError::invalid(
            "text",
            "The text is too long to preview (at most 100,000 characters).",
        )));
    }
    Ok(imp::preview(&text))
}

/// Invites a person of the partnership to co-author a draft.
#[server(endpoint = "invite_plan_editor")]
pub async fn invite_plan_editor(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The person's id.
    person: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::invite_plan_editor(partnership, number, person)).await
}

/// Comments on a section (`section:<id>`), goal (`goal:<id>`) or objective
/// (`objective:<id>`) of a version, or replies to a comment (`parent`).
#[server(endpoint = "add_plan_comment")]
pub async fn add_plan_comment(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// What the comment is on.
    target: String,
    /// The comment it answers (may be empty).
    parent: String,
    /// The text (Markdown).
    body: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_plan_comment(
        partnership,
        number,
        target,
        parent,
        body,
    ))
    .await
}

/// Resolves a comment thread.
#[server(endpoint = "resolve_plan_comment")]
pub async fn resolve_plan_comment(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The thread's first comment.
    comment: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::resolve_plan_comment(partnership, number, comment)).await
}

/// Submits a draft for review and adoption. Refused while comments are unresolved, unless
/// the secretariat overrides (`override_comments` present), which is audited.
#[server(endpoint = "submit_plan_version")]
pub async fn submit_plan_version(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// Present to submit despite unresolved comments.
    override_comments: Option<String>,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::submit_plan_version(
        partnership,
        number,
        override_comments.is_some(),
    ))
    .await
}

/// Records the adoption of a version in review by its carried motion.
#[server(endpoint = "adopt_plan_version")]
pub async fn adopt_plan_version(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::adopt_plan_version(partnership, number)).await
}

/// Publishes an adopted version; the published one becomes superseded, in one transaction.
#[server(endpoint = "publish_plan_version")]
pub async fn publish_plan_version(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::publish_plan_version(partnership, number)).await
}

/// Checks a new section's key and title.
pub fn validate_new_section(
    key: &str,
    title: &str,
    tlp: &str,
) -> Result<(String, String, Tlp), AppError> {
    let mut errors = FieldErrors::new();
    let key = key.trim().to_owned();
    let key_ok = (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !key_ok {
        errors.entry("key".into()).or_default().push(
            "Use 1 to 64 lower-case letters, digits and hyphens, such as risk-landscape.".into(),
        );
    }
    let title = title.trim().to_owned();
    if title.is_empty() || title.chars().count() > 200 {
        errors
            .entry("title".into())
            .or_default()
            .push("Enter the section's title (1 to 200 characters).".into());
    }
    let tlp = Tlp::from_code(tlp.trim());
    if tlp.is_none() {
        errors
            .entry("tlp".into())
            .or_default()
            .push("Choose a TLP label.".into());
    }
    match tlp {
        Some(tlp) if errors.is_empty() => Ok((key, title, tlp)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Checks a section's title and text before a save.
pub fn validate_section_text(title: &str, body: &str) -> Result<(String, String), AppError> {
    let mut errors = FieldErrors::new();
    let title = title.trim().to_owned();
    if title.is_empty() || title.chars().count() > 200 {
        errors
            .entry("title".into())
            .or_default()
            .push("Enter the section's title (1 to 200 characters).".into());
    }
    if body.chars().count() > MAX_SECTION_CHARS {
        errors
            .entry("body".into())
            .or_default()
            .push("The text can have at most 100,000 characters.".into());
    }
    if errors.is_empty() {
        // Browsers post CRLF line ends; store one form.
        Ok((title, body.replace("\r\n", "\n")))
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// For other server functions on a draft (goals, objectives, measures): the partnership,
/// plan and version by slug and number, checked to be a draft the viewer may edit, with the
/// version's `Resource` (its label; `plan_version_id` set). Run inside the caller's write
/// transaction.
#[cfg(feature = "ssr")]
pub(crate) async fn locate_editable_draft(
    conn: &mut crate::ssr::db::Conn,
    viewer: &crate::ssr::access::Viewer,
    slug: &str,
    number: i64,
) -> Result<
    (
        crate::ssr::db::partnerships::PartnershipRow,
        crate::ssr::db::plan_content::PlanRow,
        crate::ssr::db::plans::VersionRow,
        crate::domain::access::Resource,
    ),
    AppError,
> {
    let located = imp::editable(conn, viewer, slug, number).await?;
    Ok((
        located.partnership,
        located.plan,
        located.version,
        located.res,
    ))
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::choices;
    use crate::api::partnerships::validate_slug;
    use crate::domain::access::{Action, Resource};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::comments::{self, CommentTarget, VersionCommentRow};
    use crate::ssr::db::plan_content::{self, PlanRow};
    use crate::ssr::db::plan_outline;
    use crate::ssr::db::plans::{self as q, VersionRow};
    use crate::ssr::db::{Conn, DbError, partnerships, people};
    use crate::ssr::markdown;
    use crate::ssr::notify;
    use crate::ssr::state::AppState;
    use std::collections::HashMap;

    pub fn preview(text: &str) -> String {
        markdown::render(text)
    }

    /// A record of a plan version: where it belongs, for `domain::access`.
    fn resource(
        partnership_id: i64,
        plan: &PlanRow,
        version_id: i64,
        tlp: Tlp,
        owner: Option<i64>,
    ) -> Resource {
        Resource {
            partnership_id,
            council_id: None,
            working_group_id: plan.working_group_id,
            owner_organisation_id: owner,
            tlp,
            actor_is_named_recipient: false,
            plan_version_id: Some(version_id),
        }
    }

    /// What the viewer may do with a version in the workspace.
    struct Rights {
        edit: bool,
        manage: bool,
        comment: bool,
    }

    fn rights(viewer: &Viewer, res: &Resource, status: PlanVersionStatus) -> Rights {
        let manage = viewer.can(Action::SubmitPlanVersion, res);
        let edit = status == PlanVersionStatus::Draft && viewer.can(Action::EditPlanDraft, res);
        let coauthor = viewer.can(Action::EditPlanDraft, res);
        // Drafts are discussed by their authors; a version in review by every member.
        let comment = match status {
            PlanVersionStatus::Draft => coauthor && viewer.can(Action::Comment, res),
            PlanVersionStatus::InReview => viewer.can(Action::Comment, res),
            _ => false,
        };
        Rights {
            edit,
            manage,
            comment: comment || (manage && status == PlanVersionStatus::InReview),
        }
    }

    /// The partnership, its plan and a version the viewer may work on.
    pub(super) struct Located {
        pub(super) partnership: partnerships::PartnershipRow,
        pub(super) plan: PlanRow,
        pub(super) version: VersionRow,
        rights: Rights,
        pub(super) res: Resource,
    }

    async fn locate(
        conn: &mut Conn,
        viewer: &Viewer,
        slug: &str,
        number: i64,
    ) -> Result<Located, AppError> {
        validate_slug(slug)?;
        let partnership = partnerships::find_partnership_by_slug(conn, slug, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = plan_content::find_plan(conn, partnership.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let version = q::find_version(conn, plan.id, number)
            .await?
            .ok_or(AppError::NotFound)?;
        let res = resource(partnership.id, &plan, version.id, version.tlp, None);
        let rights = rights(viewer, &res, version.status);
        if !(rights.edit || rights.manage || rights.comment) || !viewer.can(Action::View, &res) {
            // Whoever may not work on it learns nothing about it here.
            return Err(if viewer.is_signed_in() {
                AppError::NotFound
            } else {
                AppError::Unauthenticated
            });
        }
        Ok(Located {
            partnership,
            plan,
            version,
            rights,
            res,
        })
    }

    fn header(v: &VersionRow) -> VersionHeader {
        VersionHeader {
            number: v.number,
            title: v.title.clone(),
            summary: v.summary.clone(),
            status: v.status,
            tlp: v.tlp,
            created_at: v.created_at,
            submitted_at: v.submitted_at,
            adopted_at: v.adopted_at,
            published_at: v.published_at,
        }
    }

    /// Comment threads per commented record, keeping those the viewer may see.
    fn threads(
        viewer: &Viewer,
        located: &Located,
        rows: Vec<VersionCommentRow>,
    ) -> HashMap<(char, i64), Vec<CommentView>> {
        let visible: Vec<VersionCommentRow> = rows
            .into_iter()
            .filter(|c| {
                viewer.can(
                    Action::View,
                    &Resource {
                        tlp: c.tlp,
                        owner_organisation_id: c.author_organisation_id,
                        ..located.res.clone()
                    },
                )
            })
            .collect();
        let view = |c: &VersionCommentRow| CommentView {
            id: c.id,
            author: match (&c.author_name, &c.author_organisation) {
                (Some(name), Some(org)) => format!("{name}, {org}"),
                (Some(name), None) => name.clone(),
                _ => "A former member".to_owned(),
            },
            body_html: markdown::render(&c.body),
            tlp: c.tlp,
            created_at: c.created_at,
            resolved_by: c.resolved_at.map(|_| {
                c.resolved_by
                    .clone()
                    .unwrap_or_else(|| "someone".to_owned())
            }),
            replies: Vec::new(),
        };
        let mut replies: HashMap<i64, Vec<CommentView>> = HashMap::new();
        for c in visible.iter().filter(|c| c.parent_comment_id.is_some()) {
            if let Some(parent) = c.parent_comment_id {
                replies.entry(parent).or_default().push(view(c));
            }
        }
        let mut out: HashMap<(char, i64), Vec<CommentView>> = HashMap::new();
        for c in visible.iter().filter(|c| c.parent_comment_id.is_none()) {
            let target = match (c.section_id, c.goal_id, c.objective_id) {
                (Some(id), _, _) => ('s', id),
                (_, Some(id), _) => ('g', id),
                (_, _, Some(id)) => ('o', id),
                _ => continue,
            };
            let mut thread = view(c);
            thread.replies = replies.remove(&c.id).unwrap_or_default();
            out.entry(target).or_default().push(thread);
        }
        out
    }

    pub async fn get_plan_workspace(slug: String, number: i64) -> Result<Workspace, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let located = locate(&mut tx, &viewer, &slug, number).await?;
        let version_id = located.version.id;
        let sections = q::list_sections(&mut tx, version_id).await?;
        let goals = plan_outline::list_outline(&mut tx, version_id).await?;
        let editors = q::list_version_editors(&mut tx, version_id).await?;
        let contributions = q::count_contributions(&mut tx, version_id).await?;
        let comment_rows = comments::list_version_comments(&mut tx, version_id).await?;
        let adopting_motion = q::find_carried_adoption_motion(&mut tx, version_id).await?;
        let invitable =
            if located.rights.manage && located.version.status == PlanVersionStatus::Draft {
                choices::load(&mut tx, located.partnership.id).await?.people
            } else {
                Vec::new()
            };
        tx.commit().await.map_err(DbError::from)?;

        let unresolved_comments = comment_rows
            .iter()
            .filter(|c| c.parent_comment_id.is_none() && c.resolved_at.is_none())
            .count() as i64;
        let mut threads = threads(&viewer, &located, comment_rows);
        let sees = |tlp: Tlp, owner: Option<i64>| {
            viewer.can(
                Action::View,
                &Resource {
                    tlp,
                    owner_organisation_id: owner,
                    ..located.res.clone()
                },
            )
        };
        let sections = sections
            .into_iter()
            .filter(|s| sees(s.tlp, s.owner_organisation_id))
            .map(|s| {
                let editable = located.rights.edit
                    && viewer.can(
                        Action::EditPlanDraft,
                        &Resource {
                            tlp: s.tlp,
                            owner_organisation_id: s.owner_organisation_id,
                            ..located.res.clone()
                        },
                    );
                SectionItem {
                    comments: threads.remove(&('s', s.id)).unwrap_or_default(),
                    id: s.id,
                    key: s.key,
                    title: s.title,
                    tlp: s.tlp,
                    revision: s.revision,
                    last_author: s.last_author,
                    updated_at: s.updated_at,
                    editable,
                }
            })
            .collect();
        let outline: Vec<OutlineItem> = goals
            .into_iter()
            .filter(|g| sees(g.tlp, g.owner_organisation_id))
            .map(|g| OutlineItem {
                comments: threads.remove(&('g', g.id)).unwrap_or_default(),
                id: g.id,
                number: g.number.to_string(),
                children: g
                    .objectives
                    .into_iter()
                    .filter(|o| sees(o.tlp, o.owner_organisation_id))
                    .map(|o| OutlineItem {
                        comments: threads.remove(&('o', o.id)).unwrap_or_default(),
                        id: o.id,
                        number: format!("{}.{}", g.number, o.number),
                        title: o.title,
                        tlp: o.tlp,
                        children: Vec::new(),
                    })
                    .collect(),
                title: g.title,
                tlp: g.tlp,
            })
            .collect();
        Ok(Workspace {
            partnership_slug: located.partnership.slug.clone(),
            partnership_short_name: located.partnership.short_name.clone(),
            plan_title: located.plan.title.clone(),
            version: header(&located.version),
            sections,
            goals: outline,
            editors: editors
                .into_iter()
                .map(|e| match e.organisation {
                    Some(org) => format!("{}, {org}", e.name),
                    None => e.name,
                })
                .collect(),
            contributions,
            unresolved_comments,
            can_edit: located.rights.edit,
            can_manage: located.rights.manage,
            can_comment: located.rights.comment,
            adopting_motion,
            adopting_group: located.plan.working_group_slug.clone(),
            invitable,
        })
    }

    fn workspace_url(slug: &str, number: i64) -> String {
        format!("/p/{slug}/plan/v/{number}/workspace")
    }

    pub async fn start_plan_draft(
        partnership: String,
        base: String,
        title: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        validate_slug(&partnership)?;
        let mut errors = FieldErrors::new();
        let title = title.trim().to_owned();
        if title.is_empty() || title.chars().count() > 200 {
            errors
                .entry("title".into())
                .or_default()
                .push("Enter the new version's title (1 to 200 characters).".into());
        }
        let copy = match base.as_str() {
            "published" => true,
            "empty" => false,
            _ => {
                errors.entry("base".into()).or_default().push(
                    "Choose to start from the published version or from an empty plan.".into(),
                );
                false
            }
        };
        let mut tx = state.db.begin_write().await?;
        let p = partnerships::find_partnership_by_slug(&mut tx, &partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = plan_content::find_plan(&mut tx, p.id)
            .await?
            .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::EditPlanDraft,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
        let versions = q::list_versions(&mut tx, plan.id).await?;
        let published = versions
            .iter()
            .find(|v| v.status == PlanVersionStatus::Published);
        if copy && published.is_none() {
            errors
                .entry("base".into())
                .or_default()
                .push("No version is published yet: start from an empty plan.".into());
        }
        if let Some(open) = versions.iter().find(|v| {
            matches!(
                v.status,
                PlanVersionStatus::Draft | PlanVersionStatus::InReview
            )
        }) {
            errors.entry("base".into()).or_default().push(format!(
                "Version {} ({}) is still {}: finish it before starting another.",
                open.number,
                open.title,
                open.status.label().to_lowercase()
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let now = Timestamp::now();
        let number = q::next_version_number(&mut tx, plan.id).await?;
        let based_on = published.filter(|_| copy);
        let id = q::insert_plan_version(
            &mut tx,
            q::NewPlanVersion {
                plan_id: plan.id,
                number,
                title: title.clone(),
                summary: based_on.map(|v| v.summary.clone()).unwrap_or_default(),
                status: PlanVersionStatus::Draft,
                based_on_version_id: based_on.map(|v| v.id),
                tlp: based_on.map(|v| v.tlp).unwrap_or(Tlp::Green),
                created_by_person_id: viewer.actor().person_id,
                submitted_at: None,
                created_at: now,
            },
        )
        .await?;
        if let Some(from) = based_on {
            q::copy_version_content(&mut tx, from.id, id, now).await?;
        }
        audit::record(
            &mut tx,
            AuditEvent::new("start_draft", "plan_version", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(serde_json::json!({
                    "number": number,
                    "title": title,
                    "based_on_version": based_on.map(|v| v.number),
                })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&workspace_url(&p.slug, number));
        Ok(())
    }

    /// A version the viewer may edit (a draft), located in a write transaction.
    pub(super) async fn editable(
        conn: &mut Conn,
        viewer: &Viewer,
        slug: &str,
        number: i64,
    ) -> Result<Located, AppError> {
        let located = locate(conn, viewer, slug, number).await?;
        if located.version.status != PlanVersionStatus::Draft {
            return Err(AppError::Conflict(format!(
                "Version {} is {}: only a draft can be edited.",
                located.version.number,
                located.version.status.label().to_lowercase()
            )));
        }
        viewer.authorize(Action::EditPlanDraft, &located.res)?;
        Ok(located)
    }

    pub async fn add_plan_section(
        partnership: String,
        number: i64,
        key: String,
        title: String,
        tlp: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = editable(&mut tx, &viewer, &partnership, number).await?;
        let (key, title, tlp) = validate_new_section(&key, &title, &tlp)?;
        let position = q::next_section_position(&mut tx, located.version.id).await?;
        let id = q::insert_section(
            &mut tx,
            q::NewSection {
                plan_version_id: located.version.id,
                key: key.clone(),
                position,
                title: title.clone(),
                body: String::new(),
                tlp,
                owner_organisation_id: None,
                author_person_id: viewer.actor().person_id,
                created_at: Timestamp::now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => AppError::invalid(
                "key",
                format!("Version {number} already has a section with the key {key}."),
            ),
            other => other.into(),
        })?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "plan_section", Some(id))
                .by_viewer(&viewer)
                .in_partnership(located.partnership.id)
                .after(serde_json::json!({ "version": number, "key": key, "title": title, "tlp": tlp })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "/p/{}/plan/v/{number}/sections/{key}/edit",
            located.partnership.slug
        ));
        Ok(())
    }

    fn section_resource(located: &Located, section: &q::SectionRow) -> Resource {
        Resource {
            tlp: section.tlp,
            owner_organisation_id: section.owner_organisation_id,
            ..located.res.clone()
        }
    }

    pub async fn get_section_editor(
        slug: String,
        number: i64,
        key: String,
    ) -> Result<SectionEditor, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let located = editable(&mut tx, &viewer, &slug, number).await?;
        let section = q::find_section(&mut tx, located.version.id, &key)
            .await?
            .filter(|s| viewer.can(Action::View, &section_resource(&located, s)))
            .ok_or(AppError::NotFound)?;
        viewer.authorize(Action::EditPlanDraft, &section_resource(&located, &section))?;
        let conflict = match viewer.actor().person_id {
            Some(person) => q::find_open_conflict(&mut tx, section.id, person).await?,
            None => None,
        };
        tx.commit().await.map_err(DbError::from)?;
        Ok(SectionEditor {
            partnership_slug: located.partnership.slug,
            version_number: located.version.number,
            version_title: located.version.title,
            key: section.key,
            title: section.title,
            body: section.body,
            revision: section.revision,
            last_author: section.last_author,
            updated_at: section.updated_at,
            tlp: section.tlp,
            conflict: conflict.map(|c| ConflictView {
                base_revision: c.base_revision,
                title: c.title,
                body: c.body,
                refused_at: c.created_at,
            }),
        })
    }

    pub async fn get_section_history(
        slug: String,
        number: i64,
        key: String,
    ) -> Result<SectionHistory, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let located = locate(&mut tx, &viewer, &slug, number).await?;
        let section = q::find_section(&mut tx, located.version.id, &key)
            .await?
            .filter(|s| viewer.can(Action::View, &section_resource(&located, s)))
            .ok_or(AppError::NotFound)?;
        let revisions = q::list_section_revisions(&mut tx, section.id).await?;
        tx.commit().await.map_err(DbError::from)?;
        Ok(SectionHistory {
            partnership_slug: located.partnership.slug,
            version_number: located.version.number,
            version_title: located.version.title,
            key: section.key,
            title: section.title,
            revisions: revisions
                .into_iter()
                .map(|r| RevisionView {
                    revision: r.revision,
                    title: r.title,
                    body: r.body,
                    author: r.author_name.map(|name| match r.author_organisation {
                        Some(org) => format!("{name}, {org}"),
                        None => name,
                    }),
                    side: r.author_side,
                    saved_at: r.created_at,
                })
                .collect(),
        })
    }

    pub async fn save_plan_section(
        partnership: String,
        number: i64,
        key: String,
        revision: i64,
        title: String,
        body: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let (title, body) = validate_section_text(&title, &body)?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = editable(&mut tx, &viewer, &partnership, number).await?;
        let section = q::find_section(&mut tx, located.version.id, &key)
            .await?
            .filter(|s| viewer.can(Action::View, &section_resource(&located, s)))
            .ok_or(AppError::NotFound)?;
        viewer.authorize(Action::EditPlanDraft, &section_resource(&located, &section))?;
        let person = viewer.actor().person_id.ok_or(AppError::Unauthenticated)?;
        let now = Timestamp::now();
        let saved = q::update_section(
            &mut tx,
            q::SectionEdit {
                section_id: section.id,
                expected_revision: revision,
                title: title.clone(),
                body: body.clone(),
                author_person_id: Some(person),
                saved_at: now,
            },
        )
        .await;
        match saved {
            Ok(new_revision) => {
                q::resolve_conflicts(&mut tx, section.id, person, now).await?;
                audit::record(
                    &mut tx,
                    AuditEvent::new("update", "plan_section", Some(section.id))
                        .by_viewer(&viewer)
                        .in_partnership(located.partnership.id)
                        .before(serde_json::json!({
                            "revision": section.revision, "title": section.title, "body": section.body,
                        }))
                        .after(serde_json::json!({
                            "revision": new_revision, "title": title, "body": body,
                        })),
                )
                .await?;
                tx.commit().await.map_err(DbError::from)?;
                leptos_axum::redirect(&format!(
                    "{}?saved={}#section-{}",
                    workspace_url(&located.partnership.slug, number),
                    section.key,
                    section.key
                ));
                Ok(())
            }
            Err(DbError::Conflict(_)) => {
                // Keep what the author typed, so that the editor can show it beside the
                // text saved in the meantime; then refuse the save.
                tx.rollback().await.map_err(DbError::from)?;
                let mut tx = state.db.begin_write().await?;
                q::insert_section_conflict(
                    &mut tx, section.id, person, revision, &title, &body, now,
                )
                .await?;
                tx.commit().await.map_err(DbError::from)?;
                Err(AppError::Conflict(format!(
                    "{} saved this section (revision {}) after you opened it (revision {revision}). \
                     Your text has not been lost: it is shown beside theirs. Merge the two and save again.",
                    section.last_author.as_deref().unwrap_or("Someone"),
                    section.revision
                )))
            }
            Err(other) => Err(other.into()),
        }
    }

    pub async fn invite_plan_editor(
        partnership: String,
        number: i64,
        person: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = editable(&mut tx, &viewer, &partnership, number).await?;
        viewer.authorize(Action::SubmitPlanVersion, &located.res)?;
        let record = match person.trim().parse::<i64>() {
            Ok(id) => people::find_person_record(&mut tx, id).await?,
            Err(_) => None,
        }
        .filter(|r| r.partnership_id == Some(located.partnership.id) && r.is_active != 0)
        .ok_or_else(|| {
            AppError::invalid(
                "person",
                "Choose a co-author among the active people of this partnership.",
            )
        })?;
        let id = q::insert_plan_version_editor(
            &mut tx,
            located.version.id,
            record.id,
            viewer.actor().person_id,
            Timestamp::now(),
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(_) => AppError::invalid(
                "person",
                format!(
                    "{} already co-authors version {number}.",
                    record.display_name
                ),
            ),
            other => other.into(),
        })?;
        audit::record(
            &mut tx,
            AuditEvent::new("invite_editor", "plan_version", Some(located.version.id))
                .by_viewer(&viewer)
                .in_partnership(located.partnership.id)
                .after(serde_json::json!({ "editor_id": id, "person_id": record.id, "name": record.display_name })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=editor#editors",
            workspace_url(&located.partnership.slug, number)
        ));
        Ok(())
    }

    /// The title, label and owner of a section, goal or objective of a version; `None` when
    /// it is not one of the version's.
    async fn target_facts(
        conn: &mut Conn,
        version_id: i64,
        target: CommentTarget,
    ) -> Result<Option<(String, Tlp, Option<i64>)>, AppError> {
        Ok(match target {
            CommentTarget::Section(id) => q::list_sections(conn, version_id)
                .await?
                .into_iter()
                .find(|s| s.id == id)
                .map(|s| (s.title, s.tlp, s.owner_organisation_id)),
            CommentTarget::Goal(id) => {
                plan_outline::find_goal(conn, version_id, id)
                    .await?
                    .map(|g| {
                        (
                            format!("Goal {}: {}", g.number, g.title),
                            g.tlp,
                            g.owner_organisation_id,
                        )
                    })
            }
            CommentTarget::Objective(id) => plan_outline::find_objective(conn, version_id, id)
                .await?
                .map(|o| {
                    (
                        format!("Objective {}.{}: {}", o.goal_number, o.number, o.title),
                        o.tlp,
                        o.owner_organisation_id,
                    )
                }),
            CommentTarget::Commitment(_) | CommentTarget::Motion(_) => None,
        })
    }

    pub async fn add_plan_comment(
        partnership: String,
        number: i64,
        target: String,
        parent: String,
        body: String,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let body = body.trim().to_owned();
        if body.is_empty() || body.chars().count() > MAX_COMMENT_CHARS {
            return Err(AppError::invalid(
                "body",
                "Write a comment of 1 to 20,000 characters.",
            ));
        }
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = locate(&mut tx, &viewer, &partnership, number).await?;
        if !located.rights.comment {
            return Err(AppError::Forbidden);
        }
        let version_id = located.version.id;
        // The parent (a reply) decides the target; otherwise the target names it.
        let parent = match parent.trim() {
            "" => None,
            raw => {
                let id = raw.parse::<i64>().map_err(|_| AppError::NotFound)?;
                let row = comments::find_version_comment(&mut tx, id)
                    .await?
                    .filter(|c| c.plan_version_id == version_id && c.parent_comment_id.is_none())
                    .ok_or(AppError::NotFound)?;
                Some(row)
            }
        };
        let target = match &parent {
            Some(p) => match (p.section_id, p.goal_id, p.objective_id) {
                (Some(id), _, _) => CommentTarget::Section(id),
                (_, Some(id), _) => CommentTarget::Goal(id),
                (_, _, Some(id)) => CommentTarget::Objective(id),
                _ => return Err(AppError::NotFound),
            },
            None => {
                let (kind, id) = target.split_once(':').ok_or(AppError::NotFound)?;
                let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
                match kind {
                    "section" => CommentTarget::Section(id),
                    "goal" => CommentTarget::Goal(id),
                    "objective" => CommentTarget::Objective(id),
                    _ => return Err(AppError::NotFound),
                }
            }
        };
        // One record of this version, labelled.
        let (title, tlp, owner) = target_facts(&mut tx, version_id, target)
            .await?
            .ok_or(AppError::NotFound)?;
        let record = Resource {
            tlp,
            owner_organisation_id: owner,
            ..located.res.clone()
        };
        // A new thread on a record the viewer may not see: as good as absent.
        if parent.is_none() && !viewer.can(Action::View, &record) {
            return Err(AppError::NotFound);
        }
        let now = Timestamp::now();
        let comment_tlp = Tlp::Green.max(located.version.tlp);
        let id = comments::insert_comment(
            &mut tx,
            comments::NewComment {
                partnership_id: located.partnership.id,
                parent_comment_id: parent.as_ref().map(|p| p.id),
                target,
                author_person_id: viewer.actor().person_id,
                body: body.clone(),
                tlp: comment_tlp,
                created_at: now,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "comment", Some(id))
                .by_viewer(&viewer)
                .in_partnership(located.partnership.id)
                .after(serde_json::json!({ "version": number, "parent": parent.as_ref().map(|p| p.id), "body": body })),
        )
        .await?;
        // The authors of the commented text learn of it in the same transaction; each must
        // be able to see the record in this version.
        notify::comment_posted(
            &mut tx,
            &state.site_url,
            &notify::PostedComment {
                id,
                author_id: viewer.actor().person_id,
                section_id: match target {
                    CommentTarget::Section(section) => Some(section),
                    _ => None,
                },
                parent_comment_id: parent.as_ref().map(|p| p.id),
                target_title: &title,
                partnership_slug: &located.partnership.slug,
                version_number: number,
                tlp: comment_tlp,
                resource: Resource {
                    tlp: tlp.max(located.version.tlp),
                    ..record
                },
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=comment#comment-{id}",
            workspace_url(&located.partnership.slug, number)
        ));
        Ok(())
    }

    pub async fn resolve_plan_comment(
        partnership: String,
        number: i64,
        comment: i64,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = locate(&mut tx, &viewer, &partnership, number).await?;
        let row = comments::find_version_comment(&mut tx, comment)
            .await?
            .filter(|c| c.plan_version_id == located.version.id && c.parent_comment_id.is_none())
            .ok_or(AppError::NotFound)?;
        // The secretariat and the version's authors resolve threads.
        if !(located.rights.manage || located.rights.edit) {
            return Err(AppError::Forbidden);
        }
        if row.resolved_at.is_some() {
            return Err(AppError::Conflict(
                "This thread is already resolved.".to_owned(),
            ));
        }
        let now = Timestamp::now();
        comments::resolve_comment(&mut tx, comment, viewer.actor().person_id, now).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("resolve", "comment", Some(comment))
                .by_viewer(&viewer)
                .in_partnership(located.partnership.id),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=resolved#comment-{comment}",
            workspace_url(&located.partnership.slug, number)
        ));
        Ok(())
    }

    pub async fn submit_plan_version(
        partnership: String,
        number: i64,
        override_comments: bool,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = locate(&mut tx, &viewer, &partnership, number).await?;
        viewer.authorize(Action::SubmitPlanVersion, &located.res)?;
        let unresolved = comments::list_version_comments(&mut tx, located.version.id)
            .await?
            .iter()
            .filter(|c| c.parent_comment_id.is_none() && c.resolved_at.is_none())
            .count();
        if unresolved > 0 && !override_comments {
            return Err(AppError::Conflict(format!(
                "{unresolved} comment thread{} on version {number} {} unresolved. Resolve {} first, \
                 or submit anyway as the secretariat (this is recorded in the audit trail).",
                if unresolved == 1 { "" } else { "s" },
                if unresolved == 1 { "is" } else { "are" },
                if unresolved == 1 { "it" } else { "them" },
            )));
        }
        let now = Timestamp::now();
        q::submit_version(&mut tx, located.version.id, now).await?;
        let action = if unresolved > 0 {
            "submit_override"
        } else {
            "submit"
        };
        audit::record(
            &mut tx,
            AuditEvent::new(action, "plan_version", Some(located.version.id))
                .by_viewer(&viewer)
                .in_partnership(located.partnership.id)
                .before(serde_json::json!({ "status": located.version.status }))
                .after(serde_json::json!({ "status": PlanVersionStatus::InReview, "unresolved_comments": unresolved })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=submitted",
            workspace_url(&located.partnership.slug, number)
        ));
        Ok(())
    }

    pub async fn adopt_plan_version(partnership: String, number: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let located = locate(&mut tx, &viewer, &partnership, number).await?;
        viewer.authorize(Action::SubmitPlanVersion, &located.res)?;
        if located.version.status != PlanVersionStatus::InReview {
            return Err(AppError::Conflict(format!(
                "Version {number} is {}: only a version in review can be adopted.",
                located.version.status.label().to_lowercase()
            )));
        }
        let motion = q::find_carried_adoption_motion(&mut tx, located.version.id)
            .await?
            .ok_or_else(|| {
                AppError::Conflict(format!(
                    "No carried motion adopts version {number}: the working group must carry a motion \
                     to adopt it first."
                ))
            })?;
        let now = Timestamp::now();
        q::mark_version_adopted(&mut tx, located.version.id, motion, now).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("adopt", "plan_version", Some(located.version.id))
                .by_viewer(&viewer)
                .in_partnership(located.partnership.id)
                .before(serde_json::json!({ "status": located.version.status }))
                .after(serde_json::json!({ "status": PlanVersionStatus::Adopted, "motion_id": motion })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=adopted",
            workspace_url(&located.partnership.slug, number)
        ));
        Ok(())
    }

    pub async fn publish_plan_version(partnership: String, number: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        validate_slug(&partnership)?;
        let p = partnerships::find_partnership_by_slug(&mut tx, &partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = plan_content::find_plan(&mut tx, p.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let version = q::find_version(&mut tx, plan.id, number)
            .await?
            .ok_or(AppError::NotFound)?;
        let res = resource(p.id, &plan, version.id, version.tlp, None);
        viewer.authorize(Action::PublishPlanVersion, &res)?;
        if version.status != PlanVersionStatus::Adopted {
            return Err(AppError::Conflict(format!(
                "Version {number} is {}: only an adopted version can be published.",
                version.status.label().to_lowercase()
            )));
        }
        let superseded = q::list_versions(&mut tx, plan.id)
            .await?
            .into_iter()
            .find(|v| v.status == PlanVersionStatus::Published)
            .map(|v| v.number);
        q::mark_version_published(&mut tx, version.id, Timestamp::now()).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("publish", "plan_version", Some(version.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({ "status": version.status }))
                .after(serde_json::json!({ "status": PlanVersionStatus::Published, "superseded_version": superseded })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/plan?saved=published", p.slug));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_keys_are_url_words() {
        assert!(validate_new_section("risk-landscape", "Risk", "green").is_ok());
        let Err(AppError::Invalid(errors)) = validate_new_section("Risk Landscape", "", "blue")
        else {
            panic!("expected Invalid");
        };
        assert!(
            errors.contains_key("key")
                && errors.contains_key("title")
                && errors.contains_key("tlp")
        );
    }

    #[test]
    fn saved_text_has_one_kind_of_line_end() {
        let (title, body) = validate_section_text(" Scope ", "a\r\nb").expect("valid");
        assert_eq!((title.as_str(), body.as_str()), ("Scope", "a\nb"));
        assert!(validate_section_text("t", &"x".repeat(MAX_SECTION_CHARS + 1)).is_err());
    }
}
