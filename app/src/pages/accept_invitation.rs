//! `/invitations/accept?token=`: a person invited by a secretariat chooses a password.

use crate::api::invitations::{InvitationDetails, get_invitation};
use crate::components::error_notice::ErrorNotice;
use crate::components::form_feedback::{ErrorSummary, FieldError, field_messages, form_error};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shows the invitation and the password form; an unknown, used or expired link is a 404.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let error = form_error("accept_invitation");
    view! {
        <Title text="Accept your invitation"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let token = token.clone();
                let error = error.clone();
                Suspend::new(async move {
                    match get_invitation(token.clone()).await {
                        Ok(invitation) => view! { <AcceptForm token invitation error/> }.into_any(),
                        Err(AppError::NotFound) => view! {
                            <section class="notice">
                                <h1>"This invitation link does not work"</h1>
                                <p>
                                    "It was used already, replaced by a newer invitation, or it "
                                    "expired. Ask the secretariat to invite you again, or "
                                    <a href="/account/sign-in">"sign in"</a>
                                    " if you have an account."
                                </p>
                            </section>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn AcceptForm(
    token: String,
    invitation: InvitationDetails,
    error: Option<AppError>,
) -> impl IntoView {
    let password_errors = field_messages(error.as_ref(), "password");
    let confirm_errors = field_messages(error.as_ref(), "confirm");
    let described =
        |id: &str, errors: &[String]| (!errors.is_empty()).then(|| format!("{id}-error"));
    view! {
        <h1>"Welcome, " {invitation.display_name.clone()}</h1>
        <p>
            "You are invited to join Concordat as a member of "
            <strong>{invitation.organisation_name.clone()}</strong>
            ". Your sign-in name will be "
            <strong>{invitation.email.clone()}</strong>
            "."
        </p>
        <ErrorSummary error/>
        <form method="post" action="/api/accept_invitation" class="stacked">
            <input type="hidden" name="token" value=token/>
            <input type="hidden" name="username" autocomplete="username" value=invitation.email.clone()/>
            <div class="field">
                <label for="accept-password">"Choose a password"</label>
                <p class="hint" id="accept-password-hint">"8 to 128 characters. A few unrelated words work well."</p>
                <FieldError id="accept-password" messages=password_errors.clone()/>
                <input id="accept-password" name="password" type="password" required minlength="8" maxlength="128"
                    autocomplete="new-password"
                    aria-describedby=if password_errors.is_empty() { "accept-password-hint".to_owned() } else { "accept-password-hint accept-password-error".to_owned() }/>
            </div>
            <div class="field">
                <label for="accept-confirm">"The same password again"</label>
                <FieldError id="accept-confirm" messages=confirm_errors.clone()/>
                <input id="accept-confirm" name="confirm" type="password" required minlength="8" maxlength="128"
                    autocomplete="new-password" aria-describedby=described("accept-confirm", &confirm_errors)/>
            </div>
            <button type="submit">"Create my account"</button>
        </form>
    }
}
