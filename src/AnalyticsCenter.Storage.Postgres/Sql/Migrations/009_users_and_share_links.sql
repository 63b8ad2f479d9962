-- The people of each workspace, their one-time password links, and read-only share links to reports. Only the store's
-- own role reads them (tenant roles are never granted them); on Citus they stay plain tables on the coordinator, like
-- the sign-in key ring: small, and only ever read by the store's own connection.

-- An email is unique in the store, so signing in needs no workspace; the password hash is the web host's (ASP.NET Core
-- Identity's hasher), null until the person sets one through a link.
CREATE TABLE analytics.users (
    user_id       text PRIMARY KEY,
    workspace_id  text NOT NULL,
    email         text NOT NULL UNIQUE,
    role          smallint NOT NULL,
    password_hash text,
    created_at    timestamp NOT NULL
);

-- One-time links to set a password (invitations, resets), by the SHA-256 of their token.
CREATE TABLE analytics.password_links (
    token_hash bytea PRIMARY KEY,
    user_id    text NOT NULL REFERENCES analytics.users ON DELETE CASCADE,
    kind       smallint NOT NULL,
    expires_at timestamp NOT NULL,
    used_at    timestamp
);
CREATE INDEX password_links_by_user ON analytics.password_links (user_id);

-- Read-only links to one report with fixed filters, by the SHA-256 of their token.
CREATE TABLE analytics.share_links (
    link_id      text PRIMARY KEY,
    token_hash   bytea NOT NULL UNIQUE,
    workspace_id text NOT NULL,
    report       text NOT NULL,
    filters      text NOT NULL,
    created_at   timestamp NOT NULL,
    expires_at   timestamp NOT NULL,
    revoked_at   timestamp
);
CREATE INDEX share_links_by_workspace ON analytics.share_links (workspace_id, created_at);
