//! A Markdown text area with a live preview: an island. Without JavaScript the form's
//! "Preview" button asks the server for the same preview (the page renders what was typed,
//! nothing is saved); once hydrated, the preview follows the typing through the
//! `preview_markdown` server function, which renders and sanitises exactly as the plan
//! pages do.

#![expect(
    missing_docs,
    reason = "the #[island] macro generates an undocumented hydration struct"
)]

use crate::api::plans::preview_markdown;
use leptos::prelude::*;

/// The text area, its label and the preview region.
#[island]
pub fn MarkdownEditor(
    /// The text area's id.
    id: String,
    /// The posted name.
    name: String,
    /// The visible label.
    label: String,
    /// The text.
    value: String,
    /// The preview the server rendered (sanitised HTML), if any.
    initial_preview: String,
    /// Visible rows.
    rows: u32,
) -> impl IntoView {
    let (preview, set_preview) = signal(initial_preview);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    // Only the newest answer may update the preview; typing waits 300 ms before asking.
    let latest = StoredValue::new(0_u64);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        set_timeout(
            move || {
                if latest.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let result = preview_markdown(text).await;
                    if latest.get_value() != mine {
                        return;
                    }
                    match result {
                        Ok(html) => set_preview.set(html),
                        Err(error) => set_preview.set(format!(
                            "<p>The preview is not available: {}</p>",
                            html_escape(&error.to_string())
                        )),
                    }
                });
            },
            std::time::Duration::from_millis(300),
        );
    };
    let preview_id = format!("{id}-preview");
    view! {
        <div class="markdown-editor" data-hydrated=move || hydrated.get().then_some("true")>
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea id=id.clone() name=name rows=rows.to_string() on:input=on_input
                    aria-describedby=preview_id.clone()>
                    // Leptos writes textarea children verbatim.
                    {crate::domain::text::escape_html(&value)}
                </textarea>
            </div>
            <section class="preview" aria-label="Preview" id=preview_id aria-live="polite">
                <h3 class="preview-heading">"Preview"</h3>
                <div class="prose" inner_html=move || preview.get()></div>
            </section>
        </div>
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
