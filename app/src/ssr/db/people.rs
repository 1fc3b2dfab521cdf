//! People (accounts) and the roles granted to them explicitly. Sessions and sign-in live in
//! `ssr::auth`; the other roles follow from seats and terms and are never stored here.

use super::{Conn, DbError, conflict_on_constraint};
use crate::domain::Timestamp;
use crate::domain::records::GrantedRole;

/// A person to create.
#[derive(Clone, Debug)]
pub struct NewPerson {
    /// Their organisation; `None` only for a platform operator.
    pub organisation_id: Option<i64>,
    /// Name as shown to others.
    pub display_name: String,
    /// Sign-in name, lower case.
    pub email: String,
    /// Job title (may be empty).
    pub job_title: String,
    /// Phone (may be empty).
    pub phone: String,
    /// Argon2id PHC string; `None` until the person sets a password.
    pub password_hash: Option<String>,
    /// Platform operator.
    pub is_admin: bool,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Creates a person and returns their id.
pub async fn insert_person(conn: &mut Conn, new: NewPerson) -> Result<i64, DbError> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO people
            (organisation_id, display_name, email, job_title, phone, password_hash, is_admin,
             is_active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)
         RETURNING id",
    )
    .bind(new.organisation_id)
    .bind(new.display_name)
    .bind(new.email)
    .bind(new.job_title)
    .bind(new.phone)
    .bind(new.password_hash)
    .bind(i64::from(new.is_admin))
    .bind(new.created_at)
    .fetch_one(conn)
    .await
    .map_err(|e| conflict_on_constraint(e, "an account with this e-mail address already exists"))
}

/// A person as needed to sign in and to decide what they may do.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PersonRow {
    /// Primary key.
    pub id: i64,
    /// Their organisation; `None` for a platform operator.
    pub organisation_id: Option<i64>,
    /// Name as shown to others.
    pub display_name: String,
    /// Sign-in name.
    pub email: String,
    /// Argon2id PHC string, if a password is set.
    pub password_hash: Option<String>,
    /// 1 for a platform operator.
    pub is_admin: i64,
    /// 0 when the account is disabled.
    pub is_active: i64,
}

/// The person with this e-mail address (compared in lower case), if any.
pub async fn find_person_by_email(
    conn: &mut Conn,
    email: &str,
) -> Result<Option<PersonRow>, DbError> {
    let row = sqlx::query_as::<_, PersonRow>(
        "SELECT id, organisation_id, display_name, email, password_hash, is_admin, is_active
         FROM people
         WHERE email = $1",
    )
    .bind(email.trim().to_lowercase())
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A role to grant: for the whole partnership, or for one council of it.
#[derive(Clone, Debug)]
pub struct NewRoleGrant {
    /// Who receives the role.
    pub person_id: i64,
    /// The partnership the role is held in.
    pub partnership_id: i64,
    /// The council, for a council-scoped role; `None` for the whole partnership.
    pub council_id: Option<i64>,
    /// The role.
    pub role: GrantedRole,
    /// When the role was granted.
    pub granted_at: Timestamp,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Grants a role and returns the grant's id.
pub async fn insert_role_grant(conn: &mut Conn, new: NewRoleGrant) -> Result<i64, DbError> {
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO role_grants
            (person_id, partnership_id, council_id, role, granted_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         RETURNING id",
    )
    .bind(new.person_id)
    .bind(new.partnership_id)
    .bind(new.council_id)
    .bind(new.role)
    .bind(new.granted_at)
    .bind(new.created_at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A person's record as those who manage their organisation see it.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize)]
pub struct PersonRecord {
    /// Primary key.
    pub id: i64,
    /// Their organisation.
    pub organisation_id: Option<i64>,
    /// The organisation's partnership.
    pub partnership_id: Option<i64>,
    /// The organisation's URL key.
    pub organisation_slug: Option<String>,
    /// The organisation's name.
    pub organisation_name: Option<String>,
    /// Name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// Job title.
    pub job_title: String,
    /// Phone.
    pub phone: String,
    /// 1 when active.
    pub is_active: i64,
    /// 1 when the person staffs the partnership's secretariat.
    pub is_secretariat: i64,
}

/// One person, with their organisation and whether they hold the secretariat role of its
/// partnership.
pub async fn find_person_record(
    conn: &mut Conn,
    person_id: i64,
) -> Result<Option<PersonRecord>, DbError> {
    let row = sqlx::query_as::<_, PersonRecord>(
        "SELECT p.id, p.organisation_id, o.partnership_id, o.slug AS organisation_slug,
                o.name AS organisation_name, p.display_name, p.email, p.job_title, p.phone, p.is_active,
                CASE WHEN EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id
                                  AND g.partnership_id = o.partnership_id AND g.role = 'secretariat'
                                  AND g.council_id IS NULL AND g.revoked_at IS NULL)
                     THEN 1 ELSE 0 END AS is_secretariat
         FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = $1",
    )
    .bind(person_id)
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// New values for a person's record.
#[derive(Clone, Debug)]
pub struct PersonEdit {
    /// The person.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// Job title.
    pub job_title: String,
    /// Phone.
    pub phone: String,
    /// Whether the account may sign in.
    pub is_active: bool,
    /// Now.
    pub updated_at: Timestamp,
}

/// Saves a person's record; `NotFound` when they do not exist.
pub async fn update_person(conn: &mut Conn, edit: PersonEdit) -> Result<(), DbError> {
    let done = sqlx::query(
        "UPDATE people SET display_name = $2, job_title = $3, phone = $4, is_active = $5, updated_at = $6
         WHERE id = $1",
    )
    .bind(edit.id)
    .bind(edit.display_name)
    .bind(edit.job_title)
    .bind(edit.phone)
    .bind(i64::from(edit.is_active))
    .bind(edit.updated_at)
    .execute(conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DbError::NotFound)
    }
}

/// Revokes a person's partnership-wide grants of `role`; returns how many were revoked.
pub async fn revoke_role_grants(
    conn: &mut Conn,
    person_id: i64,
    partnership_id: i64,
    role: GrantedRole,
    now: Timestamp,
) -> Result<u64, DbError> {
    let done = sqlx::query(
        "UPDATE role_grants SET revoked_at = $4, updated_at = $4
         WHERE person_id = $1 AND partnership_id = $2 AND role = $3 AND council_id IS NULL
           AND revoked_at IS NULL",
    )
    .bind(person_id)
    .bind(partnership_id)
    .bind(role)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// A person of one of a partnership's organisations, for the pickers of roster forms.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PartnershipPersonRow {
    /// Primary key.
    pub id: i64,
    /// Name.
    pub display_name: String,
    /// Job title.
    pub job_title: String,
    /// Their organisation.
    pub organisation_id: i64,
    /// The organisation's name.
    pub organisation_name: String,
}

/// The active people of every organisation of a partnership, by organisation and name.
pub async fn list_people_of_partnership(
    conn: &mut Conn,
    partnership_id: i64,
) -> Result<Vec<PartnershipPersonRow>, DbError> {
    let rows = sqlx::query_as::<_, PartnershipPersonRow>(
        "SELECT p.id, p.display_name, p.job_title, o.id AS organisation_id, o.name AS organisation_name
         FROM people p JOIN organisations o ON o.id = p.organisation_id
         WHERE o.partnership_id = $1 AND p.is_active = 1
         ORDER BY lower(o.name), o.id, lower(p.display_name), p.id",
    )
    .bind(partnership_id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
