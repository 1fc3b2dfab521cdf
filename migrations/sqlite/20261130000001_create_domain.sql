-- Concordat: the whole domain of ../shared/DOMAIN.md (SQLite dialect).
--
-- Conventions (the PostgreSQL migration mirrors this file line for line):
-- * ids are 64-bit integers; every table has created_at and updated_at;
-- * timestamps are UTC text of fixed width, 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (27 characters),
--   so that they sort and compare correctly as text on both databases;
-- * calendar dates are 'YYYY-MM-DD' (10 characters);
-- * flags are integers 0/1 (the portable representation for sqlx's Any driver);
-- * closed vocabularies (TLP labels, kinds, statuses) are text held by CHECK constraints.

CREATE TABLE partnerships (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 64),
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_name    TEXT    NOT NULL CHECK (length(short_name) BETWEEN 1 AND 40),
    jurisdiction  TEXT    NOT NULL CHECK (length(jurisdiction) = 2),
    sector        TEXT    NOT NULL DEFAULT 'healthcare_public_health'
                          CHECK (sector IN ('healthcare_public_health')),
    summary       TEXT    NOT NULL DEFAULT '',
    description   TEXT    NOT NULL DEFAULT '',
    tlp           TEXT    NOT NULL DEFAULT 'clear'
                          CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    created_at    TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at    TEXT    NOT NULL CHECK (length(updated_at) = 27)
);

CREATE TABLE organisations (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    slug            TEXT    NOT NULL CHECK (length(slug) BETWEEN 2 AND 64),
    name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_name      TEXT    NOT NULL DEFAULT '' CHECK (length(short_name) <= 40),
    kind            TEXT    NOT NULL CHECK (kind IN (
                        'government_agency', 'regulator', 'healthcare_provider',
                        'medical_device_maker', 'pharmaceutical', 'health_it_vendor',
                        'supplier', 'insurer', 'isac', 'academic', 'non_profit',
                        'open_source_community')),
    side            TEXT    NOT NULL CHECK (side IN ('public', 'private', 'non_profit')),
    size_class      TEXT    NOT NULL CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
    country         TEXT    NOT NULL CHECK (length(country) = 2),
    segment         TEXT    NOT NULL DEFAULT '',
    website         TEXT    NOT NULL DEFAULT '',
    description     TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at      TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (partnership_id, slug),
    UNIQUE (partnership_id, name),
    -- target of composite foreign keys that tie a body's seat to this partnership
    UNIQUE (id, partnership_id)
);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    display_name     TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    email            TEXT    NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    job_title        TEXT    NOT NULL DEFAULT '',
    phone            TEXT    NOT NULL DEFAULT '',
    -- NULL until the person accepts an invitation and sets a password
    password_hash    TEXT,
    is_admin         INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    is_active        INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    last_sign_in_at  TEXT    CHECK (last_sign_in_at IS NULL OR length(last_sign_in_at) = 27),
    created_at       TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at       TEXT    NOT NULL CHECK (length(updated_at) = 27),
    -- only platform operators may stand outside every organisation
    CHECK (organisation_id IS NOT NULL OR is_admin = 1),
    -- target of composite foreign keys: "a representative belongs to the member organisation"
    UNIQUE (id, organisation_id)
);

-- Explicit grants; the other roles (member, representative, convener, chair) follow from
-- organisation membership, seats and convener terms and are never stored twice.
CREATE TABLE role_grants (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    council_id      INTEGER REFERENCES councils (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('secretariat')),
    granted_at      TEXT    NOT NULL CHECK (length(granted_at) = 27),
    revoked_at      TEXT    CHECK (revoked_at IS NULL OR length(revoked_at) = 27),
    created_at      TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at      TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
CREATE INDEX role_grants_person ON role_grants (person_id) WHERE revoked_at IS NULL;

CREATE TABLE councils (
    id                           INTEGER PRIMARY KEY,
    partnership_id               INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    slug                         TEXT    NOT NULL CHECK (length(slug) BETWEEN 2 AND 64),
    name                         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_name                   TEXT    NOT NULL DEFAULT '' CHECK (length(short_name) <= 40),
    kind                         TEXT    NOT NULL CHECK (kind IN ('gcc', 'scc', 'other')),
    description                  TEXT    NOT NULL DEFAULT '',
    chair_person_id              INTEGER REFERENCES people (id) ON DELETE SET NULL,
    secretariat_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    tlp                          TEXT    NOT NULL DEFAULT 'clear'
                                         CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    created_at                   TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at                   TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (partnership_id, slug),
    UNIQUE (id, partnership_id)
);

CREATE TABLE council_memberships (
    id                   INTEGER PRIMARY KEY,
    council_id           INTEGER NOT NULL,
    partnership_id       INTEGER NOT NULL,
    organisation_id      INTEGER NOT NULL,
    principal_person_id  INTEGER,
    alternate_person_id  INTEGER,
    term_start           TEXT    NOT NULL CHECK (length(term_start) = 10),
    term_end             TEXT    CHECK (term_end IS NULL OR length(term_end) = 10),
    notes                TEXT    NOT NULL DEFAULT '',
    created_at           TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at           TEXT    NOT NULL CHECK (length(updated_at) = 27),
    FOREIGN KEY (council_id, partnership_id) REFERENCES councils (id, partnership_id) ON DELETE CASCADE,
    FOREIGN KEY (organisation_id, partnership_id) REFERENCES organisations (id, partnership_id) ON DELETE RESTRICT,
    FOREIGN KEY (principal_person_id, organisation_id) REFERENCES people (id, organisation_id),
    FOREIGN KEY (alternate_person_id, organisation_id) REFERENCES people (id, organisation_id),
    CHECK (term_end IS NULL OR term_end >= term_start),
    CHECK (alternate_person_id IS NULL OR alternate_person_id <> principal_person_id)
);
CREATE UNIQUE INDEX council_memberships_one_open_seat
    ON council_memberships (council_id, organisation_id) WHERE term_end IS NULL;
CREATE INDEX council_memberships_organisation ON council_memberships (organisation_id);

CREATE TABLE working_groups (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE RESTRICT,
    -- the council of a single-council group; NULL for a joint group
    council_id      INTEGER REFERENCES councils (id) ON DELETE RESTRICT,
    slug            TEXT    NOT NULL CHECK (length(slug) BETWEEN 2 AND 64),
    name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_name      TEXT    NOT NULL DEFAULT '' CHECK (length(short_name) <= 40),
    is_joint        INTEGER NOT NULL DEFAULT 1 CHECK (is_joint IN (0, 1)),
    summary         TEXT    NOT NULL DEFAULT '',
    charter         TEXT    NOT NULL DEFAULT '',
    charter_tlp     TEXT    NOT NULL DEFAULT 'clear'
                            CHECK (charter_tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    tlp             TEXT    NOT NULL DEFAULT 'clear'
                            CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    created_at      TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at      TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (partnership_id, slug),
    UNIQUE (id, partnership_id),
    CHECK ((is_joint = 1) = (council_id IS NULL))
);

CREATE TABLE working_group_conveners (
    id                INTEGER PRIMARY KEY,
    working_group_id  INTEGER NOT NULL REFERENCES working_groups (id) ON DELETE CASCADE,
    person_id         INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    side              TEXT    NOT NULL CHECK (side IN ('public', 'private')),
    term_start        TEXT    NOT NULL CHECK (length(term_start) = 10),
    term_end          TEXT    CHECK (term_end IS NULL OR length(term_end) = 10),
    created_at        TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at        TEXT    NOT NULL CHECK (length(updated_at) = 27),
    CHECK (term_end IS NULL OR term_end >= term_start)
);
-- a joint group has at most one public and one private convener at a time
CREATE UNIQUE INDEX working_group_conveners_one_per_side
    ON working_group_conveners (working_group_id, side) WHERE term_end IS NULL;

CREATE TABLE working_group_memberships (
    id                   INTEGER PRIMARY KEY,
    working_group_id     INTEGER NOT NULL,
    partnership_id       INTEGER NOT NULL,
    organisation_id      INTEGER NOT NULL,
    is_voting            INTEGER NOT NULL DEFAULT 1 CHECK (is_voting IN (0, 1)),
    principal_person_id  INTEGER,
    alternate_person_id  INTEGER,
    term_start           TEXT    NOT NULL CHECK (length(term_start) = 10),
    term_end             TEXT    CHECK (term_end IS NULL OR length(term_end) = 10),
    created_at           TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at           TEXT    NOT NULL CHECK (length(updated_at) = 27),
    FOREIGN KEY (working_group_id, partnership_id) REFERENCES working_groups (id, partnership_id) ON DELETE CASCADE,
    FOREIGN KEY (organisation_id, partnership_id) REFERENCES organisations (id, partnership_id) ON DELETE RESTRICT,
    FOREIGN KEY (principal_person_id, organisation_id) REFERENCES people (id, organisation_id),
    FOREIGN KEY (alternate_person_id, organisation_id) REFERENCES people (id, organisation_id),
    CHECK (term_end IS NULL OR term_end >= term_start),
    CHECK (alternate_person_id IS NULL OR alternate_person_id <> principal_person_id)
);
CREATE UNIQUE INDEX working_group_memberships_one_open_seat
    ON working_group_memberships (working_group_id, organisation_id) WHERE term_end IS NULL;
CREATE INDEX working_group_memberships_organisation ON working_group_memberships (organisation_id);

CREATE TABLE focal_points (
    id                INTEGER PRIMARY KEY,
    partnership_id    INTEGER NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN (
                          'national_focal_point', 'srma_liaison',
                          'industry_senior_expert', 'isac_liaison')),
    person_id         INTEGER NOT NULL,
    organisation_id   INTEGER NOT NULL,
    -- scope: the partnership when both are NULL
    council_id        INTEGER REFERENCES councils (id) ON DELETE RESTRICT,
    working_group_id  INTEGER REFERENCES working_groups (id) ON DELETE RESTRICT,
    title             TEXT    NOT NULL DEFAULT '',
    term_start        TEXT    NOT NULL CHECK (length(term_start) = 10),
    term_end          TEXT    CHECK (term_end IS NULL OR length(term_end) = 10),
    -- a public contact channel (a functional mailbox or web form), shown to everyone
    public_channel    TEXT    NOT NULL DEFAULT '',
    -- direct contact details, visible according to contact_tlp
    email             TEXT    NOT NULL DEFAULT '',
    phone             TEXT    NOT NULL DEFAULT '',
    contact_tlp       TEXT    NOT NULL DEFAULT 'green'
                              CHECK (contact_tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    created_at        TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at        TEXT    NOT NULL CHECK (length(updated_at) = 27),
    FOREIGN KEY (organisation_id, partnership_id) REFERENCES organisations (id, partnership_id) ON DELETE RESTRICT,
    FOREIGN KEY (person_id, organisation_id) REFERENCES people (id, organisation_id),
    CHECK (council_id IS NULL OR working_group_id IS NULL),
    CHECK (term_end IS NULL OR term_end >= term_start)
);
-- "At most one active national focal point per partnership": a term is active until ended.
CREATE UNIQUE INDEX focal_points_one_active_national
    ON focal_points (partnership_id) WHERE kind = 'national_focal_point' AND term_end IS NULL;
CREATE INDEX focal_points_partnership ON focal_points (partnership_id);

CREATE TABLE plans (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL UNIQUE REFERENCES partnerships (id) ON DELETE RESTRICT,
    title           TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- the working group whose motions adopt versions of this plan
    working_group_id INTEGER REFERENCES working_groups (id) ON DELETE SET NULL,
    created_at      TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at      TEXT    NOT NULL CHECK (length(updated_at) = 27)
);

CREATE TABLE plan_versions (
    id                    INTEGER PRIMARY KEY,
    plan_id               INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
    number                INTEGER NOT NULL CHECK (number >= 1),
    title                 TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    summary               TEXT    NOT NULL DEFAULT '',
    status                TEXT    NOT NULL DEFAULT 'draft'
                                  CHECK (status IN ('draft', 'in_review', 'adopted', 'published', 'superseded')),
    based_on_version_id   INTEGER REFERENCES plan_versions (id) ON DELETE SET NULL,
    adopted_by_motion_id  INTEGER REFERENCES motions (id) ON DELETE RESTRICT,
    tlp                   TEXT    NOT NULL DEFAULT 'green'
                                  CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    -- optimistic concurrency for the version's own fields
    revision              INTEGER NOT NULL DEFAULT 1,
    created_by_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    submitted_at          TEXT    CHECK (submitted_at IS NULL OR length(submitted_at) = 27),
    adopted_at            TEXT    CHECK (adopted_at IS NULL OR length(adopted_at) = 27),
    published_at          TEXT    CHECK (published_at IS NULL OR length(published_at) = 27),
    superseded_at         TEXT    CHECK (superseded_at IS NULL OR length(superseded_at) = 27),
    created_at            TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at            TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (plan_id, number),
    -- "Adopting a plan version needs a carried motion": no adopted state without its motion
    CHECK (status IN ('draft', 'in_review') OR adopted_by_motion_id IS NOT NULL),
    CHECK (status NOT IN ('published', 'superseded') OR published_at IS NOT NULL)
);
-- only one version is published at a time
CREATE UNIQUE INDEX plan_versions_one_published ON plan_versions (plan_id) WHERE status = 'published';

-- invited co-authors of a draft besides the secretariat
CREATE TABLE plan_version_editors (
    id               INTEGER PRIMARY KEY,
    plan_version_id  INTEGER NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    person_id        INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    invited_by_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at       TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (plan_version_id, person_id)
);

CREATE TABLE plan_sections (
    id                     INTEGER PRIMARY KEY,
    plan_version_id        INTEGER NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    -- stable across versions
    key                    TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    position               INTEGER NOT NULL,
    title                  TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body                   TEXT    NOT NULL DEFAULT '',
    tlp                    TEXT    NOT NULL DEFAULT 'green'
                                   CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    owner_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    revision               INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at             TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at             TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (plan_version_id, key)
);

-- every save of a section, for history, attribution and diffs
CREATE TABLE section_revisions (
    id                      INTEGER PRIMARY KEY,
    section_id              INTEGER NOT NULL REFERENCES plan_sections (id) ON DELETE CASCADE,
    revision                INTEGER NOT NULL CHECK (revision >= 1),
    title                   TEXT    NOT NULL,
    body                    TEXT    NOT NULL,
    author_person_id        INTEGER REFERENCES people (id) ON DELETE SET NULL,
    author_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    -- the author organisation's side when saved, for government/industry contribution counts
    author_side             TEXT    CHECK (author_side IS NULL OR author_side IN ('public', 'private', 'non_profit')),
    created_at              TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at              TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (section_id, revision)
);

-- stable identities of goals and objectives across versions (commitments follow these)
CREATE TABLE goal_keys (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    key         TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (plan_id, key)
);

CREATE TABLE objective_keys (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    key         TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (plan_id, key)
);

CREATE TABLE goals (
    id                     INTEGER PRIMARY KEY,
    plan_version_id        INTEGER NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    goal_key_id            INTEGER NOT NULL REFERENCES goal_keys (id) ON DELETE RESTRICT,
    number                 INTEGER NOT NULL CHECK (number >= 1),
    title                  TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description            TEXT    NOT NULL DEFAULT '',
    tlp                    TEXT    NOT NULL DEFAULT 'green'
                                   CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    owner_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    -- roll-up weight among the version's goals
    weight                 REAL    NOT NULL DEFAULT 1 CHECK (weight >= 0),
    revision               INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at             TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at             TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (plan_version_id, number),
    UNIQUE (plan_version_id, goal_key_id)
);

CREATE TABLE objectives (
    id                     INTEGER PRIMARY KEY,
    goal_id                INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    plan_version_id        INTEGER NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    objective_key_id       INTEGER NOT NULL REFERENCES objective_keys (id) ON DELETE RESTRICT,
    number                 INTEGER NOT NULL CHECK (number >= 1),
    title                  TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description            TEXT    NOT NULL DEFAULT '',
    tlp                    TEXT    NOT NULL DEFAULT 'green'
                                   CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    owner_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    weight                 REAL    NOT NULL DEFAULT 1 CHECK (weight >= 0),
    revision               INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at             TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at             TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (goal_id, number),
    UNIQUE (plan_version_id, objective_key_id)
);

CREATE TABLE measures (
    id            INTEGER PRIMARY KEY,
    objective_id  INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL DEFAULT 1,
    indicator     TEXT    NOT NULL CHECK (length(indicator) BETWEEN 1 AND 300),
    baseline      REAL,
    target        REAL,
    unit          TEXT    NOT NULL DEFAULT '',
    due_date      TEXT    CHECK (due_date IS NULL OR length(due_date) = 10),
    tlp           TEXT    NOT NULL DEFAULT 'green'
                          CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    created_at    TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at    TEXT    NOT NULL CHECK (length(updated_at) = 27)
);

CREATE TABLE commitments (
    id                      INTEGER PRIMARY KEY,
    partnership_id          INTEGER NOT NULL,
    organisation_id         INTEGER NOT NULL,
    objective_key_id        INTEGER NOT NULL REFERENCES objective_keys (id) ON DELETE RESTRICT,
    title                   TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description             TEXT    NOT NULL DEFAULT '',
    deliverable             TEXT    NOT NULL DEFAULT '',
    start_date              TEXT    NOT NULL CHECK (length(start_date) = 10),
    due_date                TEXT    NOT NULL CHECK (length(due_date) = 10),
    status                  TEXT    NOT NULL DEFAULT 'proposed' CHECK (status IN (
                                'proposed', 'accepted', 'in_progress', 'at_risk', 'completed', 'withdrawn')),
    tlp                     TEXT    NOT NULL DEFAULT 'green'
                                    CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    proposed_by_person_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    accepted_by_person_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    accepted_by_motion_id   INTEGER REFERENCES motions (id) ON DELETE SET NULL,
    accepted_at             TEXT    CHECK (accepted_at IS NULL OR length(accepted_at) = 27),
    revision                INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at              TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at              TEXT    NOT NULL CHECK (length(updated_at) = 27),
    FOREIGN KEY (organisation_id, partnership_id) REFERENCES organisations (id, partnership_id) ON DELETE RESTRICT,
    CHECK (due_date >= start_date),
    CHECK (status IN ('proposed', 'withdrawn') OR accepted_at IS NOT NULL)
);
CREATE INDEX commitments_objective ON commitments (objective_key_id);
CREATE INDEX commitments_organisation ON commitments (organisation_id);

CREATE TABLE progress_updates (
    id                INTEGER PRIMARY KEY,
    commitment_id     INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    reported_on       TEXT    NOT NULL CHECK (length(reported_on) = 10),
    percent           INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    narrative         TEXT    NOT NULL DEFAULT '',
    evidence_url      TEXT    NOT NULL DEFAULT '',
    tlp               TEXT    NOT NULL DEFAULT 'green'
                              CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    author_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at        TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at        TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
CREATE INDEX progress_updates_commitment ON progress_updates (commitment_id, reported_on);

CREATE TABLE motions (
    id                     INTEGER PRIMARY KEY,
    working_group_id       INTEGER NOT NULL REFERENCES working_groups (id) ON DELETE RESTRICT,
    kind                   TEXT    NOT NULL CHECK (kind IN (
                               'adopt_plan_version', 'accept_commitment',
                               'appoint_focal_point', 'general_resolution')),
    title                  TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body                   TEXT    NOT NULL DEFAULT '',
    tlp                    TEXT    NOT NULL DEFAULT 'green'
                                   CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    status                 TEXT    NOT NULL DEFAULT 'draft'
                                   CHECK (status IN ('draft', 'open', 'closed', 'withdrawn')),
    opens_at               TEXT    NOT NULL CHECK (length(opens_at) = 27),
    closes_at              TEXT    NOT NULL CHECK (length(closes_at) = 27),
    quorum_percent         INTEGER NOT NULL DEFAULT 50 CHECK (quorum_percent BETWEEN 0 AND 100),
    threshold              TEXT    NOT NULL DEFAULT 'simple'
                                   CHECK (threshold IN ('simple', 'absolute', 'two_thirds', 'consensus')),
    dual_majority          INTEGER NOT NULL DEFAULT 0 CHECK (dual_majority IN (0, 1)),
    ballot_mode            TEXT    NOT NULL DEFAULT 'roll_call'
                                   CHECK (ballot_mode IN ('roll_call', 'anonymous')),
    plan_version_id        INTEGER REFERENCES plan_versions (id) ON DELETE RESTRICT,
    commitment_id          INTEGER REFERENCES commitments (id) ON DELETE RESTRICT,
    focal_point_id         INTEGER REFERENCES focal_points (id) ON DELETE RESTRICT,
    outcome                TEXT    CHECK (outcome IS NULL OR outcome IN ('carried', 'failed', 'no_quorum')),
    electorate_size        INTEGER,
    yes_count              INTEGER,
    no_count               INTEGER,
    abstain_count          INTEGER,
    proposed_by_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    opened_at              TEXT    CHECK (opened_at IS NULL OR length(opened_at) = 27),
    closed_at              TEXT    CHECK (closed_at IS NULL OR length(closed_at) = 27),
    closed_by_person_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at             TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at             TEXT    NOT NULL CHECK (length(updated_at) = 27),
    CHECK (closes_at > opens_at),
    CHECK ((kind = 'adopt_plan_version') = (plan_version_id IS NOT NULL)),
    CHECK ((kind = 'accept_commitment') = (commitment_id IS NOT NULL)),
    CHECK ((kind = 'appoint_focal_point') = (focal_point_id IS NOT NULL)),
    -- the outcome is computed once, when the motion closes, and stored
    CHECK ((status = 'closed') = (outcome IS NOT NULL)),
    CHECK (status <> 'closed' OR (closed_at IS NOT NULL AND electorate_size IS NOT NULL
           AND yes_count IS NOT NULL AND no_count IS NOT NULL AND abstain_count IS NOT NULL)),
    UNIQUE (id, working_group_id)
);
CREATE INDEX motions_working_group ON motions (working_group_id, status, closes_at);

-- the electorate, fixed when the motion opens
CREATE TABLE motion_electorate (
    id               INTEGER PRIMARY KEY,
    motion_id        INTEGER NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    side             TEXT    NOT NULL CHECK (side IN ('public', 'private', 'non_profit')),
    recused_at       TEXT    CHECK (recused_at IS NULL OR length(recused_at) = 27),
    recused_by_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    recusal_reason   TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at       TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (motion_id, organisation_id)
);

CREATE TABLE ballots (
    id                  INTEGER PRIMARY KEY,
    motion_id           INTEGER NOT NULL,
    organisation_id     INTEGER NOT NULL,
    choice              TEXT    NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
    cast_by_person_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    -- set when cast by another organisation holding this organisation's proxy
    proxy_id            INTEGER REFERENCES proxies (id) ON DELETE RESTRICT,
    cast_at             TEXT    NOT NULL CHECK (length(cast_at) = 27),
    -- the last ballot counts; earlier ones stay as history
    is_current          INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    created_at          TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at          TEXT    NOT NULL CHECK (length(updated_at) = 27),
    -- only the electorate votes
    FOREIGN KEY (motion_id, organisation_id) REFERENCES motion_electorate (motion_id, organisation_id) ON DELETE CASCADE
);
-- one current ballot per organisation per motion
CREATE UNIQUE INDEX ballots_one_current ON ballots (motion_id, organisation_id) WHERE is_current = 1;

CREATE TABLE proxies (
    id                    INTEGER PRIMARY KEY,
    motion_id             INTEGER NOT NULL,
    from_organisation_id  INTEGER NOT NULL,
    to_organisation_id    INTEGER NOT NULL,
    granted_by_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    granted_at            TEXT    NOT NULL CHECK (length(granted_at) = 27),
    revoked_at            TEXT    CHECK (revoked_at IS NULL OR length(revoked_at) = 27),
    used_at               TEXT    CHECK (used_at IS NULL OR length(used_at) = 27),
    created_at            TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at            TEXT    NOT NULL CHECK (length(updated_at) = 27),
    FOREIGN KEY (motion_id, from_organisation_id) REFERENCES motion_electorate (motion_id, organisation_id) ON DELETE CASCADE,
    FOREIGN KEY (motion_id, to_organisation_id) REFERENCES motion_electorate (motion_id, organisation_id) ON DELETE CASCADE,
    CHECK (from_organisation_id <> to_organisation_id),
    CHECK (revoked_at IS NULL OR used_at IS NULL)
);
CREATE UNIQUE INDEX proxies_one_live ON proxies (motion_id, from_organisation_id) WHERE revoked_at IS NULL;

CREATE TABLE comments (
    id                 INTEGER PRIMARY KEY,
    partnership_id     INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    parent_comment_id  INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    section_id         INTEGER REFERENCES plan_sections (id) ON DELETE CASCADE,
    goal_id            INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    objective_id       INTEGER REFERENCES objectives (id) ON DELETE CASCADE,
    commitment_id      INTEGER REFERENCES commitments (id) ON DELETE CASCADE,
    motion_id          INTEGER REFERENCES motions (id) ON DELETE CASCADE,
    author_person_id   INTEGER REFERENCES people (id) ON DELETE SET NULL,
    body               TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
    tlp                TEXT    NOT NULL DEFAULT 'green'
                               CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    resolved_at        TEXT    CHECK (resolved_at IS NULL OR length(resolved_at) = 27),
    resolved_by_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at         TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at         TEXT    NOT NULL CHECK (length(updated_at) = 27),
    -- a comment is on exactly one thing
    CHECK ((section_id IS NOT NULL) + (goal_id IS NOT NULL) + (objective_id IS NOT NULL)
           + (commitment_id IS NOT NULL) + (motion_id IS NOT NULL) = 1)
);
CREATE INDEX comments_section ON comments (section_id) WHERE section_id IS NOT NULL;

-- named recipients of TLP:RED records
CREATE TABLE tlp_red_recipients (
    id           INTEGER PRIMARY KEY,
    record_type  TEXT    NOT NULL CHECK (record_type IN (
                     'partnership', 'council', 'working_group', 'focal_point', 'plan_version',
                     'plan_section', 'goal', 'objective', 'measure', 'commitment',
                     'progress_update', 'motion', 'comment')),
    record_id    INTEGER NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at   TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at   TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (record_type, record_id, person_id)
);

-- append-only, hash-chained: hash = SHA-256(prev_hash || canonical JSON of the event)
CREATE TABLE audit_events (
    id               INTEGER PRIMARY KEY,
    occurred_at      TEXT    NOT NULL CHECK (length(occurred_at) = 27),
    actor_person_id  INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    actor_label      TEXT    NOT NULL DEFAULT '',
    action           TEXT    NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    record_type      TEXT    NOT NULL CHECK (length(record_type) BETWEEN 1 AND 64),
    record_id        INTEGER,
    partnership_id   INTEGER REFERENCES partnerships (id) ON DELETE RESTRICT,
    before_json      TEXT,
    after_json       TEXT,
    prev_hash        TEXT    NOT NULL CHECK (length(prev_hash) = 64),
    hash             TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64),
    created_at       TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at       TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
CREATE INDEX audit_events_record ON audit_events (record_type, record_id);
CREATE INDEX audit_events_actor ON audit_events (actor_person_id, occurred_at);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- HTTP sessions (tower-sessions), in the application database so that app servers stay stateless
CREATE TABLE sessions (
    id           TEXT    PRIMARY KEY,
    person_id    INTEGER REFERENCES people (id) ON DELETE CASCADE,
    data         BLOB    NOT NULL,
    expires_at   TEXT    NOT NULL CHECK (length(expires_at) = 27),
    signed_in_at TEXT    CHECK (signed_in_at IS NULL OR length(signed_in_at) = 27),
    created_at   TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at   TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
CREATE INDEX sessions_person ON sessions (person_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- ballots only inside the motion's open window
CREATE TRIGGER ballots_inside_window BEFORE INSERT ON ballots
WHEN NOT EXISTS (
    SELECT 1 FROM motions m
    WHERE m.id = NEW.motion_id AND m.status = 'open'
      AND NEW.cast_at >= m.opens_at AND NEW.cast_at < m.closes_at
)
BEGIN
    SELECT RAISE(ABORT, 'ballot outside the voting window');
END;
