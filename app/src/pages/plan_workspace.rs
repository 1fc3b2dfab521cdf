//! `/p/:slug/plan/v/:number/workspace`: where a version of the plan is written and
//! reviewed: its sections (edit, history), goals and objectives, comment threads, invited
//! co-authors, who contributed what (government and industry), and the life-cycle steps of
//! the secretariat (submit, record the adoption, publish).

use crate::api::plans::{CommentView, OutlineItem, SectionItem, Workspace, get_plan_workspace};
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::{PersonField, TextField, TlpField};
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::tlp_badge::TlpBadge;
use crate::domain::Tlp;
use crate::domain::partnership::Side;
use crate::domain::plan::PlanVersionStatus;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const ENDPOINTS: [&str; 7] = [
    "add_plan_section",
    "invite_plan_editor",
    "add_plan_comment",
    "resolve_plan_comment",
    "submit_plan_version",
    "adopt_plan_version",
    "publish_plan_version",
];

/// The workspace.
#[component]
pub fn PlanWorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let number = params
        .read_untracked()
        .get("number")
        .and_then(|n| n.parse::<i64>().ok());
    let saved = use_query_map().read_untracked().get("saved");
    let error = ENDPOINTS.into_iter().find_map(form_error);
    view! {
        <Title text="Plan workspace"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, saved, error) = (slug.clone(), saved.clone(), error.clone());
                Suspend::new(async move {
                    let result = match number {
                        Some(number) => get_plan_workspace(slug, number).await,
                        None => Err(AppError::NotFound),
                    };
                    match result {
                        Ok(workspace) => view! { <WorkspaceView workspace saved error/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>"This page is for the partnership's secretariat and the version's co-authors. "
                               <a href="/account/sign-in">"Sign in"</a> " first."</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

fn saved_message(saved: &str) -> String {
    match saved {
        "editor" => "The co-author was invited.".to_owned(),
        "comment" => "Your comment was added.".to_owned(),
        "resolved" => "The thread was resolved.".to_owned(),
        "submitted" => "The version was submitted for review.".to_owned(),
        "adopted" => "The adoption was recorded.".to_owned(),
        key => format!("Section {key} was saved."),
    }
}

#[component]
fn WorkspaceView(
    workspace: Workspace,
    saved: Option<String>,
    error: Option<AppError>,
) -> impl IntoView {
    let Workspace {
        partnership_slug,
        partnership_short_name,
        plan_title,
        version,
        sections,
        goals,
        editors,
        contributions,
        unresolved_comments,
        can_edit,
        can_manage,
        can_comment,
        adopting_motion,
        adopting_group,
        invitable,
    } = workspace;
    let number = version.number;
    let base = format!("/p/{partnership_slug}/plan/v/{number}");
    let ctx = CommentContext {
        partnership: partnership_slug.clone(),
        number,
        can_comment,
        can_resolve: can_manage || can_edit,
    };
    let contribution_text = {
        let count = |side: Side| {
            contributions
                .iter()
                .filter(|(s, _)| *s == side)
                .map(|(_, n)| *n)
                .sum::<i64>()
        };
        format!(
            "Saved revisions by government: {}; by industry: {}; by non-profits: {}.",
            count(Side::Public),
            count(Side::Private),
            count(Side::NonProfit)
        )
    };
    let field_error = |endpoint: &str, field: &str| {
        field_messages(
            error.as_ref().filter(|_| form_error(endpoint).is_some()),
            field,
        )
    };
    let section_errors = (
        field_error("add_plan_section", "key"),
        field_error("add_plan_section", "title"),
    );
    let invite_errors = field_error("invite_plan_editor", "person");
    let lifecycle = can_manage.then(|| {
        let partnership = partnership_slug.clone();
        match version.status {
            PlanVersionStatus::Draft => view! {
                <form method="post" action="/api/submit_plan_version" class="stacked" id="submit-version">
                    <input type="hidden" name="partnership" value=partnership.clone()/>
                    <input type="hidden" name="number" value=number.to_string()/>
                    {(unresolved_comments > 0).then(|| view! {
                        <div class="field checkbox">
                            <label for="override-comments">
                                <input id="override-comments" type="checkbox" name="override_comments" value="yes"/>
                                {format!(" Submit despite {unresolved_comments} unresolved comment thread(s) (recorded in the audit trail)")}
                            </label>
                        </div>
                    })}
                    <button type="submit">"Submit for review"</button>
                </form>
            }.into_any(),
            PlanVersionStatus::InReview => match adopting_motion {
                Some(motion) => view! {
                    <form method="post" action="/api/adopt_plan_version" id="adopt-version">
                        <input type="hidden" name="partnership" value=partnership.clone()/>
                        <input type="hidden" name="number" value=number.to_string()/>
                        <p>{format!("Motion {motion} of the working group carried the adoption of this version.")}</p>
                        <button type="submit">"Record the adoption"</button>
                    </form>
                }.into_any(),
                None => view! {
                    <p id="awaiting-motion">"In review. The version becomes adopted only when the working group carries a motion to adopt it."
                        {adopting_group.clone().map(|group| view! {
                            " " <a href=format!("/p/{partnership}/groups/{group}/motions")>"The group's motions"</a>
                        })}
                    </p>
                }.into_any(),
            },
            PlanVersionStatus::Adopted => view! {
                <form method="post" action="/api/publish_plan_version" id="publish-version">
                    <input type="hidden" name="partnership" value=partnership.clone()/>
                    <input type="hidden" name="number" value=number.to_string()/>
                    <p>"Publishing makes this version the plan in force; the version published now becomes superseded."</p>
                    <button type="submit">"Publish this version"</button>
                </form>
            }.into_any(),
            PlanVersionStatus::Published | PlanVersionStatus::Superseded => view! {
                <p><a href=format!("/p/{partnership}/plan/v/{number}")>"Read this version"</a></p>
            }.into_any(),
        }
    });
    let is_draft = version.status == PlanVersionStatus::Draft;
    view! {
        <Title text=format!("Version {number} workspace · {plan_title}")/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href="/">"Partnerships"</a></li>
                <li><a href=format!("/p/{partnership_slug}")>{partnership_short_name}</a></li>
                <li><a href=format!("/p/{partnership_slug}/plan/versions")>"Plan versions"</a></li>
                <li><a href=format!("{base}/workspace") aria-current="page">{format!("Version {number}")}</a></li>
            </ol>
        </nav>
        <h1>{format!("Version {number}: {}", version.title)}</h1>
        <p class="meta">
            <span class=format!("version-status version-status-{}", version.status.code())>{version.status.label()}</span>
            " " <TlpBadge label=version.tlp/>
            " · started " {version.created_at.date().display_long()}
            {version.submitted_at.map(|at| format!(" · submitted {}", at.date().display_long()))}
        </p>
        {saved.map(|key| view! { <div class="notice notice-success" role="status"><p>{saved_message(&key)}</p></div> })}
        <ErrorSummary error=error.clone()/>
        {(!version.summary.is_empty()).then(|| view! { <p class="lead">{version.summary.clone()}</p> })}

        <section aria-labelledby="status-heading">
            <h2 id="status-heading">"Status"</h2>
            <p id="unresolved-count">{match unresolved_comments {
                0 => "No comment thread is unresolved.".to_owned(),
                1 => "1 comment thread is unresolved.".to_owned(),
                n => format!("{n} comment threads are unresolved."),
            }}</p>
            <p id="contributions">{contribution_text}</p>
            {lifecycle}
        </section>

        <section aria-labelledby="editors-heading" id="editors">
            <h2 id="editors-heading">"Co-authors"</h2>
            {if editors.is_empty() {
                view! { <p>"The secretariat writes this version; no one else has been invited."</p> }.into_any()
            } else {
                view! { <ul>{editors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> }.into_any()
            }}
            {(can_manage && is_draft && !invitable.is_empty()).then(|| view! {
                <form method="post" action="/api/invite_plan_editor" class="stacked" id="invite-editor">
                    <input type="hidden" name="partnership" value=partnership_slug.clone()/>
                    <input type="hidden" name="number" value=number.to_string()/>
                    <PersonField id="editor-person" name="person" label="Invite a co-author" people=invitable
                        placeholder="Choose a person" errors=invite_errors required=true/>
                    <button type="submit">"Invite"</button>
                </form>
            })}
        </section>

        <section aria-labelledby="sections-heading">
            <h2 id="sections-heading">"Sections"</h2>
            {if sections.is_empty() {
                view! { <p>"This version has no section yet."</p> }.into_any()
            } else {
                sections.into_iter().map(|s| view! { <SectionCard section=s base=base.clone() ctx=ctx.clone()/> }).collect_view().into_any()
            }}
            {can_edit.then(|| view! {
                <details class="add-section" open=form_error("add_plan_section").is_some()>
                    <summary>"Add a section"</summary>
                    <form method="post" action="/api/add_plan_section" class="stacked" id="add-section">
                        <input type="hidden" name="partnership" value=partnership_slug.clone()/>
                        <input type="hidden" name="number" value=number.to_string()/>
                        <TextField id="section-key" name="key" label="Key (e.g. supply-chain)" errors=section_errors.0
                            required=true maxlength=64 hint="Lower-case letters, digits and hyphens; it stays the same in later versions."/>
                        <TextField id="section-title" name="title" label="Title" errors=section_errors.1 required=true maxlength=200/>
                        <TlpField id="section-tlp" name="tlp" label="TLP label" selected=Tlp::Green/>
                        <button type="submit">"Add the section"</button>
                    </form>
                </details>
            })}
        </section>

        <section aria-labelledby="goals-heading">
            <h2 id="goals-heading">"Goals and objectives"</h2>
            {can_edit.then(|| view! { <p><a href=format!("{base}/outline") id="edit-outline">"Edit goals, objectives and measures"</a></p> })}
            {if goals.is_empty() {
                view! { <p>"This version has no goal yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="outline">
                        {goals.into_iter().map(|g| view! { <OutlineEntry item=g ctx=ctx.clone()/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// What the comment forms need to know.
#[derive(Clone, Debug)]
struct CommentContext {
    partnership: String,
    number: i64,
    can_comment: bool,
    can_resolve: bool,
}

#[component]
fn SectionCard(section: SectionItem, base: String, ctx: CommentContext) -> impl IntoView {
    let key = section.key.clone();
    let heading_id = format!("section-{key}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <article class="card section-card" id=format!("section-{key}") aria-labelledby=labelled_by>
            <h3 id=heading_id>{section.title.clone()}</h3>
            <p class="meta">
                {format!("Revision {}", section.revision)}
                {section.last_author.clone().map(|a| format!(" by {a}"))}
                {format!(" · {}", section.updated_at.date().display_long())}
                " " <TlpBadge label=section.tlp/>
            </p>
            <p class="actions">
                {section.editable.then(|| view! {
                    <a href=format!("{base}/sections/{key}/edit")>"Edit"<span class="visually-hidden">{format!(" {}", section.title)}</span></a>
                    " · "
                })}
                <a href=format!("{base}/sections/{key}/history")>"History"<span class="visually-hidden">{format!(" of {}", section.title)}</span></a>
            </p>
            <Comments threads=section.comments target=format!("section:{}", section.id) about=section.title.clone() ctx/>
        </article>
    }
}

#[component]
fn OutlineEntry(item: OutlineItem, ctx: CommentContext) -> AnyView {
    let target = if item.number.contains('.') {
        format!("objective:{}", item.id)
    } else {
        format!("goal:{}", item.id)
    };
    let about = format!("{} {}", item.number, item.title);
    view! {
        <li>
            <p>
                <strong>{item.number.clone()}</strong> " " {item.title.clone()} " " <TlpBadge label=item.tlp/>
            </p>
            <Comments threads=item.comments target about ctx=ctx.clone()/>
            {(!item.children.is_empty()).then(|| view! {
                <ol class="outline">
                    {item.children.into_iter().map(|o| view! { <OutlineEntry item=o ctx=ctx.clone()/> }).collect_view()}
                </ol>
            })}
        </li>
    }
    .into_any()
}

#[component]
fn Comments(
    threads: Vec<CommentView>,
    target: String,
    about: String,
    ctx: CommentContext,
) -> impl IntoView {
    let form_id = format!("comment-{}", target.replace(':', "-"));
    let count = threads.len();
    view! {
        <div class="comments">
            {(count > 0).then(|| view! {
                <ul class="threads">
                    {threads.into_iter().map(|t| view! { <Thread thread=t ctx=ctx.clone()/> }).collect_view()}
                </ul>
            })}
            {ctx.can_comment.then(|| view! {
                <details class="comment-form">
                    <summary>"Comment"<span class="visually-hidden">{format!(" on {about}")}</span></summary>
                    <form method="post" action="/api/add_plan_comment" class="stacked">
                        <input type="hidden" name="partnership" value=ctx.partnership.clone()/>
                        <input type="hidden" name="number" value=ctx.number.to_string()/>
                        <input type="hidden" name="target" value=target.clone()/>
                        <input type="hidden" name="parent" value=""/>
                        <div class="field">
                            <label for=form_id.clone()>{format!("Your comment on {about}")}</label>
                            <textarea id=form_id.clone() name="body" rows="3" required></textarea>
                        </div>
                        <button type="submit">"Add the comment"</button>
                    </form>
                </details>
            })}
        </div>
    }
}

#[component]
fn Thread(thread: CommentView, ctx: CommentContext) -> impl IntoView {
    let id = thread.id;
    let resolved = thread.resolved_by.is_some();
    let reply_id = format!("reply-{id}");
    view! {
        <li class=if resolved { "thread resolved" } else { "thread" } id=format!("comment-{id}")>
            <CommentBody comment=thread.clone()/>
            {resolved.then(|| view! { <p class="meta">{format!("Resolved by {}", thread.resolved_by.clone().unwrap_or_default())}</p> })}
            {(!thread.replies.is_empty()).then(|| view! {
                <ul class="replies">
                    {thread.replies.iter().cloned().map(|r| {
                        let anchor = format!("comment-{}", r.id);
                        view! { <li id=anchor><CommentBody comment=r/></li> }
                    }).collect_view()}
                </ul>
            })}
            {(!resolved && ctx.can_comment).then(|| view! {
                <details class="comment-form">
                    <summary>"Reply"<span class="visually-hidden">{format!(" to {}", thread.author)}</span></summary>
                    <form method="post" action="/api/add_plan_comment" class="stacked">
                        <input type="hidden" name="partnership" value=ctx.partnership.clone()/>
                        <input type="hidden" name="number" value=ctx.number.to_string()/>
                        <input type="hidden" name="target" value=""/>
                        <input type="hidden" name="parent" value=id.to_string()/>
                        <div class="field">
                            <label for=reply_id.clone()>"Your reply"</label>
                            <textarea id=reply_id.clone() name="body" rows="3" required></textarea>
                        </div>
                        <button type="submit">"Reply"</button>
                    </form>
                </details>
            })}
            {(!resolved && ctx.can_resolve).then(|| view! {
                <form method="post" action="/api/resolve_plan_comment" class="inline-form">
                    <input type="hidden" name="partnership" value=ctx.partnership.clone()/>
                    <input type="hidden" name="number" value=ctx.number.to_string()/>
                    <input type="hidden" name="comment" value=id.to_string()/>
                    <button type="submit" class="secondary">"Resolve"<span class="visually-hidden">{format!(" the thread of {}", thread.author)}</span></button>
                </form>
            })}
        </li>
    }
}

#[component]
fn CommentBody(comment: CommentView) -> impl IntoView {
    view! {
        <p class="meta">
            <strong>{comment.author}</strong>
            {format!(" · {}", comment.created_at.display_short())}
            " " <TlpBadge label=comment.tlp/>
        </p>
        <div class="prose" inner_html=comment.body_html></div>
    }
}
