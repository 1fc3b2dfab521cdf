-- Drafting the Sector-Specific Plan (SQLite dialect; the PostgreSQL migration of the same
-- name mirrors it).

-- A save refused because someone else saved the section first: the author's text is kept
-- here and shown beside the current text until the author saves again, so nothing typed
-- is lost (not even when the browser is closed).
CREATE TABLE section_conflicts (
    id             INTEGER PRIMARY KEY,
    section_id     INTEGER NOT NULL REFERENCES plan_sections (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- the revision the author started from
    base_revision  INTEGER NOT NULL CHECK (base_revision >= 1),
    title          TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    resolved_at    TEXT    CHECK (resolved_at IS NULL OR length(resolved_at) = 27),
    created_at     TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at     TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
CREATE INDEX section_conflicts_open ON section_conflicts (section_id, person_id) WHERE resolved_at IS NULL;

-- "Adopting a plan version needs a carried motion": the motion that adopts a version must be
-- a closed, carried motion to adopt that very version.
CREATE TRIGGER plan_versions_adopted_by_carried_motion
BEFORE UPDATE OF status ON plan_versions
WHEN NEW.status = 'adopted' AND NOT EXISTS (
    SELECT 1 FROM motions m
    WHERE m.id = NEW.adopted_by_motion_id AND m.kind = 'adopt_plan_version'
      AND m.plan_version_id = NEW.id AND m.status = 'closed' AND m.outcome = 'carried'
)
BEGIN
    SELECT RAISE(ABORT, 'a plan version is adopted only by a carried motion to adopt it');
END;
