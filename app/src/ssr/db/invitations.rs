//! Invitations to join an organisation of a partnership. Only the SHA-256 of a link's token
//! is stored.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::Timestamp;

/// An invitation to record.
#[derive(Clone, Debug)]
pub struct NewInvitation {
    /// The partnership.
    pub partnership_id: i64,
    /// The organisation the person will belong to.
    pub organisation_id: i64,
    /// Their address, lower case.
    pub email: String,
    /// Their name as the secretariat typed it.
    pub display_name: String,
    /// SHA-256 (hex) of the link's token.
    pub token_hash: String,
    /// Who invited.
    pub invited_by_person_id: Option<i64>,
    /// When the link stops working.
    pub expires_at: Timestamp,
    /// Now.
    pub created_at: Timestamp,
}

/// Records an invitation, revoking any earlier open one for the same address. Returns its id.
pub async fn insert_invitation(conn: &mut Conn, new: NewInvitation) -> Result<i64, DbError> {
    sqlx::query(
        "UPDATE invitations SET revoked_at = $2, updated_at = $2
         WHERE email = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(&new.email)
    .bind(new.created_at)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO invitations
            (partnership_id, organisation_id, email, display_name, token_hash, invited_by_person_id,
             expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         RETURNING id",
    )
    .bind(new.partnership_id)
    .bind(new.organisation_id)
    .bind(new.email)
    .bind(new.display_name)
    .bind(new.token_hash)
    .bind(new.invited_by_person_id)
    .bind(new.expires_at)
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| {
        conflict_on_constraint(e, "an invitation for this address was just sent; try again")
    })
}

/// An invitation that can still be accepted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenInvitationRow {
    /// Primary key.
    pub id: i64,
    /// The partnership.
    pub partnership_id: i64,
    /// The organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
    /// The invited address.
    pub email: String,
    /// The invited name.
    pub display_name: String,
    /// When the link stops working.
    pub expires_at: Timestamp,
}

/// The open (not accepted, not revoked, not expired at `now`) invitation with this token
/// hash.
pub async fn find_open_invitation(
    conn: &mut Conn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<OpenInvitationRow>, DbError> {
    let row = sqlx::query_as::<_, OpenInvitationRow>(
        "SELECT i.id, i.partnership_id, i.organisation_id, o.name AS organisation_name, i.email,
                i.display_name, i.expires_at
         FROM invitations i JOIN organisations o ON o.id = i.organisation_id
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
           AND i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Marks an open invitation accepted by `person_id`; `NotFound` when it was accepted or
/// revoked meanwhile (so a link works once, even under concurrent clicks).
pub async fn mark_invitation_accepted(
    conn: &mut Conn,
    invitation_id: i64,
    person_id: i64,
    now: Timestamp,
) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE invitations SET accepted_at = $3, accepted_person_id = $2, updated_at = $3
         WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
    )
    .bind(invitation_id)
    .bind(person_id)
    .bind(now)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}
