-- The raw side of the store: timelines, accepted events, the queue of events no refresh has seen, rejections, and the
-- settings tables the product keeps besides events. Numeric event types and statuses are Core's EventType and
-- DeliveryReport.

-- One row per (workspace, line, user): the unit of sessionization. Ingest processes add them at once: the unique key
-- settles who adds a new one, and every process reads the same id back.
CREATE TABLE analytics.timelines (
    timeline_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id      text NOT NULL,
    line_number       text NOT NULL,
    user_country_code text NOT NULL,
    user_cellphone    text NOT NULL,
    UNIQUE (workspace_id, line_number, user_country_code, user_cellphone)
);

-- Accepted raw events, deduplicated by the unique key (workspace_id, event_id), whoever writes them. What refreshes read on
-- every event are columns; the rest (messages, attribution, node ids, failure reasons...) is one JSON object in details,
-- text with no NUL escape (the ingest shows a NUL as U+2400), read only for the events that rows refer to.
CREATE TABLE analytics.events (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  text NOT NULL,
    event_id      text NOT NULL,
    type          smallint NOT NULL,
    occurred_at   timestamp NOT NULL,
    received_at   timestamp NOT NULL,
    timeline_id   bigint,                -- NULL for deployment.status: its deployment names the timeline
    deployment_id text,
    status        smallint,
    details       text,
    UNIQUE (workspace_id, event_id)
);
CREATE INDEX events_by_timeline ON analytics.events (timeline_id, occurred_at);
CREATE INDEX events_by_time ON analytics.events (workspace_id, occurred_at);
CREATE INDEX events_by_deployment ON analytics.events (workspace_id, deployment_id) WHERE type IN (9, 10);

-- Events stored since their workspace's last refresh, by seq, written in the ingest's own transaction and taken
-- (DELETE ... RETURNING) by the refresh in its own. Several writers commit seqs out of order, so "seq > the last seq
-- seen" would miss an event a slower transaction commits later; a row here is seen by exactly the first refresh that
-- starts after its event commits.
CREATE TABLE analytics.refresh_queue (
    workspace_id text NOT NULL,
    seq          bigint NOT NULL
);
CREATE INDEX refresh_queue_by_workspace ON analytics.refresh_queue (workspace_id, seq);

-- Every line that was not applied and is not a duplicate. PostgreSQL text cannot hold NUL: raw and reason show each NUL
-- as U+2400 (␀), and raw_bytes keeps the raw line's exact UTF-8 then (NULL otherwise), so nothing is lost.
CREATE TABLE analytics.rejections (
    workspace_id text,                       -- when the line named a valid one
    received_at  timestamp NOT NULL,
    source       text NOT NULL,              -- a file's path, "stdin", or a request
    line_number  bigint,
    category     text NOT NULL,
    reason       text NOT NULL,
    raw          text NOT NULL,
    raw_bytes    bytea
);
CREATE INDEX rejections_by_time ON analytics.rejections (received_at);

-- Workspace API keys: only a salted SHA-256 of each secret (Core's ApiKeyHasher); scope is Core's KeyScope. A revoked key
-- keeps its row, so its id is never reused.
CREATE TABLE analytics.api_keys (
    key_id       text PRIMARY KEY,
    workspace_id text NOT NULL,
    name         text NOT NULL,
    scope        smallint NOT NULL,
    salt         bytea NOT NULL,
    hash         bytea NOT NULL,
    created_at   timestamp NOT NULL,
    revoked_at   timestamp
);

-- Queries a workspace saved from the web tab's SQL editor, one per (workspace, name).
CREATE TABLE analytics.saved_queries (
    query_id     text PRIMARY KEY,
    workspace_id text NOT NULL,
    name         text NOT NULL,
    sql          text NOT NULL,
    saved_at     timestamp NOT NULL,
    UNIQUE (workspace_id, name)
);

-- WhatsApp Cloud API lines: which workspace a phone number's webhooks belong to and how its messages become events.
CREATE TABLE analytics.lines (
    phone_number_id      text PRIMARY KEY,
    workspace_id         text NOT NULL,
    line_number          text NOT NULL,
    display_name         text NOT NULL,
    conversation_id      text,
    conversation_version integer,
    updated_at           timestamp NOT NULL
);

CREATE TABLE analytics.line_link_codes (
    phone_number_id text NOT NULL REFERENCES analytics.lines ON DELETE CASCADE,
    code            text NOT NULL,
    campaign_name   text NOT NULL,
    campaign_source text,
    PRIMARY KEY (phone_number_id, code)
);

-- Webhook statuses waiting for the deployment.created whose message_id is theirs; each refresh turns the matched ones
-- into deployment.status events, and one no deployment names goes after the retention period.
CREATE TABLE analytics.whatsapp_statuses (
    workspace_id text NOT NULL,
    event_id     text NOT NULL,              -- message id and status: Meta's retries are duplicates
    message_id   text NOT NULL,
    status       text NOT NULL,
    occurred_at  timestamp NOT NULL,
    error_code   text,
    error_title  text,
    error_detail text,
    received_at  timestamp NOT NULL,
    PRIMARY KEY (workspace_id, event_id)
);

-- A session's id derives from the event that started it (a delivered deployment's from the deployment), so the same
-- events always give the same ids, across refreshes, rebuilds and stores (DuckDB's macro of the same name).
CREATE FUNCTION analytics.session_key(ws text, start_type smallint, start_event_id text, start_deployment_id text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 's_' || left(md5(ws || chr(31) || CASE WHEN start_type = 9 THEN 'd:' || start_deployment_id ELSE 'e:' || start_event_id END), 24);
