-- Notifications (SQLite dialect; the PostgreSQL migration of the same name mirrors this
-- file): what Concordat told each person in the application, and each person's choice of
-- channels per kind of notification.
--
-- Conventions as in the first migration: 64-bit ids, created_at/updated_at on every table,
-- timestamps as 27-character UTC text, flags as integers 0/1. The kinds are the codes of
-- `domain::notification::NotificationKind`.

-- One row per person and event. `dedupe_key` names the event (e.g. `motion_closing:42`) and
-- is unique per person, so that the periodic sweep, run every minute by every app server,
-- notifies each person of each event once: inserts use ON CONFLICT DO NOTHING. A row with
-- in_app = 0 was delivered by e-mail only: it is never listed, it only remembers the event.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN (
                    'motion_opened', 'motion_closing', 'commitment_overdue', 'comment_on_text')),
    title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    detail      TEXT    NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
    -- a path on this site (never another site's address): '/…' but not '//…'
    link_path   TEXT    NOT NULL CHECK (length(link_path) BETWEEN 1 AND 500
                            AND substr(link_path, 1, 1) = '/' AND substr(link_path, 2, 1) <> '/'),
    dedupe_key  TEXT    NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
    in_app      INTEGER NOT NULL DEFAULT 1 CHECK (in_app IN (0, 1)),
    emailed     INTEGER NOT NULL DEFAULT 0 CHECK (emailed IN (0, 1)),
    read_at     TEXT    CHECK (read_at IS NULL OR length(read_at) = 27),
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (person_id, dedupe_key)
);
CREATE INDEX notifications_person ON notifications (person_id, created_at) WHERE in_app = 1;
CREATE INDEX notifications_unread ON notifications (person_id) WHERE in_app = 1 AND read_at IS NULL;

-- A person's channels for one kind. No row: the kind's defaults (in the application, on,
-- by e-mail, off; see `NotificationKind::default_channels`).
CREATE TABLE notification_preferences (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN (
                    'motion_opened', 'motion_closing', 'commitment_overdue', 'comment_on_text')),
    in_app      INTEGER NOT NULL CHECK (in_app IN (0, 1)),
    email       INTEGER NOT NULL CHECK (email IN (0, 1)),
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27),
    UNIQUE (person_id, kind)
);
