//! The facts behind authorisation: who a person is in the partnership (organisation,
//! grants, chairs, convenerships, seats, co-authorships), read in two queries.

use super::{Conn, DbError};
use crate::domain::Date;
use crate::domain::access::Actor;

#[derive(sqlx::FromRow)]
struct PersonFacts {
    id: i64,
    is_admin: i64,
    organisation_id: Option<i64>,
    partnership_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Fact {
    kind: String,
    id: i64,
}

/// The actor for an active person on `today`, or `None` for an unknown or deactivated one.
pub async fn load_actor(
    conn: &mut Conn,
    person_id: i64,
    today: Date,
) -> Result<Option<Actor>, DbError> {
    let Some(person) = sqlx::query_as::<_, PersonFacts>(
        "SELECT p.id, p.is_admin, p.organisation_id, o.partnership_id
         FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
         WHERE p.id = $1 AND p.is_active = 1",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    // One round trip for every relation, tagged by kind.
    let facts = sqlx::query_as::<_, Fact>(
        "SELECT 'secretariat_partnership' AS kind, g.partnership_id AS id FROM role_grants g
           WHERE g.person_id = $1 AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL
         UNION ALL
         SELECT 'secretariat_council', g.council_id FROM role_grants g
           WHERE g.person_id = $1 AND g.role = 'secretariat' AND g.council_id IS NOT NULL AND g.revoked_at IS NULL
         UNION ALL
         SELECT 'chair', c.id FROM councils c WHERE c.chair_person_id = $1
         UNION ALL
         SELECT 'convener', cv.working_group_id FROM working_group_conveners cv
           WHERE cv.person_id = $1 AND cv.term_start <= $3 AND (cv.term_end IS NULL OR cv.term_end >= $3)
         UNION ALL
         SELECT 'council_seat', m.council_id FROM council_memberships m
           WHERE m.organisation_id = $2 AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)
         UNION ALL
         SELECT 'council_representative', m.council_id FROM council_memberships m
           WHERE (m.principal_person_id = $1 OR m.alternate_person_id = $1)
             AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)
         UNION ALL
         SELECT 'group_seat', m.working_group_id FROM working_group_memberships m
           WHERE m.organisation_id = $2 AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)
         UNION ALL
         SELECT 'group_representative', m.working_group_id FROM working_group_memberships m
           WHERE (m.principal_person_id = $1 OR m.alternate_person_id = $1) AND m.is_voting = 1
             AND m.term_start <= $3 AND (m.term_end IS NULL OR m.term_end >= $3)
         UNION ALL
         SELECT 'plan_editor', e.plan_version_id FROM plan_version_editors e WHERE e.person_id = $1",
    )
    .bind(person.id)
    .bind(person.organisation_id.unwrap_or(-1))
    .bind(today)
    .fetch_all(&mut *conn)
    .await?;

    let mut actor = Actor {
        person_id: Some(person.id),
        is_admin: person.is_admin != 0,
        organisation_id: person.organisation_id,
        member_of_partnership: person.partnership_id,
        ..Actor::default()
    };
    for fact in facts {
        let list = match fact.kind.as_str() {
            "secretariat_partnership" => &mut actor.secretariat_of_partnerships,
            "secretariat_council" => &mut actor.secretariat_of_councils,
            "chair" => &mut actor.chair_of_councils,
            "convener" => &mut actor.convener_of_groups,
            "council_seat" => &mut actor.organisation_in_councils,
            "council_representative" => &mut actor.representative_in_councils,
            "group_seat" => &mut actor.organisation_in_groups,
            "group_representative" => &mut actor.representative_in_groups,
            "plan_editor" => &mut actor.editor_of_plan_versions,
            other => return Err(DbError::Corrupt(["unknown access fact ", other].concat())),
        };
        if !list.contains(&fact.id) {
            list.push(fact.id);
        }
    }
    Ok(Some(actor))
}
