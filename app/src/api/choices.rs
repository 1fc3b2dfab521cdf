//! What the pickers of management forms offer: the organisations of a partnership and
//! their people. Loaded only for viewers who may manage the page they are on.

use crate::domain::partnership::Side;
use serde::{Deserialize, Serialize};

/// An organisation to choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationChoice {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Public, private or non-profit.
    pub side: Side,
}

/// A person to choose, with their organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Job title (may be empty).
    pub job_title: String,
    /// Their organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
}

/// The organisations and people of a partnership.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// Organisations by name.
    pub organisations: Vec<OrganisationChoice>,
    /// Active people by organisation and name.
    pub people: Vec<PersonChoice>,
}

impl Choices {
    /// The organisations as `(id, "Name (side)")` options.
    pub fn organisation_options(&self) -> Vec<(String, String)> {
        self.organisations
            .iter()
            .map(|o| {
                (
                    o.id.to_string(),
                    format!("{} ({})", o.name, o.side.label().to_lowercase()),
                )
            })
            .collect()
    }
}

/// Loads the choices of a partnership (two queries).
#[cfg(feature = "ssr")]
pub async fn load(
    conn: &mut crate::ssr::db::Conn,
    partnership_id: i64,
) -> Result<Choices, crate::ssr::db::DbError> {
    use crate::ssr::db::{partnerships, people};
    let organisations = partnerships::list_organisations(
        conn,
        partnership_id,
        "",
        crate::api::partnerships::ORGANISATION_LIST_LIMIT,
    )
    .await?;
    let persons = people::list_people_of_partnership(conn, partnership_id).await?;
    Ok(Choices {
        organisations: organisations
            .into_iter()
            .map(|o| OrganisationChoice {
                id: o.id,
                name: o.name,
                side: o.side,
            })
            .collect(),
        people: persons
            .into_iter()
            .map(|p| PersonChoice {
                id: p.id,
                name: p.display_name,
                job_title: p.job_title,
                organisation_id: p.organisation_id,
                organisation_name: p.organisation_name,
            })
            .collect(),
    })
}
