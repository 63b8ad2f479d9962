-- The store's own tables live in schema "analytics"; tenants never see it (they read views of their own rows, named
-- sessions and deployments). Timestamps are UTC, without a zone, as on DuckDB.
CREATE SCHEMA analytics;

-- Configured settings; a workspace with no row has the defaults (60 minutes, UTC).
CREATE TABLE analytics.workspaces (
    workspace_id          text PRIMARY KEY,
    inactivity_timeout_us bigint,     -- NULL: none, sessions never expire
    updated_at            timestamp NOT NULL,
    time_zone             text        -- IANA id of the default zone reports bucket days in; NULL: UTC
);

-- What the last refresh of each workspace applied.
CREATE TABLE analytics.refresh_state (
    workspace_id          text PRIMARY KEY,
    as_of                 timestamp NOT NULL,
    refreshed_at          timestamp NOT NULL,
    inactivity_timeout_us bigint,           -- the timeout used (NULL: none)
    retention_days        integer NOT NULL
);

-- The two user-facing tables, with the workspace and the internal columns the refresh needs in front.
CREATE TABLE analytics.sessions (
    workspace_id                  text NOT NULL,
    timeline_id                   bigint NOT NULL,
    last_activity_at              timestamp NOT NULL,
    session_id                    text NOT NULL,
    parent_session_id             text,
    session_started_timestamp     timestamp NOT NULL,
    session_finished_timestamp    timestamp,
    session_type                  text NOT NULL,
    session_status                text NOT NULL,
    conversation_id               text,
    conversation_version          integer,
    user_country_code             text NOT NULL,
    user_cellphone                text NOT NULL,
    line_whatsapp_number          text NOT NULL,
    line_whatsapp_display_name    text,
    first_message_timestamp       timestamp,
    first_message                 text,
    last_message_timestamp        timestamp,
    last_message                  text,
    last_node_id                  text,
    meta_source_url               text,
    meta_source_type              text,
    meta_source_id                text,
    meta_source_headline          text,
    meta_source_body              text,
    meta_source_media_type        text,
    meta_source_media_url         text,
    meta_source_thumbnail_url     text,
    whatsapp_link_campaign_name   text,
    whatsapp_link_campaign_source text,
    session_end_reason            text
);
CREATE INDEX sessions_by_timeline ON analytics.sessions (workspace_id, timeline_id);
CREATE INDEX sessions_by_start ON analytics.sessions (workspace_id, session_started_timestamp);

CREATE TABLE analytics.deployments (
    workspace_id                   text NOT NULL,
    timeline_id                    bigint NOT NULL,
    conversation_id                text NOT NULL,
    conversation_version           integer NOT NULL,
    user_country_code              text NOT NULL,
    user_cellphone                 text NOT NULL,
    deployment_timestamp           timestamp NOT NULL,
    delivery_status                text NOT NULL,
    status_detail                  text,
    deployment_delivered_timestamp timestamp,
    session_id                     text,
    deployment_id                  text NOT NULL,
    line_whatsapp_number           text NOT NULL,
    campaign_name                  text
);
CREATE INDEX deployments_by_timeline ON analytics.deployments (workspace_id, timeline_id);
CREATE INDEX deployments_by_time ON analytics.deployments (workspace_id, deployment_timestamp);
