//! `/p/:slug/plan/v/:number/sections/:key/edit`: editing one section of a draft.
//!
//! A save names the revision it started from. When someone saved in between, the save is
//! refused and the page shows both texts: the one saved meanwhile and the author's own
//! (kept on the server, so nothing typed is lost), with the differences between them; the
//! author merges and saves again. The preview is live once hydrated; without JavaScript the
//! "Preview" button renders it on the server without saving.

use crate::api::plans::{SectionEditor, get_section_editor, preview_markdown};
use crate::components::diff_view::DiffView;
use crate::components::error_notice::ErrorNotice;
use crate::components::fields::TextField;
use crate::components::form_feedback::{ErrorSummary, field_messages, form_error};
use crate::components::markdown_editor::MarkdownEditor;
use crate::components::tlp_badge::TlpBadge;
use crate::domain::diff::diff_text;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What was typed, when the page shows a preview of unsaved text.
#[derive(Clone, Debug)]
struct Typed {
    title: String,
    body: String,
    revision: Option<i64>,
}

/// The editor.
#[component]
pub fn SectionEditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let key = params.read_untracked().get("key").unwrap_or_default();
    let number = params
        .read_untracked()
        .get("number")
        .and_then(|n| n.parse::<i64>().ok());
    let query = use_query_map();
    let typed = query.with_untracked(|q| {
        q.get("preview").map(|_| Typed {
            title: q.get("title").unwrap_or_default(),
            body: q.get("body").unwrap_or_default(),
            revision: q.get("revision").and_then(|r| r.parse().ok()),
        })
    });
    let error = form_error("save_plan_section");
    view! {
        <Title text="Edit a section"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let (slug, key, typed, error) = (slug.clone(), key.clone(), typed.clone(), error.clone());
                Suspend::new(async move {
                    let Some(number) = number else {
                        return view! { <ErrorNotice error=AppError::NotFound/> }.into_any();
                    };
                    match get_section_editor(slug, number, key).await {
                        Ok(editor) => {
                            // The text to edit: what was typed (a preview), the refused save,
                            // or the saved text.
                            let (title, body, revision) = match (&typed, &editor.conflict) {
                                (Some(t), _) => (t.title.clone(), t.body.clone(), t.revision.unwrap_or(editor.revision)),
                                (None, Some(c)) => (c.title.clone(), c.body.clone(), editor.revision),
                                (None, None) => (editor.title.clone(), editor.body.clone(), editor.revision),
                            };
                            let preview = preview_markdown(body.clone()).await.unwrap_or_default();
                            view! { <Editor editor title body revision preview previewing=typed.is_some() error/> }.into_any()
                        }
                        Err(AppError::Unauthenticated) => view! {
                            <p>"Sign in to edit the plan. " <a href="/account/sign-in">"Sign in"</a></p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Editor(
    editor: SectionEditor,
    title: String,
    body: String,
    revision: i64,
    preview: String,
    previewing: bool,
    error: Option<AppError>,
) -> impl IntoView {
    let SectionEditor {
        partnership_slug,
        version_number,
        version_title,
        key,
        title: saved_title,
        body: saved_body,
        revision: saved_revision,
        last_author,
        updated_at,
        tlp,
        conflict,
    } = editor;
    let base = format!("/p/{partnership_slug}/plan/v/{version_number}");
    let editor_url = format!("{base}/sections/{key}/edit");
    let title_errors = field_messages(error.as_ref(), "title");
    let conflict_view = conflict.map(|c| {
        let diff = diff_text(&saved_body, &c.body);
        let saved_by = last_author.clone().unwrap_or_else(|| "Someone".to_owned());
        view! {
            <section class="conflict" aria-labelledby="conflict-heading" id="conflict">
                <h2 id="conflict-heading">"Someone saved this section after you opened it"</h2>
                <p>
                    {format!(
                        "You started from revision {}; {saved_by} saved revision {saved_revision} on {}. \
                         Your text was not saved, and it is not lost: it is in the editor below. \
                         Bring in their changes, then save: your save will become revision {}.",
                        c.base_revision,
                        updated_at.display_short(),
                        saved_revision + 1
                    )}
                </p>
                <div class="conflict-columns">
                    <div>
                        <h3>{format!("Saved by {saved_by} (revision {saved_revision})")}</h3>
                        <pre class="source" id="conflict-theirs">{saved_body.clone()}</pre>
                    </div>
                    <div>
                        <h3>"Yours (not saved)"</h3>
                        <pre class="source" id="conflict-yours">{c.body.clone()}</pre>
                    </div>
                </div>
                <h3>"What differs"</h3>
                <DiffView diff unified=false old_label=format!("Revision {saved_revision}") new_label="Yours"/>
            </section>
        }
    });
    view! {
        <Title text=format!("Edit {saved_title}")/>
        <nav aria-label="Breadcrumb" class="breadcrumb">
            <ol>
                <li><a href=format!("/p/{partnership_slug}")>"Partnership"</a></li>
                <li><a href=format!("{base}/workspace")>{format!("Version {version_number}: {version_title}")}</a></li>
                <li><a href=editor_url.clone() aria-current="page">{format!("Edit {saved_title}")}</a></li>
            </ol>
        </nav>
        <h1>{format!("Edit: {saved_title}")}</h1>
        <p class="meta">
            {format!("Revision {saved_revision}")}
            {last_author.map(|a| format!(" by {a}"))}
            {format!(" · {}", updated_at.display_short())}
            " " <TlpBadge label=tlp/>
            " · " <a href=format!("{base}/sections/{key}/history")>"History"</a>
        </p>
        <ErrorSummary error=error.clone()/>
        {conflict_view}
        {previewing.then(|| view! {
            <div class="notice" role="status"><p>"This is a preview: nothing has been saved yet."</p></div>
        })}
        <form method="post" action="/api/save_plan_section" class="stacked section-editor" id="section-editor">
            <input type="hidden" name="partnership" value=partnership_slug.clone()/>
            <input type="hidden" name="number" value=version_number.to_string()/>
            <input type="hidden" name="key" value=key.clone()/>
            <input type="hidden" name="revision" value=revision.to_string()/>
            <TextField id="section-title" name="title" label="Title" value=title errors=title_errors required=true maxlength=200/>
            <MarkdownEditor id="section-body".to_owned() name="body".to_owned() label="Text (Markdown)".to_owned()
                value=body initial_preview=preview rows=18/>
            <p class="actions">
                <button type="submit">"Save"</button>
                " "
                <button type="submit" class="secondary" formmethod="get" formaction=editor_url name="preview" value="1">
                    "Preview without saving"
                </button>
            </p>
        </form>
        <p><a href=format!("{base}/workspace#section-{key}")>"Back to the version"</a></p>
    }
}
