-- Users' OAuth tokens: the public token in clear, the secret sealed (AES-256-GCM, bound to
-- user_id) with the id of the key that sealed it.
CREATE TABLE user_tokens (
  user_id       TEXT    PRIMARY KEY,
  screen_name   TEXT    NOT NULL,
  token         TEXT    NOT NULL,
  sealed_secret BLOB    NOT NULL,
  key_id        TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  revoked_at    INTEGER
) STRICT;

-- Sessions: only the SHA-256 of the session id is kept.
CREATE TABLE sessions (
  id_hash    TEXT    PRIMARY KEY,
  user_id    TEXT    NOT NULL REFERENCES user_tokens (user_id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id, expires_at);

-- Pending OAuth request tokens: secret sealed (bound to the token), the browser binding hashed,
-- single use (used_at set when taken).
CREATE TABLE oauth_requests (
  token         TEXT    PRIMARY KEY,
  sealed_secret BLOB    NOT NULL,
  key_id        TEXT    NOT NULL,
  binding_hash  TEXT    NOT NULL UNIQUE,
  return_to     TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('web', 'pin')),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER
) STRICT;

CREATE INDEX oauth_requests_by_expiry ON oauth_requests (expires_at);
