//! `/account/notifications`: which notifications the signed-in person gets, in Concordat
//! and by e-mail. One table of checkboxes (a row per kind, a column per channel, each box
//! labelled by both), in a plain form, so it works without JavaScript.

use super::{Done, from_query};
use crate::api::notifications::{PreferenceView, get_notification_preferences};
use crate::components::error_notice::ErrorNotice;
use crate::domain::notification::{Channel, choice_name};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

/// The preferences form; a pointer to sign in otherwise.
#[component]
pub fn NotificationPreferencesPage() -> impl IntoView {
    let (errors, done) = from_query();
    let saved = done.as_deref() == Some("saved");
    view! {
        <Title text="Notification settings"/>
        <p class="breadcrumbs"><a href="/account">"Your account"</a></p>
        <h1>"Notification settings"</h1>
        <p>
            "Choose what Concordat tells you about, and how: on your "
            <a href="/notifications">"notifications page"</a>
            " (counted beside “Notifications” at the top of every page), by e-mail, both or "
            "neither. Until you choose, you are told in Concordat and not by e-mail."
        </p>
        {saved.then(|| view! { <Done message="Your notification settings are saved."/> })}
        {errors.form.map(|e| view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>"There is a problem"</h2>
                <p>{e.message()}</p>
            </div>
        })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {Suspend::new(async move {
                match get_notification_preferences().await {
                    Ok(preferences) => view! { <Preferences preferences/> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p>
                            "You are not signed in. "
                            <a href="/account/sign-in">"Sign in"</a>
                            " to choose your notifications."
                        </p>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Preferences(preferences: Vec<PreferenceView>) -> impl IntoView {
    view! {
        <form method="post" action="/api/save_notification_preferences" class="preferences-form">
            <fieldset>
                <legend>"Which notifications you get, and how"</legend>
                <div class="table-wrap">
                    <table class="preferences">
                        <thead>
                            <tr>
                                <th scope="col">"Notification"</th>
                                {Channel::ALL.iter().map(|channel| view! {
                                    <th scope="col">{channel.label()}</th>
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {preferences.into_iter().map(|p| view! { <PreferenceRow preference=p/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </fieldset>
            <div class="actions"><button type="submit">"Save the settings"</button></div>
        </form>
    }
}

#[component]
fn PreferenceRow(preference: PreferenceView) -> impl IntoView {
    let kind = preference.kind;
    view! {
        <tr>
            <th scope="row">
                <span class="preference-kind">{kind.label()}</span>
                <span class="hint">{kind.description()}</span>
            </th>
            {Channel::ALL.iter().map(|channel| {
                let name = choice_name(kind, *channel);
                let id = name.replace('.', "-");
                let label = format!("{}: {}", kind.label(), channel.phrase());
                view! {
                    <td>
                        <input
                            type="checkbox"
                            id=id.clone()
                            name=format!("choices[{name}]")
                            value="on"
                            checked=preference.channels.has(*channel)
                        />
                        <label for=id class="visually-hidden">{label}</label>
                    </td>
                }
            }).collect_view()}
        </tr>
    }
}
