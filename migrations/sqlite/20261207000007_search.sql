-- Full-text search over plan content (sections, goals, objectives), commitments and motions
-- (SQLite dialect: FTS5; the PostgreSQL migration of the same name mirrors it with a tsvector
-- and a GIN index).
--
-- search_documents holds one row per searchable record: its text, and the facts of the record
-- itself that the visibility check needs (partnership, label, owner, plan version, goal,
-- working group, status). Triggers on the source tables keep it in step on every insert,
-- update and delete. Facts that live in other rows (a version's status and label, the plan's
-- working group, an objective's goal, the partnership's label, the council of a group) are
-- joined when searching, so that they are never stale (see app/src/ssr/db/search.rs).
--
-- search_fts is an external-content FTS5 index of search_documents (title and body), kept in
-- step by the triggers on search_documents.

CREATE TABLE search_documents (
    id                     INTEGER PRIMARY KEY,
    -- the record's type, as named in tlp_red_recipients.record_type
    kind                   TEXT    NOT NULL CHECK (kind IN (
                               'plan_section', 'goal', 'objective', 'commitment', 'motion')),
    record_id              INTEGER NOT NULL,
    partnership_id         INTEGER NOT NULL,
    -- plan content: its version
    plan_version_id        INTEGER,
    -- objectives: their goal
    goal_id                INTEGER,
    -- motions: the group that votes
    working_group_id       INTEGER,
    -- the owning organisation (a commitment's organisation)
    owner_organisation_id  INTEGER,
    tlp                    TEXT    NOT NULL
                                   CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
    -- commitments and motions: their status
    status                 TEXT,
    title                  TEXT    NOT NULL,
    body                   TEXT    NOT NULL,
    -- the record's own
    created_at             TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at             TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (kind, record_id),
    CHECK ((kind IN ('plan_section', 'goal', 'objective')) = (plan_version_id IS NOT NULL)),
    CHECK ((kind = 'objective') = (goal_id IS NOT NULL)),
    CHECK ((kind = 'motion') = (working_group_id IS NOT NULL))
);
CREATE INDEX search_documents_partnership ON search_documents (partnership_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title,
    body,
    content = 'search_documents',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_documents_fts_insert AFTER INSERT ON search_documents
BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
END;
CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
END;
CREATE TRIGGER search_documents_fts_update AFTER UPDATE OF title, body ON search_documents
WHEN NEW.title IS NOT OLD.title OR NEW.body IS NOT OLD.body
BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
END;

-- Plan sections.
CREATE TRIGGER plan_sections_search_insert AFTER INSERT ON plan_sections
BEGIN
    INSERT INTO search_documents (kind, record_id, partnership_id, plan_version_id,
                                  owner_organisation_id, tlp, title, body, created_at, updated_at)
    SELECT 'plan_section', NEW.id, pl.partnership_id, NEW.plan_version_id,
           NEW.owner_organisation_id, NEW.tlp, NEW.title, NEW.body, NEW.created_at, NEW.updated_at
    FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
    WHERE v.id = NEW.plan_version_id;
END;
CREATE TRIGGER plan_sections_search_update AFTER UPDATE ON plan_sections
BEGIN
    UPDATE search_documents
    SET partnership_id = (SELECT pl.partnership_id FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
                          WHERE v.id = NEW.plan_version_id),
        plan_version_id = NEW.plan_version_id, owner_organisation_id = NEW.owner_organisation_id,
        tlp = NEW.tlp, title = NEW.title, body = NEW.body, updated_at = NEW.updated_at
    WHERE kind = 'plan_section' AND record_id = NEW.id;
END;
CREATE TRIGGER plan_sections_search_delete AFTER DELETE ON plan_sections
BEGIN
    DELETE FROM search_documents WHERE kind = 'plan_section' AND record_id = OLD.id;
END;

-- Goals.
CREATE TRIGGER goals_search_insert AFTER INSERT ON goals
BEGIN
    INSERT INTO search_documents (kind, record_id, partnership_id, plan_version_id,
                                  owner_organisation_id, tlp, title, body, created_at, updated_at)
    SELECT 'goal', NEW.id, pl.partnership_id, NEW.plan_version_id,
           NEW.owner_organisation_id, NEW.tlp, NEW.title, NEW.description, NEW.created_at, NEW.updated_at
    FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
    WHERE v.id = NEW.plan_version_id;
END;
CREATE TRIGGER goals_search_update AFTER UPDATE ON goals
BEGIN
    UPDATE search_documents
    SET partnership_id = (SELECT pl.partnership_id FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
                          WHERE v.id = NEW.plan_version_id),
        plan_version_id = NEW.plan_version_id, owner_organisation_id = NEW.owner_organisation_id,
        tlp = NEW.tlp, title = NEW.title, body = NEW.description, updated_at = NEW.updated_at
    WHERE kind = 'goal' AND record_id = NEW.id;
END;
CREATE TRIGGER goals_search_delete AFTER DELETE ON goals
BEGIN
    DELETE FROM search_documents WHERE kind = 'goal' AND record_id = OLD.id;
END;

-- Objectives.
CREATE TRIGGER objectives_search_insert AFTER INSERT ON objectives
BEGIN
    INSERT INTO search_documents (kind, record_id, partnership_id, plan_version_id, goal_id,
                                  owner_organisation_id, tlp, title, body, created_at, updated_at)
    SELECT 'objective', NEW.id, pl.partnership_id, NEW.plan_version_id, NEW.goal_id,
           NEW.owner_organisation_id, NEW.tlp, NEW.title, NEW.description, NEW.created_at, NEW.updated_at
    FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
    WHERE v.id = NEW.plan_version_id;
END;
CREATE TRIGGER objectives_search_update AFTER UPDATE ON objectives
BEGIN
    UPDATE search_documents
    SET partnership_id = (SELECT pl.partnership_id FROM plan_versions v JOIN plans pl ON pl.id = v.plan_id
                          WHERE v.id = NEW.plan_version_id),
        plan_version_id = NEW.plan_version_id, goal_id = NEW.goal_id,
        owner_organisation_id = NEW.owner_organisation_id,
        tlp = NEW.tlp, title = NEW.title, body = NEW.description, updated_at = NEW.updated_at
    WHERE kind = 'objective' AND record_id = NEW.id;
END;
CREATE TRIGGER objectives_search_delete AFTER DELETE ON objectives
BEGIN
    DELETE FROM search_documents WHERE kind = 'objective' AND record_id = OLD.id;
END;

-- Commitments: the title, then the description and the deliverable.
CREATE TRIGGER commitments_search_insert AFTER INSERT ON commitments
BEGIN
    INSERT INTO search_documents (kind, record_id, partnership_id, owner_organisation_id, tlp,
                                  status, title, body, created_at, updated_at)
    VALUES ('commitment', NEW.id, NEW.partnership_id, NEW.organisation_id, NEW.tlp, NEW.status,
            NEW.title, NEW.description || char(10) || char(10) || NEW.deliverable,
            NEW.created_at, NEW.updated_at);
END;
CREATE TRIGGER commitments_search_update AFTER UPDATE ON commitments
BEGIN
    UPDATE search_documents
    SET partnership_id = NEW.partnership_id, owner_organisation_id = NEW.organisation_id,
        tlp = NEW.tlp, status = NEW.status, title = NEW.title,
        body = NEW.description || char(10) || char(10) || NEW.deliverable,
        updated_at = NEW.updated_at
    WHERE kind = 'commitment' AND record_id = NEW.id;
END;
CREATE TRIGGER commitments_search_delete AFTER DELETE ON commitments
BEGIN
    DELETE FROM search_documents WHERE kind = 'commitment' AND record_id = OLD.id;
END;

-- Motions: owned by no organisation; the group (and through it the council) is the owning body.
CREATE TRIGGER motions_search_insert AFTER INSERT ON motions
BEGIN
    INSERT INTO search_documents (kind, record_id, partnership_id, working_group_id, tlp, status,
                                  title, body, created_at, updated_at)
    SELECT 'motion', NEW.id, w.partnership_id, NEW.working_group_id, NEW.tlp, NEW.status,
           NEW.title, NEW.body, NEW.created_at, NEW.updated_at
    FROM working_groups w
    WHERE w.id = NEW.working_group_id;
END;
CREATE TRIGGER motions_search_update AFTER UPDATE ON motions
BEGIN
    UPDATE search_documents
    SET partnership_id = (SELECT w.partnership_id FROM working_groups w WHERE w.id = NEW.working_group_id),
        working_group_id = NEW.working_group_id, tlp = NEW.tlp, status = NEW.status,
        title = NEW.title, body = NEW.body, updated_at = NEW.updated_at
    WHERE kind = 'motion' AND record_id = NEW.id;
END;
CREATE TRIGGER motions_search_delete AFTER DELETE ON motions
BEGIN
    DELETE FROM search_documents WHERE kind = 'motion' AND record_id = OLD.id;
END;

-- The records that exist already.
INSERT INTO search_documents (kind, record_id, partnership_id, plan_version_id,
                              owner_organisation_id, tlp, title, body, created_at, updated_at)
SELECT 'plan_section', s.id, pl.partnership_id, s.plan_version_id, s.owner_organisation_id, s.tlp,
       s.title, s.body, s.created_at, s.updated_at
FROM plan_sections s JOIN plan_versions v ON v.id = s.plan_version_id JOIN plans pl ON pl.id = v.plan_id;

INSERT INTO search_documents (kind, record_id, partnership_id, plan_version_id,
                              owner_organisation_id, tlp, title, body, created_at, updated_at)
SELECT 'goal', g.id, pl.partnership_id, g.plan_version_id, g.owner_organisation_id, g.tlp,
       g.title, g.description, g.created_at, g.updated_at
FROM goals g JOIN plan_versions v ON v.id = g.plan_version_id JOIN plans pl ON pl.id = v.plan_id;

INSERT INTO search_documents (kind, record_id, partnership_id, plan_version_id, goal_id,
                              owner_organisation_id, tlp, title, body, created_at, updated_at)
SELECT 'objective', o.id, pl.partnership_id, o.plan_version_id, o.goal_id, o.owner_organisation_id,
       o.tlp, o.title, o.description, o.created_at, o.updated_at
FROM objectives o JOIN plan_versions v ON v.id = o.plan_version_id JOIN plans pl ON pl.id = v.plan_id;

INSERT INTO search_documents (kind, record_id, partnership_id, owner_organisation_id, tlp, status,
                              title, body, created_at, updated_at)
SELECT 'commitment', k.id, k.partnership_id, k.organisation_id, k.tlp, k.status, k.title,
       k.description || char(10) || char(10) || k.deliverable, k.created_at, k.updated_at
FROM commitments k;

INSERT INTO search_documents (kind, record_id, partnership_id, working_group_id, tlp, status,
                              title, body, created_at, updated_at)
SELECT 'motion', m.id, w.partnership_id, m.working_group_id, m.tlp, m.status, m.title, m.body,
       m.created_at, m.updated_at
FROM motions m JOIN working_groups w ON w.id = m.working_group_id;
