//! Organisations of a partnership: the public profile (what it is, where it sits) and, for
//! the secretariat and operators, editing the record and seeing its people.

use crate::domain::partnership::{OrganisationKind, Side, SizeClass};
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

/// An organisation's input, checked: every problem reported against its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidOrganisation {
    /// Name, trimmed.
    pub name: String,
    /// Short name, trimmed.
    pub short_name: String,
    /// Kind.
    pub kind: OrganisationKind,
    /// Side.
    pub side: Side,
    /// Size class.
    pub size_class: SizeClass,
    /// Upper-case country code.
    pub country: String,
    /// Segment, trimmed.
    pub segment: String,
    /// Web site, trimmed.
    pub website: String,
    /// Description.
    pub description: String,
}

impl OrganisationInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidOrganisation, AppError> {
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
                Ok(ValidOrganisation {
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
    imp::get_organisation(partnership, organisation)
        .await
        .map_err(crate::ssr::error::respond_with)
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
    imp::update_organisation(partnership, organisation, input)
        .await
        .map_err(crate::ssr::error::respond_with)
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::validate_slug;
    use crate::domain::access::{Action, Resource};
    use crate::domain::{Timestamp, Tlp};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::{DbError, organisations as orgs, partnerships};
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
                name: valid.name,
                short_name: valid.short_name,
                kind: valid.kind,
                side: valid.side,
                size_class: valid.size_class,
                country: valid.country,
                segment: valid.segment,
                website: valid.website,
                description: valid.description,
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
                .by(
                    viewer.actor().person_id,
                    format!("person #{}", viewer.actor().person_id.unwrap_or_default()),
                )
                .in_partnership(p.id)
                .before(serde_json::to_value(&before).map_err(|_| AppError::Internal)?)
                .after(serde_json::to_value(&after).map_err(|_| AppError::Internal)?),
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
