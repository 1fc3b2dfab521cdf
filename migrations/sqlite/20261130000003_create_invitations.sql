-- Invitations: a secretariat invites a person, by e-mail address, to an organisation of its
-- partnership; the person accepts through a one-time, expiring link and sets a password
-- (SQLite dialect; the PostgreSQL migration of the same name mirrors this file).

CREATE TABLE invitations (
    id                    INTEGER PRIMARY KEY,
    partnership_id        INTEGER NOT NULL,
    organisation_id       INTEGER NOT NULL,
    email                 TEXT    NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    display_name          TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    -- SHA-256 (hex) of the token in the link; the token itself is never stored
    token_hash            TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    invited_by_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    expires_at            TEXT    NOT NULL CHECK (length(expires_at) = 27),
    accepted_at           TEXT    CHECK (accepted_at IS NULL OR length(accepted_at) = 27),
    accepted_person_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    revoked_at            TEXT    CHECK (revoked_at IS NULL OR length(revoked_at) = 27),
    created_at            TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at            TEXT    NOT NULL CHECK (length(updated_at) = 27),
    FOREIGN KEY (organisation_id, partnership_id) REFERENCES organisations (id, partnership_id) ON DELETE CASCADE,
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- one open invitation per address: inviting again replaces (revokes) the earlier one
CREATE UNIQUE INDEX invitations_one_open
    ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_partnership ON invitations (partnership_id, created_at);
