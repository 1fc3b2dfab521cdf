//! Invitations: the secretariat invites a person to an organisation of its partnership; the
//! person accepts through a one-time, expiring link and sets a password.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long an invitation link works, in days.
pub const INVITATION_DAYS: i64 = 7;

/// What the secretariat sees after inviting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSent {
    /// The invited address.
    pub email: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// When the link stops working (UTC, for people).
    pub expires: String,
}

/// What the accept page shows about an open invitation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDetails {
    /// The invited address (the future sign-in name).
    pub email: String,
    /// The invited name.
    pub display_name: String,
    /// The organisation.
    pub organisation_name: String,
}

/// An organisation the secretariat may invite people to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitableOrganisation {
    /// URL key.
    pub slug: String,
    /// Name.
    pub name: String,
}

/// Invites a person, by e-mail address, to an organisation of the partnership. Secretariat
/// only. Queues the invitation mail (with its one-time link) in the outbox and audits it.
#[server(endpoint = "invite_person")]
pub async fn invite_person(
    /// The partnership's URL key.
    partnership: String,
    /// The organisation's URL key.
    organisation: String,
    /// The invited person's e-mail address.
    email: String,
    /// The invited person's name.
    name: String,
) -> Result<InvitationSent, AppError> {
    crate::ssr::error::serve(imp::invite_person(partnership, organisation, email, name)).await
}

/// The organisations of a partnership that the viewer may invite people to (empty for
/// anyone but its secretariat).
#[server(endpoint = "list_invitable_organisations")]
pub async fn list_invitable_organisations(
    /// The partnership's URL key.
    partnership: String,
) -> Result<Vec<InvitableOrganisation>, AppError> {
    crate::ssr::error::serve(imp::list_invitable_organisations(partnership)).await
}

/// The open invitation behind a link's token (404 when unknown, used, revoked or expired).
#[server(endpoint = "get_invitation")]
pub async fn get_invitation(
    /// The token from the link.
    token: String,
) -> Result<InvitationDetails, AppError> {
    crate::ssr::error::serve(imp::get_invitation(token)).await
}

/// Accepts an invitation: creates the account with the chosen password. The link works once.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    /// The token from the link.
    token: String,
    /// The new password.
    password: String,
    /// The new password again.
    confirm: String,
) -> Result<InvitationDetails, AppError> {
    crate::ssr::error::serve(imp::accept_invitation(token, password, confirm)).await
}

/// Checks the invitation form; every problem is reported against its field.
pub fn validate_invitation(email: &str, name: &str) -> Result<(String, String), AppError> {
    let email = email.trim().to_lowercase();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut fields = crate::error::FieldErrors::new();
    let plausible = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !plausible {
        fields
            .entry("email".into())
            .or_default()
            .push("Enter an e-mail address such as name@example.org.".into());
    }
    if name.is_empty() || name.chars().count() > 200 {
        fields
            .entry("name".into())
            .or_default()
            .push("Enter the person's name (1 to 200 characters).".into());
    }
    if fields.is_empty() {
        Ok((email, name))
    } else {
        Err(AppError::Invalid(fields))
    }
}

/// Checks a new password and its confirmation.
pub fn validate_new_password(password: &str, confirm: &str) -> Result<(), AppError> {
    let len = password.chars().count();
    if !(8..=128).contains(&len) {
        return Err(AppError::invalid(
            "password",
            "Choose a password of 8 to 128 characters.",
        ));
    }
    if password != confirm {
        return Err(AppError::invalid(
            "confirm",
            "The two passwords are not the same.",
        ));
    }
    Ok(())
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::validate_slug;
    use crate::domain::access::{Action, Resource};
    use crate::domain::{Timestamp, Tlp};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::auth::password;
    use crate::ssr::db::{DbError, invitations, mail, partnerships, people};
    use crate::ssr::state::AppState;
    use crate::ssr::tokens;
    use chrono::Duration;
    use serde_json::json;

    async fn secretariat_of(
        slug: &str,
    ) -> Result<(Viewer, partnerships::PartnershipRow), AppError> {
        validate_slug(slug)?;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let partnership =
            partnerships::find_partnership_by_slug(&mut conn, slug, viewer.visibility())
                .await?
                .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::InvitePerson,
            &Resource::partnership(partnership.id, Tlp::Green),
        )?;
        Ok((viewer, partnership))
    }

    pub async fn list_invitable_organisations(
        partnership: String,
    ) -> Result<Vec<InvitableOrganisation>, AppError> {
        let (_, partnership) = secretariat_of(&partnership).await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let rows = partnerships::list_organisations(&mut conn, partnership.id, "", 10_000).await?;
        Ok(rows
            .into_iter()
            .map(|o| InvitableOrganisation {
                slug: o.slug,
                name: o.name,
            })
            .collect())
    }

    pub async fn invite_person(
        partnership: String,
        organisation: String,
        email: String,
        name: String,
    ) -> Result<InvitationSent, AppError> {
        let (viewer, partnership) = secretariat_of(&partnership).await?;
        let (email, name) = validate_invitation(&email, &name)?;
        let state = AppState::current();
        let now = Timestamp::now();
        let expires_at =
            Timestamp::from_datetime(now.as_datetime() + Duration::days(INVITATION_DAYS));
        let (token, token_hash) = tokens::new_token();

        let mut tx = state.db.begin_write().await?;
        let org =
            partnerships::find_organisation_by_slug(&mut tx, partnership.id, organisation.trim())
                .await?
                .ok_or_else(|| {
                    AppError::invalid(
                        "organisation",
                        "Choose an organisation of this partnership.",
                    )
                })?;
        if people::find_person_by_email(&mut tx, &email)
            .await?
            .is_some()
        {
            return Err(AppError::invalid(
                "email",
                "This address already has an account.",
            ));
        }
        let invitation_id = invitations::insert_invitation(
            &mut tx,
            invitations::NewInvitation {
                partnership_id: partnership.id,
                organisation_id: org.id,
                email: email.clone(),
                display_name: name.clone(),
                token_hash,
                invited_by_person_id: viewer.actor().person_id,
                expires_at,
                created_at: now,
            },
        )
        .await?;
        let link = format!("{}/invitations/accept?token={token}", state.site_url);
        mail::insert_mail(
            &mut tx,
            mail::NewMail {
                to: email.clone(),
                subject: format!("You are invited to {} on Concordat", partnership.short_name),
                body: invitation_mail(&name, &org.name, &partnership.name, &link, expires_at),
                created_at: now,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("invite", "invitation", Some(invitation_id))
                .by_viewer(&viewer)
                .in_partnership(partnership.id)
                .after(json!({
                    "email": email,
                    "name": name,
                    "organisation_id": org.id,
                    "expires_at": expires_at.to_db_text(),
                })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        // A plain form post goes back to the form, which then says the invitation was sent.
        leptos_axum::redirect(&format!("/p/{}/invite?sent=1", partnership.slug));
        Ok(InvitationSent {
            email,
            organisation_name: org.name,
            expires: expires_at.display_short(),
        })
    }

    pub async fn get_invitation(token: String) -> Result<InvitationDetails, AppError> {
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let invitation = invitations::find_open_invitation(
            &mut conn,
            &tokens::hash_token(&token),
            Timestamp::now(),
        )
        .await?
        .ok_or(AppError::NotFound)?;
        Ok(details(invitation))
    }

    pub async fn accept_invitation(
        token: String,
        password: String,
        confirm: String,
    ) -> Result<InvitationDetails, AppError> {
        validate_new_password(&password, &confirm)?;
        let state = AppState::current();
        // Hash before taking the write lock: it costs tens of milliseconds.
        let hash = password::hash(password)
            .await
            .map_err(|e| AppError::invalid("password", e.to_string()))?;
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let invitation =
            invitations::find_open_invitation(&mut tx, &tokens::hash_token(&token), now)
                .await?
                .ok_or(AppError::NotFound)?;
        if people::find_person_by_email(&mut tx, &invitation.email)
            .await?
            .is_some()
        {
            return Err(AppError::Conflict(
                "This address already has an account: sign in instead.".into(),
            ));
        }
        let person_id = people::insert_person(
            &mut tx,
            people::NewPerson {
                organisation_id: Some(invitation.organisation_id),
                display_name: invitation.display_name.clone(),
                email: invitation.email.clone(),
                job_title: String::new(),
                phone: String::new(),
                password_hash: Some(hash),
                is_admin: false,
                created_at: now,
            },
        )
        .await?;
        invitations::mark_invitation_accepted(&mut tx, invitation.id, person_id, now)
            .await
            .map_err(|e| match e {
                DbError::NotFound => AppError::NotFound,
                other => other.into(),
            })?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "person", Some(person_id))
                .by(Some(person_id), invitation.email.clone())
                .in_partnership(invitation.partnership_id)
                .after(json!({
                    "email": invitation.email,
                    "name": invitation.display_name,
                    "organisation_id": invitation.organisation_id,
                    "invitation_id": invitation.id,
                })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect("/account/sign-in?welcome=1");
        Ok(details(invitation))
    }

    fn details(invitation: invitations::OpenInvitationRow) -> InvitationDetails {
        InvitationDetails {
            email: invitation.email,
            display_name: invitation.display_name,
            organisation_name: invitation.organisation_name,
        }
    }

    fn invitation_mail(
        name: &str,
        organisation: &str,
        partnership: &str,
        link: &str,
        expires: Timestamp,
    ) -> String {
        format!(
            "Hello {name},\n\n\
             The secretariat of the {partnership} has invited you to take part in it on \
             Concordat, as a member of {organisation}.\n\n\
             To accept, choose your password here (the link works once, until {}):\n\n{link}\n\n\
             If you did not expect this message, you can ignore it.\n",
            expires.display_short()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_fields_are_checked_one_by_one() {
        let Err(AppError::Invalid(fields)) = validate_invitation("not an address", " ") else {
            panic!("expected field errors");
        };
        assert!(fields.contains_key("email") && fields.contains_key("name"));
        assert_eq!(
            validate_invitation(" Ada@Example.ORG ", " Ada   Lovelace "),
            Ok(("ada@example.org".to_owned(), "Ada Lovelace".to_owned()))
        );
    }

    #[test]
    fn new_passwords_need_length_and_confirmation() {
        assert!(
            matches!(validate_new_password("short", "short"), Err(AppError::Invalid(f)) if f.contains_key("password"))
        );
        assert!(
            matches!(validate_new_password("long enough", "long enougH"), Err(AppError::Invalid(f)) if f.contains_key("confirm"))
        );
        assert_eq!(validate_new_password("long enough", "long enough"), Ok(()));
    }
}
