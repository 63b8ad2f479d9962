-- The store's own tables live in schema "ac"; tenants never see it (they query temp views named
-- sessions and deployments). Numeric event types and statuses are Core's EventType and DeliveryReport.
CREATE SCHEMA IF NOT EXISTS ac;

CREATE TABLE IF NOT EXISTS ac.store_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
INSERT OR IGNORE INTO ac.store_info VALUES ('schema_version', '1');

-- Configured settings; a workspace with no row has the defaults (60 minutes, UTC, the store's retention window).
CREATE TABLE IF NOT EXISTS ac.workspaces (
    workspace_id               VARCHAR PRIMARY KEY,
    inactivity_timeout_us      BIGINT,     -- NULL: none, sessions never expire
    updated_at                 TIMESTAMP NOT NULL,
    time_zone                  VARCHAR,    -- IANA id of the default zone reports bucket days in; NULL: UTC
    retention_us               BIGINT      -- how long rows are kept; NULL: the store's window
);
-- Stores created before these settings existed get their columns on their next writable open.
ALTER TABLE ac.workspaces ADD COLUMN IF NOT EXISTS time_zone VARCHAR;
ALTER TABLE ac.workspaces ADD COLUMN IF NOT EXISTS retention_us BIGINT;

-- What the last refresh of each workspace applied.
CREATE TABLE IF NOT EXISTS ac.refresh_state (
    workspace_id          VARCHAR PRIMARY KEY,
    as_of                 TIMESTAMP NOT NULL,
    refreshed_at          TIMESTAMP NOT NULL,
    last_seq              BIGINT NOT NULL,  -- every event with seq <= last_seq was considered
    inactivity_timeout_us BIGINT,           -- the timeout used (NULL: none)
    retention_days        INTEGER NOT NULL
);

-- Each workspace's data version (IDataVersions): raised in the transaction of every refresh (Refresh/SaveState.sql) and
-- of every change to its uploads (Workspaces/RaiseDataVersion.sql). No row means 0.
CREATE TABLE IF NOT EXISTS ac.data_versions (
    workspace_id VARCHAR PRIMARY KEY,
    version      BIGINT NOT NULL
);

-- The seq the last refresh of every workspace went up to (one row, none before the first): each workspace with an event
-- up to it has a row in refresh_state since, and seqs never repeat, so a refresh looks for other workspaces only among
-- the newer events instead of scanning them all.
CREATE TABLE IF NOT EXISTS ac.refresh_all (
    single   BOOLEAN PRIMARY KEY DEFAULT true CHECK (single),
    last_seq BIGINT NOT NULL
);

-- One row per (workspace, line, user): the unit of sessionization.
CREATE TABLE IF NOT EXISTS ac.timelines (
    timeline_id       BIGINT NOT NULL,
    workspace_id      VARCHAR NOT NULL,
    line_number       VARCHAR NOT NULL,
    user_country_code VARCHAR NOT NULL,
    user_cellphone    VARCHAR NOT NULL
);

-- Accepted raw events, deduplicated by (workspace_id, event_id). What refreshes read on every event are columns;
-- the rest of the event (messages, attribution, node ids, failure reasons...) is one JSON object in details, read
-- only for the events that rows refer to. Keeping the table narrow is what makes bulk ingest fast.
-- Text columns name their compression: left to choose, DuckDB tries every method on every row group it writes, which
-- cost the 5-million-event benchmark's ingest about 0.6 s for the very choices named here (same file size). Details are
-- long JSON text, which zstd packs a third smaller than FSST and writes faster (a store created before it keeps FSST).
CREATE TABLE IF NOT EXISTS ac.events (
    seq           BIGINT NOT NULL,
    workspace_id  VARCHAR NOT NULL USING COMPRESSION dictionary,
    event_id      VARCHAR NOT NULL USING COMPRESSION fsst,
    type          UTINYINT NOT NULL,
    occurred_at   TIMESTAMP NOT NULL,
    received_at   TIMESTAMP NOT NULL,
    timeline_id   BIGINT,               -- NULL for deployment.status: its deployment names the timeline
    deployment_id VARCHAR USING COMPRESSION fsst,
    status        UTINYINT,
    details       VARCHAR USING COMPRESSION zstd, -- JSON: line_display_name, message_kind, message_text, conversation_id, ...
    -- The writer's 64-bit hash of (workspace_id, event_id) (StoredEventIds), so a new writer learns every stored id
    -- from one narrow column instead of reading them all. Random bits: nothing to compress. NULL for events stored
    -- before the column existed.
    id_hash       BIGINT USING COMPRESSION uncompressed,
    -- The writer's number for (workspace_id, deployment_id), one per pair (NumberedKeys), NULL without a deployment id:
    -- refresh scans that pass most events compare it instead of decompressing deployment_id. Numbered in arrival order,
    -- so it packs into few bits.
    deployment_key BIGINT USING COMPRESSION bitpacking
);
-- Stores created before id_hash or deployment_key existed gain them here (the store fills deployment_key on opening).
ALTER TABLE ac.events ADD COLUMN IF NOT EXISTS id_hash BIGINT;
ALTER TABLE ac.events ADD COLUMN IF NOT EXISTS deployment_key BIGINT;

-- Every line that was not applied and is not a duplicate, with its raw text.
CREATE TABLE IF NOT EXISTS ac.rejections (
    workspace_id VARCHAR,                   -- when the line named a valid one
    received_at  TIMESTAMP NOT NULL,
    source       VARCHAR NOT NULL,          -- a file's path, "stdin", or a request
    line_number  BIGINT,
    category     VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    raw          VARCHAR NOT NULL
);

-- The two user-facing tables, with the workspace and the internal columns the refresh needs in front.
CREATE TABLE IF NOT EXISTS ac.sessions (
    workspace_id                  VARCHAR NOT NULL,
    timeline_id                   BIGINT NOT NULL,
    last_activity_at              TIMESTAMP NOT NULL,
    session_id                    VARCHAR NOT NULL,
    parent_session_id             VARCHAR,
    session_started_timestamp     TIMESTAMP NOT NULL,
    session_finished_timestamp    TIMESTAMP,
    session_type                  VARCHAR NOT NULL,
    session_status                VARCHAR NOT NULL,
    conversation_id               VARCHAR,
    conversation_version          INTEGER,
    user_country_code             VARCHAR NOT NULL,
    user_cellphone                VARCHAR NOT NULL,
    line_whatsapp_number          VARCHAR NOT NULL,
    line_whatsapp_display_name    VARCHAR,
    first_message_timestamp       TIMESTAMP,
    first_message                 VARCHAR,
    last_message_timestamp        TIMESTAMP,
    last_message                  VARCHAR,
    last_node_id                  VARCHAR,
    meta_source_url               VARCHAR,
    meta_source_type              VARCHAR,
    meta_source_id                VARCHAR,
    meta_source_headline          VARCHAR,
    meta_source_body              VARCHAR,
    meta_source_media_type        VARCHAR,
    meta_source_media_url         VARCHAR,
    meta_source_thumbnail_url     VARCHAR,
    whatsapp_link_campaign_name   VARCHAR,
    whatsapp_link_campaign_source VARCHAR,
    session_end_reason            VARCHAR,
    -- The events the row was made from (the refresh's session_refs): a recompute that makes the same row again keeps it,
    -- so only changed rows need their events read back. NULL in rows stored before these columns: they are replaced.
    id_seq                        BIGINT,
    parent_id_seq                 BIGINT,
    first_message_seq             BIGINT,
    last_message_seq              BIGINT,
    last_node_seq                 BIGINT
);

CREATE TABLE IF NOT EXISTS ac.deployments (
    workspace_id                   VARCHAR NOT NULL,
    timeline_id                    BIGINT NOT NULL,
    conversation_id                VARCHAR NOT NULL,
    conversation_version           INTEGER NOT NULL,
    user_country_code              VARCHAR NOT NULL,
    user_cellphone                 VARCHAR NOT NULL,
    deployment_timestamp           TIMESTAMP NOT NULL,
    delivery_status                VARCHAR NOT NULL,
    status_detail                  VARCHAR,
    deployment_delivered_timestamp TIMESTAMP,
    session_id                     VARCHAR,
    deployment_id                  VARCHAR NOT NULL,
    line_whatsapp_number           VARCHAR NOT NULL,
    campaign_name                  VARCHAR,
    -- The events the row was made from (the refresh's deployment_refs), as for sessions.
    created_seq                    BIGINT,
    outcome_seq                    BIGINT
);
-- Stores created before the row's event columns gain them here.
ALTER TABLE ac.sessions ADD COLUMN IF NOT EXISTS id_seq BIGINT;
ALTER TABLE ac.sessions ADD COLUMN IF NOT EXISTS parent_id_seq BIGINT;
ALTER TABLE ac.sessions ADD COLUMN IF NOT EXISTS first_message_seq BIGINT;
ALTER TABLE ac.sessions ADD COLUMN IF NOT EXISTS last_message_seq BIGINT;
ALTER TABLE ac.sessions ADD COLUMN IF NOT EXISTS last_node_seq BIGINT;
ALTER TABLE ac.deployments ADD COLUMN IF NOT EXISTS created_seq BIGINT;
ALTER TABLE ac.deployments ADD COLUMN IF NOT EXISTS outcome_seq BIGINT;

-- Workspace API keys. Only a salted SHA-256 of each key's secret is kept (Core's ApiKeyHasher); the secret is shown once,
-- at creation, and exists nowhere else. scope is Core's KeyScope. A revoked key keeps its row, so its id is never reused
-- and the list shows when it stopped working.
CREATE TABLE IF NOT EXISTS ac.api_keys (
    key_id       VARCHAR PRIMARY KEY,
    workspace_id VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    scope        UTINYINT NOT NULL,
    salt         BLOB NOT NULL,
    hash         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP
);

-- Queries a workspace saved from the web tab's SQL editor, one per (workspace, name).
CREATE TABLE IF NOT EXISTS ac.saved_queries (
    query_id     VARCHAR PRIMARY KEY,
    workspace_id VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    sql          VARCHAR NOT NULL,
    saved_at     TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, name)
);

-- The people of each workspace. An email is unique in the store, so signing in needs no workspace; the password hash is
-- the web host's (PBKDF2 by ASP.NET Core Identity's hasher), null until the person sets one through a link.
CREATE TABLE IF NOT EXISTS ac.users (
    user_id       VARCHAR PRIMARY KEY,
    workspace_id  VARCHAR NOT NULL,
    email         VARCHAR NOT NULL UNIQUE,
    role          UTINYINT NOT NULL,
    password_hash VARCHAR,
    created_at    TIMESTAMP NOT NULL
);

-- One-time links to set a password (invitations, resets), by the SHA-256 of their token.
CREATE TABLE IF NOT EXISTS ac.password_links (
    token_hash BLOB PRIMARY KEY,
    user_id    VARCHAR NOT NULL,
    kind       UTINYINT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

-- Read-only links to one report with fixed filters, by the SHA-256 of their token.
CREATE TABLE IF NOT EXISTS ac.share_links (
    link_id      VARCHAR PRIMARY KEY,
    token_hash   BLOB NOT NULL UNIQUE,
    workspace_id VARCHAR NOT NULL,
    report       VARCHAR NOT NULL,
    filters      VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP
);

-- Keys host platforms sign embed tokens with (HS256): the secret is kept as it is, since checking a signature needs it;
-- it guards the data of the file that holds it. A null workspace means tokens may name any workspace.
CREATE TABLE IF NOT EXISTS ac.embed_keys (
    key_id       VARCHAR PRIMARY KEY,
    host         VARCHAR NOT NULL,
    workspace_id VARCHAR,
    secret       VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP
);

-- Embed token ids already used, kept until the token could no longer be accepted anyway, so each opens one session.
CREATE TABLE IF NOT EXISTS ac.embed_tokens_used (
    host       VARCHAR NOT NULL,
    token_id   VARCHAR NOT NULL,
    keep_until TIMESTAMP NOT NULL,
    PRIMARY KEY (host, token_id)
);

-- Tables workspaces upload (issue 19): one row each here, its values in a table of its own, ac.upload_{table_id}, typed
-- (Core's UploadColumnType; timestamps UTC without a zone, as in sessions). Retention never touches them.
CREATE SEQUENCE IF NOT EXISTS ac.upload_ids;
CREATE TABLE IF NOT EXISTS ac.uploads (
    workspace_id VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    table_id     BIGINT NOT NULL,
    columns      VARCHAR NOT NULL,   -- name:type,... (UploadColumnTypes.Describe)
    row_count    BIGINT NOT NULL,
    bytes        BIGINT NOT NULL,
    uploaded_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
