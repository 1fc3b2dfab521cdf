//! Accounts: sign in and out, change or reset a password, and who is signed in.
//!
//! Every function here is a fixed HTTP endpoint (`/api/<name>`) answering two kinds of
//! client:
//! - a plain HTML form post from the account pages (the request accepts `text/html`): the
//!   answer is a redirect, to the next page on success or back to the form with
//!   `?error=<code>` and `&invalid=<field>.<code>` on failure (codes, never text, so that a
//!   crafted link cannot put words on our pages);
//! - any other client (fetch, tests): the result as JSON, and the status of the error
//!   (401, 422, 429 …).
//!
//! Sign-in gives one answer, [`AppError::BadCredentials`], for an unknown account, a
//! disabled one and a wrong password, at the same cost (a dummy hash is verified when there
//! is no account). Twenty wrong passwords in a row lock an account for fifteen minutes
//! (held in the database, so across app servers); thirty failures from one address in five
//! minutes refuse that address for a while (in this app server's memory).

use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError, ValidationErrors};

/// Wrong passwords in a row that lock an account.
pub const LOCK_AFTER_FAILURES: i64 = 20;
/// How long a locked account stays locked, in minutes.
pub const LOCK_MINUTES: i64 = 15;
/// How long a password reset link works, in minutes.
pub const RESET_LINK_MINUTES: i64 = 60;
/// Longest password accepted at sign-in (longer ones cannot be right, and would only cost).
pub const MAX_SIGN_IN_PASSWORD_CHARS: u64 = 1024;

/// The signed-in person, as the header and the account page show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// The person's id.
    pub id: i64,
    /// Name as shown to others.
    pub display_name: String,
    /// Sign-in name.
    pub email: String,
    /// Job title (may be empty).
    pub job_title: String,
    /// Their organisation; `None` for a platform operator.
    pub organisation_name: Option<String>,
    /// A platform operator.
    pub is_admin: bool,
}

/// The sign-in form.
#[derive(Clone, Debug, Validate)]
pub struct SignInInput {
    /// The account's e-mail address (any case; surrounding spaces are ignored).
    #[validate(custom(function = not_blank), length(max = 254, code = "email"))]
    pub email: String,
    /// The password.
    #[validate(
        custom(function = not_blank),
        length(max = MAX_SIGN_IN_PASSWORD_CHARS, code = "too_long")
    )]
    pub password: String,
}

/// The change-password form.
#[derive(Clone, Debug, Validate)]
pub struct ChangePasswordInput {
    /// The password in use now.
    #[validate(
        custom(function = not_blank),
        length(max = MAX_SIGN_IN_PASSWORD_CHARS, code = "too_long")
    )]
    pub current_password: String,
    /// The new password.
    #[validate(length(min = 8, max = 128, code = "password_length"))]
    pub new_password: String,
    /// The new password again.
    #[validate(must_match(other = "new_password", code = "mismatch"))]
    pub confirm_password: String,
}

/// The "forgot your password" form.
#[derive(Clone, Debug, Validate)]
pub struct ForgotPasswordInput {
    /// The account's e-mail address.
    #[validate(
        custom(function = not_blank),
        length(max = 254, code = "email"),
        email(code = "email")
    )]
    pub email: String,
}

/// The reset-password form (reached from the link in the mail).
#[derive(Clone, Debug, Validate)]
pub struct ResetPasswordInput {
    /// The token of the link.
    #[validate(length(min = 1, max = 200, code = "token"))]
    pub token: String,
    /// The new password.
    #[validate(length(min = 8, max = 128, code = "password_length"))]
    pub new_password: String,
    /// The new password again.
    #[validate(must_match(other = "new_password", code = "mismatch"))]
    pub confirm_password: String,
}

/// A field that must not be empty (white space alone counts as empty): code `required`.
pub fn not_blank(value: &str) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        Err(ValidationError::new("required"))
    } else {
        Ok(())
    }
}

/// The person signed in on this request, or `None`.
#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
    crate::ssr::error::serve(imp::current_account()).await
}

/// Signs in with an e-mail address and a password.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    /// The account's e-mail address.
    email: String,
    /// The password.
    password: String,
) -> Result<(), AppError> {
    let outcome = imp::sign_in(SignInInput { email, password }).await;
    imp::answer(outcome, "/", "/account/sign-in")
}

/// Signs out of this browser.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let outcome = imp::sign_out().await;
    imp::answer(
        outcome,
        "/account/sign-in?done=signed_out",
        "/account/sign-in",
    )
}

/// Signs out of every browser and device this person is signed in on.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let outcome = imp::sign_out_everywhere().await;
    imp::answer(
        outcome,
        "/account/sign-in?done=signed_out_everywhere",
        "/account",
    )
}

/// Changes the signed-in person's password (other sessions of theirs end).
#[server(endpoint = "change_password")]
pub async fn change_password(
    /// The password in use now.
    current_password: String,
    /// The new password.
    new_password: String,
    /// The new password again.
    confirm_password: String,
) -> Result<(), AppError> {
    let outcome = imp::change_password(ChangePasswordInput {
        current_password,
        new_password,
        confirm_password,
    })
    .await;
    imp::answer(outcome, "/account?done=password_changed", "/account")
}

/// Asks for a password reset link by mail. The answer is the same whether or not the
/// address has an account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(
    /// The account's e-mail address.
    email: String,
) -> Result<(), AppError> {
    let outcome = imp::request_password_reset(ForgotPasswordInput { email }).await;
    imp::answer(outcome, "/account/forgot?done=sent", "/account/forgot")
}

/// Sets a new password with the token of a reset link; the token then stops working and
/// every session of the person ends.
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    /// The token of the link.
    token: String,
    /// The new password.
    new_password: String,
    /// The new password again.
    confirm_password: String,
) -> Result<(), AppError> {
    let back = format!("/account/reset?token={}", percent_encode(&token));
    let outcome = imp::reset_password(ResetPasswordInput {
        token,
        new_password,
        confirm_password,
    })
    .await;
    imp::answer(outcome, "/account/sign-in?done=password_reset", &back)
}

/// A form-level failure, as carried in `?error=` back to a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormError {
    /// Unknown account or wrong password.
    Credentials,
    /// The account is locked, or this address made too many attempts.
    RateLimited,
    /// The session ended (or never began); sign in again.
    SignedOut,
    /// The reset link is unknown, used or expired.
    BadLink,
    /// Some fields are invalid (each says why).
    Invalid,
    /// Something failed on the server.
    Unavailable,
}

impl FormError {
    /// The code in the query string.
    pub fn code(self) -> &'static str {
        match self {
            FormError::Credentials => "credentials",
            FormError::RateLimited => "rate_limited",
            FormError::SignedOut => "signed_out",
            FormError::BadLink => "bad_link",
            FormError::Invalid => "invalid",
            FormError::Unavailable => "unavailable",
        }
    }

    /// The error of a code; unknown codes are ignored.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            FormError::Credentials,
            FormError::RateLimited,
            FormError::SignedOut,
            FormError::BadLink,
            FormError::Invalid,
            FormError::Unavailable,
        ]
        .into_iter()
        .find(|e| e.code() == code)
    }

    /// What the reader is told.
    pub fn message(self) -> &'static str {
        match self {
            FormError::Credentials => "The e-mail address or password is not right.",
            FormError::RateLimited => {
                "Too many attempts. Sign-in is paused for this account or this network for up \
                 to 15 minutes; wait and try again, or reset your password."
            }
            FormError::SignedOut => "Your session has ended. Sign in again to continue.",
            FormError::BadLink => {
                "This password reset link does not work: it has been used, it has expired \
                 (links work for one hour), or it was copied incompletely. Ask for a new one."
            }
            FormError::Invalid => "Some answers need correcting.",
            FormError::Unavailable => "Something went wrong on our side. Please try again.",
        }
    }

    /// The form error an [`AppError`] is shown as.
    pub fn of(error: &AppError) -> Self {
        match error {
            AppError::BadCredentials => FormError::Credentials,
            AppError::RateLimited => FormError::RateLimited,
            AppError::Unauthenticated => FormError::SignedOut,
            AppError::Invalid(_) => FormError::Invalid,
            AppError::NotFound => FormError::BadLink,
            _ => FormError::Unavailable,
        }
    }
}

/// The message for a field's error code (the codes of the input structs' validators and a
/// few of the server's own); `None` for an unknown code.
pub fn field_message(field: &str, code: &str) -> Option<&'static str> {
    Some(match (field, code) {
        ("email", "required") => "Enter your e-mail address.",
        ("email", "email") => "Enter an e-mail address such as name@example.org.",
        ("password", "required") => "Enter your password.",
        ("current_password", "required") => "Enter your current password.",
        ("current_password", "wrong") => "This is not your current password.",
        (_, "too_long") => "This is too long to be a password.",
        (_, "password_length") => "Choose a password of 8 to 128 characters.",
        ("confirm_password", "mismatch") => "The two new passwords are not the same.",
        ("token", _) => "This reset link is not complete. Open the link from the e-mail again.",
        ("token_name", "required") => {
            "Enter a name for the token, such as the script that uses it."
        }
        ("token_name", "length") => "Give the token a name of at most 100 characters.",
        ("expires_in_days", _) => "Choose when the token expires: in 30, 90 or 365 days.",
        _ => return None,
    })
}

/// The field errors of a validation, as (field, code), one per field (the first that
/// applies; "required" before anything else).
pub fn field_codes(errors: &ValidationErrors) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = errors
        .field_errors()
        .into_iter()
        .filter_map(|(field, list)| {
            let code = list
                .iter()
                .find(|e| e.code == "required")
                .or_else(|| list.first())?;
            Some((field.to_string(), code.code.to_string()))
        })
        .collect();
    out.sort();
    out
}

/// Field errors (field, code) as the [`AppError::Invalid`] that JSON clients receive.
pub fn invalid_error(codes: &[(String, String)]) -> AppError {
    let mut fields = FieldErrors::new();
    for (field, code) in codes {
        let message = field_message(field, code).unwrap_or("This answer is not valid.");
        fields
            .entry(field.clone())
            .or_default()
            .push(message.to_owned());
    }
    AppError::Invalid(fields)
}

/// What a form page shows after a failed post: read from its query string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormErrors {
    /// The form-level error.
    pub form: Option<FormError>,
    /// (field, message) for each invalid field, in the order given.
    pub fields: Vec<(String, &'static str)>,
}

impl FormErrors {
    /// From `?error=<code>&invalid=<field>.<code>…`; unknown codes are dropped.
    pub fn from_query(error: Option<String>, invalid: Vec<String>) -> Self {
        let fields = invalid
            .iter()
            .filter_map(|item| {
                let (field, code) = item.split_once('.')?;
                Some((field.to_owned(), field_message(field, code)?))
            })
            .collect::<Vec<_>>();
        let form = error.as_deref().and_then(FormError::from_code);
        Self { form, fields }
    }

    /// The message for one field, if it is invalid.
    pub fn field(&self, name: &str) -> Option<&'static str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| *message)
    }

    /// Whether there is anything to show.
    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.fields.is_empty()
    }
}

/// Percent-encodes a query-string value (everything but unreserved characters).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 0xf)]));
        }
    }
    out
}

/// The address for a failed form: `back` with `error` and each invalid field.
pub fn failure_location(back: &str, error: &AppError, codes: &[(String, String)]) -> String {
    let mut location = back.to_owned();
    let mut separator = if back.contains('?') { '&' } else { '?' };
    let mut push = |key: &str, value: &str| {
        location.push(separator);
        location.push_str(key);
        location.push('=');
        location.push_str(&percent_encode(value));
        separator = '&';
    };
    push("error", FormError::of(error).code());
    for (field, code) in codes {
        push("invalid", &format!("{field}.{code}"));
    }
    location
}

/// Normalises an e-mail address for lookup: trimmed, lower case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// For the other account forms (API tokens): the failure type and the answer of a form post.
#[cfg(feature = "ssr")]
pub(crate) use imp::{Failure, answer};

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::domain::Timestamp;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::auth::{self, password, session_store::hash_id};
    use crate::ssr::db::{self, DbError, accounts, mail, sessions};
    use crate::ssr::state::AppState;
    use crate::ssr::tokens;
    use chrono::TimeDelta;
    use serde_json::json;
    use tower_sessions::Session;

    /// Why an account operation failed: an [`AppError`], plus the per-field codes when
    /// the input was invalid (the JSON answer carries messages, the form redirect codes).
    pub struct Failure {
        error: AppError,
        fields: Vec<(String, String)>,
    }

    impl Failure {
        /// Invalid fields, as (field, error code).
        pub fn invalid_fields(fields: Vec<(String, String)>) -> Self {
            Self::fields(fields)
        }
    }

    impl From<AppError> for Failure {
        fn from(error: AppError) -> Self {
            Failure {
                error,
                fields: Vec::new(),
            }
        }
    }

    impl From<DbError> for Failure {
        fn from(error: DbError) -> Self {
            AppError::from(error).into()
        }
    }

    impl Failure {
        fn fields(fields: Vec<(String, String)>) -> Self {
            Failure {
                error: invalid_error(&fields),
                fields,
            }
        }

        fn field(field: &str, code: &str) -> Self {
            Self::fields(vec![(field.to_owned(), code.to_owned())])
        }
    }

    fn validate(input: &impl Validate) -> Result<(), Failure> {
        input
            .validate()
            .map_err(|errors| Failure::fields(field_codes(&errors)))
    }

    /// Turns an outcome into the answer: a redirect for a plain form post, else the result
    /// with the error's status.
    pub fn answer(outcome: Result<(), Failure>, success: &str, back: &str) -> Result<(), AppError> {
        let form_post = use_context::<http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        match outcome {
            Ok(()) => {
                if form_post {
                    leptos_axum::redirect(success);
                }
                Ok(())
            }
            Err(Failure { error, fields }) => {
                if form_post {
                    leptos_axum::redirect(&failure_location(back, &error, &fields));
                    Err(error)
                } else {
                    Err(crate::ssr::error::respond_with(error))
                }
            }
        }
    }

    async fn session() -> Result<Session, Failure> {
        auth::current_session().await.ok_or_else(|| {
            tracing::error!("no session layer on this request");
            Failure::from(AppError::Internal)
        })
    }

    fn session_error(err: tower_sessions::session::Error) -> Failure {
        tracing::error!(error = %err, "session store failed");
        AppError::Internal.into()
    }

    fn in_minutes(now: Timestamp, minutes: i64) -> Timestamp {
        Timestamp::from_datetime(now.as_datetime() + TimeDelta::minutes(minutes))
    }

    pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
        let Some(person_id) = auth::signed_in_person_id().await else {
            return Ok(None);
        };
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let row = accounts::find_active_account(&mut conn, person_id).await?;
        Ok(row.map(|row| AccountSummary {
            id: row.id,
            display_name: row.display_name,
            email: row.email,
            job_title: row.job_title,
            organisation_name: row.organisation_name,
            is_admin: row.is_admin != 0,
        }))
    }

    pub async fn sign_in(input: SignInInput) -> Result<(), Failure> {
        validate(&input)?;
        let limiter = auth::address_limiter();
        let client = auth::client_addr();
        if limiter.is_limited(client) {
            return Err(AppError::RateLimited.into());
        }
        let state = AppState::current();
        let email = normalise_email(&input.email);
        let now = Timestamp::now();
        let person = {
            let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
            accounts::find_sign_in_by_email(&mut conn, &email).await?
        };
        let person = person.filter(|p| p.is_active == 1);

        if let Some(p) = person.as_ref().filter(|p| p.is_locked(now)) {
            limiter.record_failure(client);
            let mut tx = state.db.begin_write().await?;
            audit::record(
                &mut tx,
                failed_sign_in(Some(p.id), client, "account_locked"),
            )
            .await?;
            tx.commit().await.map_err(DbError::from)?;
            return Err(AppError::RateLimited.into());
        }

        let stored_hash = person.as_ref().and_then(|p| p.password_hash.clone());
        let right = password::verify(input.password, stored_hash).await;
        let person = match person {
            Some(person) if right => person,
            person => {
                limiter.record_failure(client);
                let mut tx = state.db.begin_write().await?;
                match &person {
                    Some(p) => {
                        let lock_until = in_minutes(now, LOCK_MINUTES);
                        let locked = accounts::record_failed_sign_in(
                            &mut tx,
                            p.id,
                            LOCK_AFTER_FAILURES,
                            lock_until,
                        )
                        .await?;
                        audit::record(
                            &mut tx,
                            failed_sign_in(Some(p.id), client, "wrong_password"),
                        )
                        .await?;
                        if locked == Some(lock_until) {
                            let event = AuditEvent::new("account_lock", "person", Some(p.id))
                                .by(None, client.to_string())
                                .after(json!({
                                    "locked_until": lock_until,
                                    "failed_sign_ins": LOCK_AFTER_FAILURES,
                                }));
                            audit::record(&mut tx, event).await?;
                        }
                    }
                    None => {
                        audit::record(&mut tx, failed_sign_in(None, client, "unknown_account"))
                            .await?;
                    }
                }
                tx.commit().await.map_err(DbError::from)?;
                return Err(AppError::BadCredentials.into());
            }
        };

        let mut tx = state.db.begin_write().await?;
        if !accounts::record_successful_sign_in(&mut tx, person.id, now).await? {
            // Locked (or disabled) while the password was being checked.
            drop(tx);
            return Err(AppError::RateLimited.into());
        }
        let event = AuditEvent::new("sign_in", "person", Some(person.id))
            .by(Some(person.id), person.email.clone())
            .after(json!({ "client": client.to_string() }));
        audit::record(&mut tx, event).await?;
        tx.commit().await.map_err(DbError::from)?;

        let session = session().await?;
        auth::start_session(&session, person.id, now)
            .await
            .map_err(session_error)?;
        Ok(())
    }

    fn failed_sign_in(
        person_id: Option<i64>,
        client: std::net::IpAddr,
        reason: &str,
    ) -> AuditEvent {
        // The actor is whoever is at that address; the e-mail address typed is not
        // recorded for an unknown account (people type passwords into the wrong field).
        AuditEvent::new("sign_in_failed", "person", person_id)
            .by(None, client.to_string())
            .after(json!({ "reason": reason }))
    }

    pub async fn sign_out() -> Result<(), Failure> {
        let session = session().await?;
        let person_id = auth::session_person_id(&session).await;
        session.flush().await.map_err(session_error)?;
        if let Some(person_id) = person_id {
            let state = AppState::current();
            let mut tx = state.db.begin_write().await?;
            let event = AuditEvent::new("sign_out", "person", Some(person_id))
                .by(Some(person_id), actor_label(&mut tx, person_id).await?);
            audit::record(&mut tx, event).await?;
            tx.commit().await.map_err(DbError::from)?;
        }
        Ok(())
    }

    pub async fn sign_out_everywhere() -> Result<(), Failure> {
        let session = session().await?;
        let Some(person_id) = auth::session_person_id(&session).await else {
            return Err(AppError::Unauthenticated.into());
        };
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let ended = sessions::delete_sessions_of_person(&mut tx, person_id).await?;
        let event = AuditEvent::new("sign_out_everywhere", "person", Some(person_id))
            .by(Some(person_id), actor_label(&mut tx, person_id).await?)
            .after(json!({ "sessions_ended": ended }));
        audit::record(&mut tx, event).await?;
        tx.commit().await.map_err(DbError::from)?;
        session.flush().await.map_err(session_error)?;
        Ok(())
    }

    pub async fn change_password(input: ChangePasswordInput) -> Result<(), Failure> {
        let session = session().await?;
        let Some(person_id) = auth::session_person_id(&session).await else {
            return Err(AppError::Unauthenticated.into());
        };
        validate(&input)?;
        let limiter = auth::address_limiter();
        let client = auth::client_addr();
        let state = AppState::current();
        let now = Timestamp::now();
        let person = {
            let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
            accounts::find_sign_in_by_id(&mut conn, person_id).await?
        }
        .filter(|p| p.is_active == 1)
        .ok_or(AppError::Unauthenticated)?;
        if limiter.is_limited(client) || person.is_locked(now) {
            return Err(AppError::RateLimited.into());
        }
        if !password::verify(input.current_password, person.password_hash.clone()).await {
            // A stolen session must not become a way to guess the password.
            limiter.record_failure(client);
            let mut tx = state.db.begin_write().await?;
            accounts::record_failed_sign_in(
                &mut tx,
                person.id,
                LOCK_AFTER_FAILURES,
                in_minutes(now, LOCK_MINUTES),
            )
            .await?;
            let event = AuditEvent::new("password_change_failed", "person", Some(person.id))
                .by(Some(person.id), person.email.clone());
            audit::record(&mut tx, event).await?;
            tx.commit().await.map_err(DbError::from)?;
            return Err(Failure::field("current_password", "wrong"));
        }
        let new_hash = password::hash(input.new_password)
            .await
            .map_err(|_| Failure::field("new_password", "password_length"))?;
        let keep = session.id().map(|id| hash_id(&id)).unwrap_or_default();
        let mut tx = state.db.begin_write().await?;
        accounts::update_password_hash(&mut tx, person.id, &new_hash, now).await?;
        let ended = sessions::delete_other_sessions_of_person(&mut tx, person.id, &keep).await?;
        let event = AuditEvent::new("password_change", "person", Some(person.id))
            .by(Some(person.id), person.email.clone())
            .after(json!({ "other_sessions_ended": ended }));
        audit::record(&mut tx, event).await?;
        tx.commit().await.map_err(DbError::from)?;
        // A new session id after a change of credentials, too.
        auth::start_session(&session, person.id, now)
            .await
            .map_err(session_error)?;
        Ok(())
    }

    pub async fn request_password_reset(input: ForgotPasswordInput) -> Result<(), Failure> {
        validate(&input)?;
        let limiter = auth::address_limiter();
        let client = auth::client_addr();
        if limiter.is_limited(client) {
            return Err(AppError::RateLimited.into());
        }
        // Every request counts: each may send a mail.
        limiter.record_failure(client);
        let state = AppState::current();
        let email = normalise_email(&input.email);
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let person = accounts::find_sign_in_by_email(&mut tx, &email)
            .await?
            .filter(|p| p.is_active == 1);
        if let Some(person) = person {
            let (token, token_hash) = tokens::new_token();
            let expires_at = in_minutes(now, RESET_LINK_MINUTES);
            accounts::insert_password_reset(&mut tx, person.id, &token_hash, expires_at, now)
                .await?;
            let link = format!("{}/account/reset?token={token}", state.site_url);
            mail::insert_mail(
                &mut tx,
                mail::NewMail {
                    to: person.email.clone(),
                    subject: "Reset your Concordat password".to_owned(),
                    body: reset_mail_body(&person.display_name, &link),
                    created_at: now,
                },
            )
            .await?;
            let event = AuditEvent::new("password_reset_request", "person", Some(person.id))
                .by(None, client.to_string())
                .after(json!({ "expires_at": expires_at }));
            audit::record(&mut tx, event).await?;
        }
        tx.commit().await.map_err(DbError::from)?;
        Ok(())
    }

    fn reset_mail_body(name: &str, link: &str) -> String {
        format!(
            "Hello {name},\n\n\
             Someone (we hope you) asked to reset the password of your Concordat account.\n\
             To choose a new password, open this link within one hour:\n\n\
             {link}\n\n\
             The link works once. If you did not ask for it, ignore this message: your \
             password stays as it is.\n"
        )
    }

    pub async fn reset_password(input: ResetPasswordInput) -> Result<(), Failure> {
        validate(&input)?;
        let limiter = auth::address_limiter();
        let client = auth::client_addr();
        if limiter.is_limited(client) {
            return Err(AppError::RateLimited.into());
        }
        let state = AppState::current();
        let now = Timestamp::now();
        let token_hash = tokens::hash_token(&input.token);
        let reset = {
            let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
            accounts::find_usable_password_reset(&mut conn, &token_hash, now).await?
        };
        let Some(reset) = reset else {
            limiter.record_failure(client);
            return Err(AppError::NotFound.into());
        };
        let new_hash = password::hash(input.new_password)
            .await
            .map_err(|_| Failure::field("new_password", "password_length"))?;
        let mut tx = state.db.begin_write().await?;
        if !accounts::use_password_reset(&mut tx, reset, now).await? {
            return Err(AppError::NotFound.into());
        }
        accounts::update_password_hash(&mut tx, reset.person_id, &new_hash, now).await?;
        let ended = sessions::delete_sessions_of_person(&mut tx, reset.person_id).await?;
        let event = AuditEvent::new("password_reset", "person", Some(reset.person_id))
            .by(
                Some(reset.person_id),
                actor_label(&mut tx, reset.person_id).await?,
            )
            .after(json!({ "sessions_ended": ended, "client": client.to_string() }));
        audit::record(&mut tx, event).await?;
        tx.commit().await.map_err(DbError::from)?;
        // Whatever this browser had is over too.
        if let Some(session) = auth::current_session().await {
            session.flush().await.map_err(session_error)?;
        }
        Ok(())
    }

    async fn actor_label(conn: &mut db::Conn, person_id: i64) -> Result<String, DbError> {
        Ok(accounts::find_sign_in_by_id(conn, person_id)
            .await?
            .map(|p| p.email)
            .unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_each_field_with_one_code() {
        let input = ChangePasswordInput {
            current_password: String::new(),
            new_password: "short".to_owned(),
            confirm_password: "other".to_owned(),
        };
        let codes = field_codes(&input.validate().expect_err("invalid"));
        assert_eq!(
            codes,
            vec![
                ("confirm_password".to_owned(), "mismatch".to_owned()),
                ("current_password".to_owned(), "required".to_owned()),
                ("new_password".to_owned(), "password_length".to_owned()),
            ]
        );
        let AppError::Invalid(fields) = invalid_error(&codes) else {
            panic!("expected Invalid");
        };
        assert_eq!(
            fields["new_password"],
            vec!["Choose a password of 8 to 128 characters.".to_owned()]
        );
    }

    #[test]
    fn a_failed_form_goes_back_with_codes_only() {
        let error = AppError::invalid("email", "whatever");
        let codes = vec![("email".to_owned(), "email".to_owned())];
        assert_eq!(
            failure_location("/account/forgot", &error, &codes),
            "/account/forgot?error=invalid&invalid=email.email"
        );
        assert_eq!(
            failure_location("/account/reset?token=a%20b", &AppError::NotFound, &[]),
            "/account/reset?token=a%20b&error=bad_link"
        );
        let shown = FormErrors::from_query(
            Some("invalid".to_owned()),
            vec!["email.email".to_owned(), "email.<script>".to_owned()],
        );
        assert_eq!(shown.form, Some(FormError::Invalid));
        assert_eq!(
            shown.field("email"),
            Some("Enter an e-mail address such as name@example.org.")
        );
        assert_eq!(shown.fields.len(), 1, "unknown codes are dropped");
        assert_eq!(
            FormErrors::from_query(Some("<b>".to_owned()), vec![]).form,
            None
        );
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode("ab-_.~9"), "ab-_.~9");
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn e_mail_addresses_are_matched_without_case_or_spaces() {
        assert_eq!(
            normalise_email("  Secretariat@ASPR.example "),
            "secretariat@aspr.example"
        );
    }
}
