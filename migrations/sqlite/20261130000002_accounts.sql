-- Accounts: lockout after repeated wrong passwords, password reset tokens, and the mail
-- outbox (SQLite dialect; the PostgreSQL migration of the same name mirrors this file).
--
-- Conventions as in the first migration: 64-bit ids, created_at/updated_at on every table,
-- timestamps as 27-character UTC text, flags and counters as integers.

-- Per-account brute-force defence, held in the database so that it holds across app
-- servers: wrong passwords in a row, and the instant until which sign-in is refused.
ALTER TABLE people ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);
ALTER TABLE people ADD COLUMN locked_until TEXT CHECK (locked_until IS NULL OR length(locked_until) = 27);

-- One-time password reset tokens. Only the SHA-256 of a token is stored (hex), so that
-- reading this table does not give a working link.
CREATE TABLE password_resets (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash  TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    expires_at  TEXT    NOT NULL CHECK (length(expires_at) = 27),
    used_at     TEXT    CHECK (used_at IS NULL OR length(used_at) = 27),
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27)
);
CREATE INDEX password_resets_person ON password_resets (person_id);

-- Mail to send. Written in the same transaction as what it announces, so nothing is lost
-- when sending fails; a sender marks sent_at, or counts attempts and keeps the last error.
CREATE TABLE mail_outbox (
    id          INTEGER PRIMARY KEY,
    to_address  TEXT    NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    subject     TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body_text   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at  TEXT    NOT NULL CHECK (length(updated_at) = 27),
    sent_at     TEXT    CHECK (sent_at IS NULL OR length(sent_at) = 27),
    attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error  TEXT
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (created_at) WHERE sent_at IS NULL;
