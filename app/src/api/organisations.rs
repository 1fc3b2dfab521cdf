//! Organisations of a partnership: the public profile (what it is, where it sits) and, for
//! the secretariat and operators, editing the record and seeing its people.

use crate::domain::partnership::{OrganisationFields, OrganisationKind, Side, SizeClass};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A seat of the organisation on a council or working group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatSummary {
    /// "Council" or "Working group".
    pub body_kind: String,
    /// The body's name.
    pub body_name: String,
    /// Whether the seat votes.
    pub is_voting: bool,
    /// Since when (YYYY-MM-DD).
    pub since: String,
}

/// A person of the organisation, for those who manage it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    /// Id, for the person's page.
    pub id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// Whether the person has set a password.
    pub has_account: bool,
    /// Whether the account is active.
    pub is_active: bool,
}

/// The editable fields of an organisation, as a form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationInput {
    /// Name.
    pub name: String,
    /// Short name or acronym.
    pub short_name: String,
    /// Kind code.
    pub kind: String,
    /// Side code.
    pub side: String,
    /// Size class code.
    pub size_class: String,
    /// ISO 3166 alpha-2 code.
    pub country: String,
    /// Sector segment.
    pub segment: String,
    /// Web site (https://…), may be empty.
    pub website: String,
    /// Markdown description.
    pub description: String,
}

impl OrganisationInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<OrganisationFields, AppError> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            fail(
                "name",
                "Enter the organisation's name (1 to 200 characters).",
            );
        }
        let short_name = self.short_name.trim().to_owned();
        if short_name.chars().count() > 40 {
            fail(
                "short_name",
                "The short name can have at most 40 characters.",
            );
        }
        let kind = OrganisationKind::from_code(self.kind.trim());
        if kind.is_none() {
            fail("kind", "Choose what kind of organisation this is.");
        }
        let side = Side::from_code(self.side.trim());
        if side.is_none() {
            fail("side", "Choose public, private or non-profit.");
        }
        let size_class = SizeClass::from_code(self.size_class.trim());
        if size_class.is_none() {
            fail("size_class", "Choose a size class.");
        }
        let country = self.country.trim().to_uppercase();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            fail(
                "country",
                "Enter a two-letter country code such as US or IE.",
            );
        }
        let segment = self.segment.trim().to_owned();
        if segment.chars().count() > 100 {
            fail("segment", "The segment can have at most 100 characters.");
        }
        let website = self.website.trim().to_owned();
        if !website.is_empty()
            && (!website.starts_with("https://")
                || website.len() > 300
                || website.contains(char::is_whitespace))
        {
            fail(
                "website",
                "Enter a web address starting with https://, or leave it empty.",
            );
        }
        if self.description.chars().count() > 20_000 {
            fail(
                "description",
                "The description can have at most 20,000 characters.",
            );
        }
        match (kind, side, size_class) {
            (Some(kind), Some(side), Some(size_class)) if errors.is_empty() => {
                Ok(OrganisationFields {
                    name,
                    short_name,
                    kind,
                    side,
                    size_class,
                    country,
                    segment,
                    website,
                    description: self.description.clone(),
                })
            }
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// An organisation's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationProfile {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// URL key.
    pub slug: String,
    /// The record, as a form would post it (for the edit form too).
    pub input: OrganisationInput,
    /// The description rendered and sanitised.
    pub description_html: String,
    /// Seats on bodies the viewer may see.
    pub seats: Vec<SeatSummary>,
    /// Its people, for those who manage organisations; `None` for others.
    pub people: Option<Vec<PersonSummary>>,
}

/// An organisation's page.
#[server(endpoint = "get_organisation")]
pub async fn get_organisation(
    /// The partnership's URL key.
    partnership: String,
    /// The organisation's URL key.
    organisation: String,
) -> Result<OrganisationProfile, AppError> {
    crate::ssr::error::serve(imp::get_organisation(partnership, organisation)).await
}

/// Saves an organisation's record (secretariat of its partnership, or an operator). Audited
/// with the record before and after.
#[server(endpoint = "update_organisation")]
pub async fn update_organisation(
    /// The partnership's URL key.
    partnership: String,
    /// The organisation's URL key.
    organisation: String,
    /// The new values.
    input: OrganisationInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_organisation(partnership, organisation, input)).await
}

/// Registers a new organisation in the partnership (secretariat or operator). Audited.
#[server(endpoint = "create_organisation")]
pub async fn create_organisation(
    /// The partnership's URL key.
    partnership: String,
    /// The new organisation's URL key (lower-case letters, digits and hyphens).
    slug: String,
    /// Its record.
    input: OrganisationInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::create_organisation(partnership, slug, input)).await
}

/// A person as the people who manage their organisation see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProfile {
    /// Id.
    pub id: i64,
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The organisation's URL key.
    pub organisation_slug: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// Name.
    pub name: String,
    /// E-mail (the sign-in name; not editable here).
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// Phone.
    pub phone: String,
    /// Whether the account may sign in.
    pub is_active: bool,
    /// Whether the person staffs the partnership's secretariat.
    pub is_secretariat: bool,
    /// Whether the viewer may grant or revoke the secretariat role (operators).
    pub viewer_manages_roles: bool,
}

/// A person of an organisation of the partnership (secretariat or operator).
#[server(endpoint = "get_person")]
pub async fn get_person(
    /// The partnership's URL key.
    partnership: String,
    /// The person's id.
    person_id: i64,
) -> Result<PersonProfile, AppError> {
    crate::ssr::error::serve(imp::get_person(partnership, person_id)).await
}

/// Saves a person's name, job title, phone and whether they may sign in (secretariat or
/// operator). Deactivating ends their sessions. Audited.
#[server(endpoint = "update_person")]
pub async fn update_person(
    /// The partnership's URL key.
    partnership: String,
    /// The person's id.
    person_id: i64,
    /// Name.
    name: String,
    /// Job title.
    job_title: String,
    /// Phone.
    phone: String,
    /// `active` to keep the account usable; anything else (or absent) deactivates it.
    #[server(default)]
    status: Option<String>,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_person(
        partnership,
        person_id,
        name,
        job_title,
        phone,
        status.as_deref() == Some("active"),
    ))
    .await
}

/// Grants (`grant` = `yes`) or revokes the partnership's secretariat role. Operators only.
/// Audited as a role change.
#[server(endpoint = "set_secretariat_role")]
pub async fn set_secretariat_role(
    /// The partnership's URL key.
    partnership: String,
    /// The person's id.
    person_id: i64,
    /// `yes` to grant, anything else to revoke.
    grant: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::set_secretariat_role(
        partnership,
        person_id,
        grant == "yes",
    ))
    .await
}

/// Checks a URL key for a new record: 2 to 64 lower-case letters, digits and hyphens.
pub fn validate_new_slug(slug: &str) -> Result<String, AppError> {
    let slug = slug.trim().to_owned();
    let ok = (2..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(slug)
    } else {
        Err(AppError::invalid(
            "slug",
            "Use 2 to 64 lower-case letters, digits and hyphens, such as city-hospital.",
        ))
    }
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::validate_slug;
    use crate::domain::access::{Action, Resource};
    use crate::domain::records::GrantedRole;
    use crate::domain::{Timestamp, Tlp};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::{DbError, organisations as orgs, partnerships, people};
    use crate::ssr::markdown;
    use crate::ssr::state::AppState;
    use std::collections::HashMap;

    pub async fn get_organisation(
        partnership: String,
        organisation: String,
    ) -> Result<OrganisationProfile, AppError> {
        validate_slug(&partnership)?;
        validate_slug(&organisation)?;
        let viewer = Viewer::current().await?;
        let vis = viewer.visibility();
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let p = partnerships::find_partnership_by_slug(&mut tx, &partnership, vis)
            .await?
            .ok_or(AppError::NotFound)?;
        let record = orgs::find_organisation_record(&mut tx, p.id, &organisation)
            .await?
            .ok_or(AppError::NotFound)?;
        let councils = partnerships::list_councils(&mut tx, p.id, vis).await?;
        let groups = partnerships::list_working_groups(&mut tx, p.id, vis).await?;
        let seats = orgs::list_seats(&mut tx, record.id, vis.today).await?;
        let manages = viewer.can(
            Action::ManageOrganisations,
            &Resource::partnership(p.id, Tlp::Green),
        );
        let people = if manages {
            Some(orgs::list_people_of_organisation(&mut tx, record.id).await?)
        } else {
            None
        };
        tx.commit().await.map_err(DbError::from)?;

        // Only seats on bodies the viewer may see (those lists are filtered in SQL).
        let council_names: HashMap<i64, String> =
            councils.into_iter().map(|c| (c.id, c.name)).collect();
        let group_names: HashMap<i64, String> =
            groups.into_iter().map(|g| (g.id, g.name)).collect();
        let seats = seats
            .into_iter()
            .filter_map(|seat| {
                let (kind, names) = if seat.body_type == "council" {
                    ("Council", &council_names)
                } else {
                    ("Working group", &group_names)
                };
                names.get(&seat.body_id).map(|name| SeatSummary {
                    body_kind: kind.to_owned(),
                    body_name: name.clone(),
                    is_voting: seat.is_voting != 0,
                    since: seat.term_start.to_db_text(),
                })
            })
            .collect();
        Ok(OrganisationProfile {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            slug: record.slug,
            description_html: markdown::render(&record.description),
            input: OrganisationInput {
                name: record.name,
                short_name: record.short_name,
                kind: record.kind.code().to_owned(),
                side: record.side.code().to_owned(),
                size_class: record.size_class.code().to_owned(),
                country: record.country,
                segment: record.segment,
                website: record.website,
                description: record.description,
            },
            seats,
            people: people.map(|rows| {
                rows.into_iter()
                    .map(|p| PersonSummary {
                        id: p.id,
                        name: p.display_name,
                        email: p.email,
                        job_title: p.job_title,
                        has_account: p.has_password != 0,
                        is_active: p.is_active != 0,
                    })
                    .collect()
            }),
        })
    }

    /// The partnership, for a viewer who may manage its organisations.
    async fn managed_partnership(
        viewer: &Viewer,
        partnership: &str,
    ) -> Result<partnerships::PartnershipRow, AppError> {
        validate_slug(partnership)?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let p = partnerships::find_partnership_by_slug(&mut conn, partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::ManageOrganisations,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
        Ok(p)
    }

    pub async fn create_organisation(
        partnership: String,
        slug: String,
        input: OrganisationInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let p = managed_partnership(&viewer, &partnership).await?;
        let slug_result = validate_new_slug(&slug);
        let input_result = input.validate();
        let (slug, valid) = match (slug_result, input_result) {
            (Ok(slug), Ok(valid)) => (slug, valid),
            (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
                a.extend(b);
                return Err(AppError::Invalid(a));
            }
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        let state = AppState::current();
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let id = orgs::insert_organisation(
            &mut tx,
            orgs::NewOrganisation {
                partnership_id: p.id,
                slug: slug.clone(),
                fields: valid,
                created_at: now,
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(message) => AppError::invalid("name", message),
            other => other.into(),
        })?;
        let after = orgs::find_organisation_record(&mut tx, p.id, &slug)
            .await?
            .ok_or(AppError::Internal)?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "organisation", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/o/{slug}?saved=1", p.slug));
        Ok(())
    }

    /// The person, when they belong to an organisation of the partnership.
    async fn person_of(
        conn: &mut crate::ssr::db::Conn,
        partnership_id: i64,
        person_id: i64,
    ) -> Result<people::PersonRecord, AppError> {
        people::find_person_record(conn, person_id)
            .await?
            .filter(|p| p.partnership_id == Some(partnership_id))
            .ok_or(AppError::NotFound)
    }

    pub async fn get_person(
        partnership: String,
        person_id: i64,
    ) -> Result<PersonProfile, AppError> {
        let viewer = Viewer::current().await?;
        let p = managed_partnership(&viewer, &partnership).await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let person = person_of(&mut conn, p.id, person_id).await?;
        Ok(PersonProfile {
            id: person.id,
            partnership_slug: p.slug,
            organisation_slug: person.organisation_slug.unwrap_or_default(),
            organisation_name: person.organisation_name.unwrap_or_default(),
            name: person.display_name,
            email: person.email,
            job_title: person.job_title,
            phone: person.phone,
            is_active: person.is_active != 0,
            is_secretariat: person.is_secretariat != 0,
            viewer_manages_roles: viewer.can(
                Action::ManageAccounts,
                &Resource::partnership(p.id, Tlp::Green),
            ),
        })
    }

    pub async fn update_person(
        partnership: String,
        person_id: i64,
        name: String,
        job_title: String,
        phone: String,
        active: bool,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let p = managed_partnership(&viewer, &partnership).await?;
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut errors = crate::error::FieldErrors::new();
        if name.is_empty() || name.chars().count() > 200 {
            errors
                .entry("name".into())
                .or_default()
                .push("Enter the person's name (1 to 200 characters).".into());
        }
        if job_title.chars().count() > 200 {
            errors
                .entry("job_title".into())
                .or_default()
                .push("The job title can have at most 200 characters.".into());
        }
        if phone.chars().count() > 40 || phone.chars().any(|c| c.is_control()) {
            errors
                .entry("phone".into())
                .or_default()
                .push("Enter a phone number of at most 40 characters.".into());
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        if !active && viewer.actor().person_id == Some(person_id) {
            return Err(AppError::invalid(
                "status",
                "You cannot deactivate your own account.",
            ));
        }
        let state = AppState::current();
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let before = person_of(&mut tx, p.id, person_id).await?;
        people::update_person(
            &mut tx,
            people::PersonEdit {
                id: person_id,
                display_name: name,
                job_title: job_title.trim().to_owned(),
                phone: phone.trim().to_owned(),
                is_active: active,
                updated_at: now,
            },
        )
        .await?;
        if !active {
            crate::ssr::db::sessions::delete_sessions_of_person(&mut tx, person_id).await?;
        }
        let after = person_of(&mut tx, p.id, person_id).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "person", Some(person_id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/people/{person_id}?saved=1", p.slug));
        Ok(())
    }

    pub async fn set_secretariat_role(
        partnership: String,
        person_id: i64,
        grant: bool,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        validate_slug(&partnership)?;
        let state = AppState::current();
        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let p = partnerships::find_partnership_by_slug(&mut tx, &partnership, viewer.visibility())
            .await?
            .ok_or(AppError::NotFound)?;
        viewer.authorize(
            Action::ManageAccounts,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
        let person = person_of(&mut tx, p.id, person_id).await?;
        let had = person.is_secretariat != 0;
        if grant && !had {
            people::insert_role_grant(
                &mut tx,
                people::NewRoleGrant {
                    person_id,
                    partnership_id: p.id,
                    council_id: None,
                    role: GrantedRole::Secretariat,
                    granted_at: now,
                    created_at: now,
                },
            )
            .await?;
        } else if !grant && had {
            people::revoke_role_grants(&mut tx, person_id, p.id, GrantedRole::Secretariat, now)
                .await?;
        }
        if grant != had {
            audit::record(
                &mut tx,
                AuditEvent::new("role_change", "person", Some(person_id))
                    .by_viewer(&viewer)
                    .in_partnership(p.id)
                    .before(serde_json::json!({ "secretariat": had }))
                    .after(serde_json::json!({ "secretariat": grant })),
            )
            .await?;
        }
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/people/{person_id}?saved=1", p.slug));
        Ok(())
    }

    pub async fn update_organisation(
        partnership: String,
        organisation: String,
        input: OrganisationInput,
    ) -> Result<(), AppError> {
        validate_slug(&partnership)?;
        validate_slug(&organisation)?;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut conn = state.db.pool().acquire().await.map_err(DbError::from)?;
        let p =
            partnerships::find_partnership_by_slug(&mut conn, &partnership, viewer.visibility())
                .await?
                .ok_or(AppError::NotFound)?;
        drop(conn);
        viewer.authorize(
            Action::ManageOrganisations,
            &Resource::partnership(p.id, Tlp::Green),
        )?;
        let valid = input.validate()?;

        let now = Timestamp::now();
        let mut tx = state.db.begin_write().await?;
        let before = orgs::find_organisation_record(&mut tx, p.id, &organisation)
            .await?
            .ok_or(AppError::NotFound)?;
        orgs::update_organisation(
            &mut tx,
            orgs::OrganisationEdit {
                id: before.id,
                fields: valid,
                updated_at: now,
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict(message) => AppError::invalid("name", message),
            other => other.into(),
        })?;
        let after = orgs::find_organisation_record(&mut tx, p.id, &organisation)
            .await?
            .ok_or(AppError::NotFound)?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "organisation", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(audit::snapshot(&before)?)
                .after(audit::snapshot(&after)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("/p/{}/o/{}?saved=1", p.slug, after.slug));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> OrganisationInput {
        OrganisationInput {
            name: " Lakeview Health System ".into(),
            short_name: "Lakeview".into(),
            kind: "healthcare_provider".into(),
            side: "private".into(),
            size_class: "large".into(),
            country: "us".into(),
            segment: "Direct patient care".into(),
            website: "https://lakeview.example".into(),
            description: "A *regional* system.".into(),
        }
    }

    #[test]
    fn a_good_organisation_is_normalised() {
        let valid = good().validate().expect("valid");
        assert_eq!(valid.name, "Lakeview Health System");
        assert_eq!(valid.country, "US");
        assert_eq!(valid.kind, OrganisationKind::HealthcareProvider);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let bad = OrganisationInput {
            name: String::new(),
            kind: "spaceship".into(),
            side: "both".into(),
            size_class: "huge".into(),
            country: "USA".into(),
            website: "javascript:alert(1)".into(),
            ..good()
        };
        let Err(AppError::Invalid(fields)) = bad.validate() else {
            panic!("expected field errors")
        };
        for field in ["name", "kind", "side", "size_class", "country", "website"] {
            assert!(fields.contains_key(field), "{field}: {fields:?}");
        }
        assert!(!fields.contains_key("short_name"));
    }
}
