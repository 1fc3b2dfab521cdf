//! Who is looking, and what they may do: the one place where the server applies the
//! authorisation rule of `domain::access`.
//!
//! Server functions and pages call [`Viewer::current`], then [`Viewer::authorize`] for an
//! action or pass [`Viewer::visibility`] to the database layer, whose list queries filter by
//! TLP inside the SQL with the same rule as [`crate::domain::access::can_see`] (an
//! integration test checks that both agree on the demo data).

use crate::domain::access::{Action, Actor, Resource, can};
use crate::domain::{Date, Timestamp};
use crate::error::AppError;
use crate::ssr::db::{self, Database, DbError};
use crate::ssr::state::AppState;

/// The person behind a request (or the public), with the facts authorisation needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    actor: Actor,
}

/// The facts the SQL visibility filters bind. Absent facts are -1, which matches no row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visibility {
    /// The signed-in person, or -1.
    pub person_id: i64,
    /// Their organisation, or -1.
    pub organisation_id: i64,
    /// The partnership they are a member of, or -1.
    pub member_of_partnership: i64,
    /// 1 for a platform operator (reads everything but TLP:RED it is not named on).
    pub is_admin: i64,
    /// Today, for terms and seats.
    pub today: Date,
}

impl Viewer {
    /// The signed-out public.
    pub fn public() -> Self {
        Self {
            actor: Actor::public(),
        }
    }

    /// A viewer with these facts (for tests and background jobs).
    pub fn from_actor(actor: Actor) -> Self {
        Self { actor }
    }

    /// The viewer of the current request: the signed-in person's facts, read from the
    /// database, or the public.
    pub async fn current() -> Result<Self, AppError> {
        let Some(person_id) = crate::ssr::auth::signed_in_person_id().await else {
            return Ok(Self::public());
        };
        let state = AppState::current();
        for_person(&state.db, Some(person_id)).await
    }

    /// The facts.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Whether a person is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.actor.person_id.is_some()
    }

    /// The bindings for SQL visibility filters.
    pub fn visibility(&self) -> Visibility {
        Visibility {
            person_id: self.actor.person_id.unwrap_or(-1),
            organisation_id: self.actor.organisation_id.unwrap_or(-1),
            member_of_partnership: self.actor.member_of_partnership.unwrap_or(-1),
            is_admin: i64::from(self.actor.is_admin),
            today: Timestamp::now().date(),
        }
    }

    /// Whether the viewer may do `action` to `resource`.
    pub fn can(&self, action: Action, resource: &Resource) -> bool {
        can(&self.actor, action, resource)
    }

    /// `Ok` when allowed; otherwise `Unauthenticated` for the public (sign in first) and
    /// `Forbidden` for a signed-in person.
    pub fn authorize(&self, action: Action, resource: &Resource) -> Result<(), AppError> {
        if self.can(action, resource) {
            Ok(())
        } else if self.is_signed_in() {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::Unauthenticated)
        }
    }
}

/// The viewer for a person signed in on a request handled outside Leptos (e.g. an export
/// handler that read the session itself), or the public for `None`.
pub async fn for_person(database: &Database, person_id: Option<i64>) -> Result<Viewer, AppError> {
    let Some(person_id) = person_id else {
        return Ok(Viewer::public());
    };
    let mut conn = database.pool().acquire().await.map_err(DbError::from)?;
    let today = Timestamp::now().date();
    Ok(
        match db::access::load_actor(&mut conn, person_id, today).await? {
            Some(actor) => Viewer { actor },
            // A session of a deleted or deactivated account counts for nothing.
            None => Viewer::public(),
        },
    )
}

/// The current viewer, who must be a platform operator.
pub async fn require_admin() -> Result<Viewer, AppError> {
    let viewer = Viewer::current().await?;
    match (viewer.is_signed_in(), viewer.actor.is_admin) {
        (_, true) => Ok(viewer),
        (true, false) => Err(AppError::Forbidden),
        (false, false) => Err(AppError::Unauthenticated),
    }
}

/// The current viewer, who must be signed in.
pub async fn require_signed_in() -> Result<Viewer, AppError> {
    let viewer = Viewer::current().await?;
    if viewer.is_signed_in() {
        Ok(viewer)
    } else {
        Err(AppError::Unauthenticated)
    }
}
