-- The change generation (PostgreSQL dialect; mirrors the SQLite migration): one number that moves
-- whenever an app server committed something that may change what pages show. Each server's
-- render cache keeps a signed-out page only while the number it was rendered under stands;
-- servers publish their own changes here and adopt the others' by polling
-- (see app/src/ssr/changes.rs).

CREATE TABLE change_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    n           BIGINT  NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
INSERT INTO change_generation (id, n, created_at, updated_at)
VALUES (1, 0, '2026-12-07T00:00:00.000000Z', '2026-12-07T00:00:00.000000Z');
