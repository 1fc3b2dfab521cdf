//! Labelled form fields with their error messages, for the plain HTML forms of management
//! pages: every input has a `<label>`, and a field with errors names its message in
//! `aria-describedby`. Field names are what the server function's arguments are called.

use crate::domain::Tlp;
use leptos::prelude::*;

fn described(id: &str, errors: &[String]) -> Option<String> {
    (!errors.is_empty()).then(|| format!("{id}-error"))
}

/// The error messages of a field, shown above its input.
#[component]
fn Messages(id: String, errors: Vec<String>) -> impl IntoView {
    (!errors.is_empty())
        .then(|| view! { <p class="field-error" id=format!("{id}-error")>{errors.join(" ")}</p> })
}

/// A one-line text input (`kind` is the input type: text, email, url, tel, date).
#[component]
pub fn TextField(
    /// The input's id (unique on the page).
    #[prop(into)]
    id: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The visible label.
    label: &'static str,
    /// The current value.
    #[prop(into, optional)]
    value: String,
    /// Error messages for this field.
    #[prop(optional)]
    errors: Vec<String>,
    /// The input type; `text` by default.
    #[prop(optional)]
    kind: Option<&'static str>,
    /// Whether the field must be filled in.
    #[prop(optional)]
    required: bool,
    /// Longest value accepted.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let describedby = [described(&id, &errors), hint_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <Messages id=id.clone() errors/>
            <input id=id name=name type=kind.unwrap_or("text") value=value required=required
                maxlength=maxlength.map(|m| m.to_string())
                aria-describedby=(!describedby.is_empty()).then_some(describedby)/>
        </div>
    }
}

/// A multi-line text area (Markdown fields).
#[component]
pub fn TextAreaField(
    /// The textarea's id.
    #[prop(into)]
    id: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The visible label.
    label: &'static str,
    /// The current value.
    #[prop(into, optional)]
    value: String,
    /// Error messages for this field.
    #[prop(optional)]
    errors: Vec<String>,
    /// Visible rows.
    #[prop(default = 6)]
    rows: u32,
) -> impl IntoView {
    let describedby = described(&id, &errors);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <Messages id=id.clone() errors=errors.clone()/>
            <textarea id=id name=name rows=rows.to_string()
                aria-describedby=describedby.clone()>
                // Leptos writes textarea children verbatim.
                {crate::domain::text::escape_html(&value)}
            </textarea>
        </div>
    }
}

/// A drop-down list of `(value, text)` options; an empty first option when `placeholder`
/// is given (for optional choices, or to make a required choice explicit).
#[component]
pub fn SelectField(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The visible label.
    label: &'static str,
    /// The options, in order.
    options: Vec<(String, String)>,
    /// The value selected now.
    #[prop(into, optional)]
    selected: String,
    /// Text of an empty first option, if any.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// Error messages for this field.
    #[prop(optional)]
    errors: Vec<String>,
    /// Whether a choice is required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let describedby = described(&id, &errors);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <Messages id=id.clone() errors=errors.clone()/>
            <select id=id name=name required=required aria-describedby=describedby.clone()>
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A drop-down of TLP labels.
#[component]
pub fn TlpField(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The visible label.
    label: &'static str,
    /// The label selected now.
    selected: Tlp,
    /// Error messages for this field.
    #[prop(optional)]
    errors: Vec<String>,
) -> impl IntoView {
    let options = Tlp::ALL
        .iter()
        .map(|t| {
            (
                t.code().to_owned(),
                format!("{} ({})", t.label(), t.audience()),
            )
        })
        .collect();
    view! { <SelectField id name label options selected=selected.code() errors required=true/> }
}

/// One checkbox with its label; posts `value` when ticked and nothing otherwise.
#[component]
pub fn CheckboxField(
    /// The checkbox's id.
    #[prop(into)]
    id: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The visible label.
    label: &'static str,
    /// Whether it is ticked now.
    checked: bool,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="field checkbox">
            <label for=label_for>
                <input id=id name=name type="checkbox" value="true" checked=checked/>
                {label}
            </label>
        </div>
    }
}

/// A picker of people grouped by organisation (`<optgroup>` per organisation).
#[component]
pub fn PersonField(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The posted name.
    #[prop(into)]
    name: String,
    /// The visible label.
    label: &'static str,
    /// The people to choose from.
    people: Vec<crate::api::choices::PersonChoice>,
    /// The person selected now, if any.
    #[prop(optional)]
    selected: Option<i64>,
    /// Text of the empty first option, for an optional choice.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// Error messages for this field.
    #[prop(optional)]
    errors: Vec<String>,
    /// Whether a choice is required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let describedby = described(&id, &errors);
    let mut groups: Vec<(String, Vec<crate::api::choices::PersonChoice>)> = Vec::new();
    for person in people {
        match groups.last_mut() {
            Some((org, members)) if *org == person.organisation_name => members.push(person),
            _ => groups.push((person.organisation_name.clone(), vec![person])),
        }
    }
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <Messages id=id.clone() errors=errors.clone()/>
            <select id=id name=name required=required aria-describedby=describedby.clone()>
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {groups.into_iter().map(|(org, members)| view! {
                    <optgroup label=org>
                        {members.into_iter().map(|p| {
                            let text = if p.job_title.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.job_title) };
                            view! { <option value=p.id.to_string() selected=selected == Some(p.id)>{text}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
    }
}
