//! Full-text search over plan content (sections, goals, objectives), commitments and
//! motions: one query per backend, ranked, paged, with highlighted titles and snippets, and
//! filtered by who may see what inside the SQL.
//!
//! The index is `search_documents` (migration `20261207000007_search`), kept in step with its
//! source tables by triggers: FTS5 (`search_fts`, ranked by `bm25`) on SQLite, a weighted
//! `tsvector` with a GIN index (ranked by `ts_rank`) on PostgreSQL. The two queries differ only
//! in how they match, rank and mark; what the viewer may see is one piece of SQL,
//! [`visible_page!`], shared by both. Matches are marked with `domain::search::MARK_START`
//! and `MARK_END` (`char(2)` / `chr(2)` and 3), which `domain::search::segments` reads.
//!
//! Who may see a hit is decided as on the record's own page:
//! - the TLP rule of `domain::access::can_see`, for the record, its partnership, and for plan
//!   content its version and (objectives) its goal, each with its own label, owner, owning
//!   body and TLP:RED recipients;
//! - a version's status as `api::plan_content::may_read_version` reads it (published and
//!   superseded for everyone allowed by the label; in review for members and the
//!   secretariat; drafts and adopted versions for the secretariat and invited co-authors);
//! - a draft motion only for those who may draft in its group (conveners, the secretariat).
//!
//! `server/tests/search.rs` checks that the SQL agrees with those Rust rules for every demo
//! account on both databases.

use super::{Backend, Conn, DbError};
use crate::domain::plan::PlanVersionStatus;
use crate::domain::records::RecordType;
use crate::domain::search::SearchTerms;
use crate::domain::{Timestamp, Tlp};
use crate::ssr::access::Visibility;

/// The visibility filter and the page, shared by both backends. It follows a CTE
/// `hits (id, score)` (the matching documents, a lower score ranking first) and defines
/// `page (id, score)`: the visible hits of the page, best first.
///
/// Binds: `$1` person, `$2` organisation, `$3` partnership of membership, `$4` admin flag,
/// `$5` today (the viewer's [`Visibility`], as in every TLP filter of this layer); `$7` a
/// partnership to search in (-1 for all), `$8` limit, `$9` offset.
///
/// `facts` lists every record that must be visible for a hit to be shown; `checked` applies
/// the TLP rule to each (a NULL, e.g. from a missing owner, counts as not visible); `visible`
/// keeps the hits whose facts are all there and all visible, so that a missing fact fails
/// closed. A `macro_rules!` literal, so that the SQL stays a literal.
macro_rules! visible_page {
    () => {
        ",
        facts (hit_id, partnership_id, council_id, working_group_id, owner_id, tlp, record_type, record_id) AS (
            -- the record; plan content and commitments belong to the working group that
            -- adopts the plan, a motion to its group and that group's council
            SELECT d.id, d.partnership_id, w.council_id, COALESCE(d.working_group_id, pl.working_group_id),
                   d.owner_organisation_id, d.tlp, d.kind, d.record_id
            FROM hits h
            JOIN search_documents d ON d.id = h.id
            LEFT JOIN plans pl ON pl.partnership_id = d.partnership_id
            LEFT JOIN working_groups w ON w.id = d.working_group_id
            UNION ALL
            -- its partnership
            SELECT d.id, p.id, NULL, NULL, NULL, p.tlp, 'partnership', p.id
            FROM hits h
            JOIN search_documents d ON d.id = h.id
            JOIN partnerships p ON p.id = d.partnership_id
            UNION ALL
            -- the version of plan content
            SELECT d.id, pl.partnership_id, NULL, pl.working_group_id, NULL, v.tlp, 'plan_version', v.id
            FROM hits h
            JOIN search_documents d ON d.id = h.id
            JOIN plan_versions v ON v.id = d.plan_version_id
            JOIN plans pl ON pl.id = v.plan_id
            UNION ALL
            -- the goal of an objective
            SELECT d.id, pl.partnership_id, NULL, pl.working_group_id, g.owner_organisation_id, g.tlp, 'goal', g.id
            FROM hits h
            JOIN search_documents d ON d.id = h.id
            JOIN goals g ON g.id = d.goal_id
            JOIN plan_versions v ON v.id = g.plan_version_id
            JOIN plans pl ON pl.id = v.plan_id
        ),
        checked (hit_id, ok) AS (
            SELECT c.hit_id,
                   CASE WHEN c.tlp = 'clear' OR ($4 = 1 AND c.tlp <> 'red')
                        OR (c.partnership_id = $3 AND (c.tlp = 'green'
                            OR (c.tlp IN ('amber', 'amber_strict') AND c.owner_id = $2)
                            OR (c.tlp = 'amber' AND (
                                EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = c.partnership_id
                                    AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                                OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.council_id = c.council_id
                                    AND g.role = 'secretariat' AND g.revoked_at IS NULL)
                                OR EXISTS (SELECT 1 FROM councils co WHERE co.id = c.council_id AND co.chair_person_id = $1)
                                OR EXISTS (SELECT 1 FROM council_memberships m WHERE m.council_id = c.council_id
                                    AND m.organisation_id = $2 AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))
                                OR EXISTS (SELECT 1 FROM working_group_memberships m WHERE m.working_group_id = c.working_group_id
                                    AND m.organisation_id = $2 AND m.term_start <= $5 AND (m.term_end IS NULL OR m.term_end >= $5))
                                OR EXISTS (SELECT 1 FROM working_group_conveners cv WHERE cv.working_group_id = c.working_group_id
                                    AND cv.person_id = $1 AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5))))))
                        OR (c.tlp = 'red' AND EXISTS (SELECT 1 FROM tlp_red_recipients r
                            WHERE r.record_type = c.record_type AND r.record_id = c.record_id AND r.person_id = $1))
                   THEN 1 ELSE 0 END
            FROM facts c
        ),
        visible (id) AS (
            SELECT k.hit_id
            FROM checked k
            JOIN search_documents d ON d.id = k.hit_id
            GROUP BY k.hit_id, d.kind
            HAVING MIN(k.ok) = 1
               AND COUNT(*) = CASE d.kind WHEN 'objective' THEN 4 WHEN 'plan_section' THEN 3 WHEN 'goal' THEN 3 ELSE 2 END
        ),
        page (id, score) AS (
            SELECT h.id, h.score
            FROM hits h
            JOIN visible ok ON ok.id = h.id
            JOIN search_documents d ON d.id = h.id
            LEFT JOIN plan_versions v ON v.id = d.plan_version_id
            WHERE ($7 = -1 OR d.partnership_id = $7)
              -- a version's status, as api::plan_content::may_read_version reads it
              AND (d.plan_version_id IS NULL
                   OR v.status IN ('published', 'superseded')
                   OR (v.status = 'in_review' AND (d.partnership_id = $3
                       OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = d.partnership_id
                           AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)))
                   OR (v.status IN ('draft', 'adopted') AND (
                       EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = d.partnership_id
                           AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                       OR (d.partnership_id = $3 AND EXISTS (SELECT 1 FROM plan_version_editors e
                           WHERE e.plan_version_id = d.plan_version_id AND e.person_id = $1)))))
              -- a draft motion only for those who may draft in its group
              AND (d.kind <> 'motion' OR d.status <> 'draft'
                   OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = $1 AND g.partnership_id = d.partnership_id
                       AND g.role = 'secretariat' AND g.council_id IS NULL AND g.revoked_at IS NULL)
                   OR EXISTS (SELECT 1 FROM working_group_conveners cv WHERE cv.working_group_id = d.working_group_id
                       AND cv.person_id = $1 AND cv.term_start <= $5 AND (cv.term_end IS NULL OR cv.term_end >= $5)))
            ORDER BY h.score, h.id
            LIMIT $8 OFFSET $9
        ) "
    };
}

/// The columns of [`SearchRow`] but the marked title and snippet, for the page `pg`.
macro_rules! hit_columns {
    () => {
        "SELECT d.kind, d.record_id, d.tlp, d.status, p.slug AS partnership_slug,
                p.short_name AS partnership_name, v.number AS version_number,
                v.status AS version_status, s.key AS section_key, g.number AS goal_number,
                ob.number AS objective_number, o.name AS organisation_name, w.name AS group_name,
                d.updated_at, "
    };
}

/// The joins that [`hit_columns!`] reads, from the page `pg`.
macro_rules! hit_joins {
    () => {
        " JOIN search_documents d ON d.id = pg.id
          JOIN partnerships p ON p.id = d.partnership_id
          LEFT JOIN plan_versions v ON v.id = d.plan_version_id
          LEFT JOIN plan_sections s ON d.kind = 'plan_section' AND s.id = d.record_id
          LEFT JOIN goals g ON g.id = CASE d.kind WHEN 'goal' THEN d.record_id ELSE d.goal_id END
          LEFT JOIN objectives ob ON d.kind = 'objective' AND ob.id = d.record_id
          LEFT JOIN organisations o ON d.kind = 'commitment' AND o.id = d.owner_organisation_id
          LEFT JOIN working_groups w ON w.id = d.working_group_id "
    };
}

/// SQLite: FTS5 `MATCH` on a quoted-terms expression (`$6`), `bm25` with titles weighing
/// four times the body, `highlight` of the title and `snippet` of the body for the page only.
const SQLITE_SEARCH: &str = concat!(
    "WITH hits (id, score) AS (
         SELECT search_fts.rowid, bm25(search_fts, 4.0, 1.0)
         FROM search_fts
         WHERE search_fts MATCH $6
     )",
    visible_page!(),
    hit_columns!(),
    "highlight(search_fts, 0, char(2), char(3)) AS title_marked,
     snippet(search_fts, 1, char(2), char(3), '…', 24) AS snippet_marked
     FROM search_fts
     JOIN page pg ON pg.id = search_fts.rowid",
    hit_joins!(),
    "WHERE search_fts MATCH $6
     ORDER BY pg.score, pg.id"
);

/// PostgreSQL: `plainto_tsquery` of the words (`$6`, no operators read), `ts_rank` (negated,
/// so that lower ranks first as with `bm25`) over title (weight A) and body (weight B),
/// `ts_headline` for the page only.
const POSTGRES_SEARCH: &str = concat!(
    "WITH terms (q) AS (
         SELECT plainto_tsquery('english', $6)
     ),
     hits (id, score) AS (
         SELECT d.id, -ts_rank(d.document, terms.q)
         FROM search_documents d CROSS JOIN terms
         WHERE d.document @@ terms.q
     )",
    visible_page!(),
    hit_columns!(),
    "ts_headline('english', d.title, terms.q,
                 'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS title_marked,
     ts_headline('english', d.body, terms.q,
                 'MaxFragments=2, MinWords=8, MaxWords=24, FragmentDelimiter=\" … \", StartSel='
                 || chr(2) || ', StopSel=' || chr(3)) AS snippet_marked
     FROM page pg CROSS JOIN terms",
    hit_joins!(),
    "ORDER BY pg.score, pg.id"
);

/// One search hit, with what its result line shows and links to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SearchRow {
    /// What the record is.
    pub kind: RecordType,
    /// Its id in its own table.
    pub record_id: i64,
    /// Its label.
    pub tlp: Tlp,
    /// A commitment's or a motion's status code.
    pub status: Option<String>,
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_name: String,
    /// Plan content: the version's number.
    pub version_number: Option<i64>,
    /// Plan content: the version's status.
    pub version_status: Option<PlanVersionStatus>,
    /// A section's key.
    pub section_key: Option<String>,
    /// A goal's number, or an objective's goal's.
    pub goal_number: Option<i64>,
    /// An objective's number in its goal.
    pub objective_number: Option<i64>,
    /// A commitment's organisation.
    pub organisation_name: Option<String>,
    /// A motion's working group.
    pub group_name: Option<String>,
    /// When the record last changed.
    pub updated_at: Timestamp,
    /// The title, with the matches marked.
    pub title_marked: String,
    /// A snippet of the body around the matches, marked.
    pub snippet_marked: String,
}

/// The records matching every term that the viewer may see, best first: `limit` hits from
/// `offset`, in one partnership or in all (`None`).
pub async fn search(
    conn: &mut Conn,
    backend: Backend,
    terms: &SearchTerms,
    vis: Visibility,
    partnership_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<Vec<SearchRow>, DbError> {
    let (sql, query) = match backend {
        Backend::Sqlite => (SQLITE_SEARCH, terms.fts5_query()),
        Backend::Postgres => (POSTGRES_SEARCH, terms.plain_query()),
    };
    let rows = sqlx::query_as::<_, SearchRow>(sql)
        .bind(vis.person_id)
        .bind(vis.organisation_id)
        .bind(vis.member_of_partnership)
        .bind(vis.is_admin)
        .bind(vis.today)
        .bind(query)
        .bind(partnership_id.unwrap_or(-1))
        .bind(limit)
        .bind(offset)
        .fetch_all(conn)
        .await?;
    Ok(rows)
}
