//! `/account/tokens`: the signed-in person's personal API tokens: create one (shown once),
//! see when each was last used, revoke. Plain forms, so it works without JavaScript.

use super::{Done, ErrorSummary, Field, from_query};
use crate::api::account::FormErrors;
use crate::api::api_tokens::{ApiTokenList, ApiTokenView, EXPIRY_CHOICES, list_api_tokens};
use crate::components::error_notice::ErrorNotice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

const FIELDS: &[(&str, &str)] = &[
    ("token_name", "token-name"),
    ("expires_in_days", "token-expiry"),
];

/// The person's API tokens; a pointer to sign in otherwise.
#[component]
pub fn ApiTokensPage() -> impl IntoView {
    let (errors, done) = from_query();
    let revoked = done.as_deref() == Some("revoked");
    view! {
        <Title text="API tokens"/>
        <p class="breadcrumbs"><a href="/account">"Your account"</a></p>
        <h1>"API tokens"</h1>
        <p>
            "A personal API token lets a script or a spreadsheet read the "
            <a href="/api/v1/openapi.json">"open data API"</a>
            " as you: it sees what you may see here, by the same Traffic Light Protocol "
            "rules, and nothing more. It can only read. Keep it as you would a password, and "
            "revoke it when it is no longer needed. Send it as "
            <code>"Authorization: Bearer <token>"</code>"."
        </p>
        {revoked.then(|| view! {
            <Done message="The token has been revoked: it no longer opens the API."/>
        })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {
                let errors = errors.clone();
                Suspend::new(async move {
                    match list_api_tokens().await {
                        Ok(list) => view! { <Tokens list errors/> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>
                                "You are not signed in. "
                                <a href="/account/sign-in">"Sign in"</a>
                                " to manage your API tokens."
                            </p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }
        </Suspense>
    }
}

#[component]
fn Tokens(list: ApiTokenList, errors: FormErrors) -> impl IntoView {
    let expiry_error = errors.field("expires_in_days");
    view! {
        {list.fresh.map(|fresh| view! {
            <section class="notice notice-success fresh-token" role="status" aria-labelledby="fresh-heading">
                <h2 id="fresh-heading">"Your new token “"{fresh.name}"”"</h2>
                <p>"Copy it now: it is not stored and will not be shown again. It works until "
                    {fresh.expires_at.display_short()}" UTC."</p>
                <p><code class="token" id="fresh-token">{fresh.token}</code></p>
            </section>
        })}

        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">"Your tokens"</h2>
            {if list.tokens.is_empty() {
                view! { <p>"You have no API tokens."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">"Your API tokens, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Starts with"</th>
                                <th scope="col">"Created"</th>
                                <th scope="col">"Expires"</th>
                                <th scope="col">"Last used"</th>
                                <th scope="col">"Status"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.tokens.into_iter().map(|t| view! { <TokenRow token=t/> }).collect_view()}
                        </tbody>
                    </table></div>
                }
                .into_any()
            }}
        </section>

        <section aria-labelledby="new-token-heading">
            <h2 id="new-token-heading">"Create a token"</h2>
            <ErrorSummary errors=errors.clone() fields=FIELDS/>
            <form method="post" action="/api/create_api_token" class="stacked">
                <Field id="token-name" name="token_name" label="Name" kind="text"
                    autocomplete="off"
                    hint="What it is for, e.g. “quarterly progress report”. At most 100 characters."
                    errors=errors.clone()/>
                <div class="field">
                    <label for="token-expiry">"Expires in"</label>
                    {expiry_error.map(|m| view! {
                        <p class="field-error" id="token-expiry-error">{m}</p>
                    })}
                    <select id="token-expiry" name="expires_in_days"
                        aria-invalid=expiry_error.map(|_| "true")
                        aria-describedby=expiry_error.map(|_| "token-expiry-error")>
                        {EXPIRY_CHOICES.iter().map(|days| view! {
                            <option value=days.to_string() selected=*days == 90>
                                {format!("{days} days")}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div><button type="submit">"Create the token"</button></div>
            </form>
        </section>
    }
}

#[component]
fn TokenRow(token: ApiTokenView) -> impl IntoView {
    let status = match (token.active, token.revoked_at) {
        (true, _) => "Active".to_owned(),
        (false, Some(at)) => format!("Revoked {}", at.display_short()),
        (false, None) => "Expired".to_owned(),
    };
    let label = format!("Revoke the token “{}”", token.name);
    view! {
        <tr>
            <td>{token.name.clone()}</td>
            <td><code>{token.prefix}"…"</code></td>
            <td>{token.created_at.display_short()}</td>
            <td>{token.expires_at.display_short()}</td>
            <td>{token.last_used_at.map_or_else(|| "Never".to_owned(), |t| t.display_short())}</td>
            <td>
                {status}
                {token.active.then(|| view! {
                    <form method="post" action="/api/revoke_api_token" class="inline-form">
                        <input type="hidden" name="id" value=token.id.to_string()/>
                        <button type="submit" class="secondary" aria-label=label>"Revoke"</button>
                    </form>
                })}
            </td>
        </tr>
    }
}
