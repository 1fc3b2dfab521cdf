-- Personal API tokens: a signed-in person creates a token to read the JSON API (/api/v1)
-- as themselves, so that a script sees what its owner may see, filtered by TLP. Only the
-- SHA-256 of the token is stored; the token is shown once, when it is created
-- (SQLite dialect; the PostgreSQL migration of the same name mirrors this file).

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- SHA-256 (hex) of the token; the token itself is never stored
    token_hash    TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    -- the first characters of the token, so that its owner can tell tokens apart
    token_prefix  TEXT    NOT NULL CHECK (length(token_prefix) BETWEEN 4 AND 16),
    expires_at    TEXT    NOT NULL CHECK (length(expires_at) = 27),
    last_used_at  TEXT    CHECK (last_used_at IS NULL OR length(last_used_at) = 27),
    revoked_at    TEXT    CHECK (revoked_at IS NULL OR length(revoked_at) = 27),
    created_at    TEXT    NOT NULL CHECK (length(created_at) = 27),
    updated_at    TEXT    NOT NULL CHECK (length(updated_at) = 27),
    CHECK (expires_at > created_at)
);
CREATE INDEX api_tokens_person ON api_tokens (person_id, created_at);
