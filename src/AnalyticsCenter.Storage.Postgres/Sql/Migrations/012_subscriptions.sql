-- Subscriptions (a saved query or report delivered on a schedule by email or webhook) and their deliveries. Only the
-- store's own role reads them; on Citus they stay plain tables on the coordinator, small and read by the store alone.
CREATE TABLE analytics.subscriptions (
    subscription_id text PRIMARY KEY,
    workspace_id    text NOT NULL,
    name            text NOT NULL,
    source_kind     smallint NOT NULL,  -- 0 saved query, 1 ready report
    source_ref      text NOT NULL,      -- the saved query's id or the report's name
    parameters      text NOT NULL,      -- the report's parameters, a JSON object
    schedule        text NOT NULL,      -- as written, in the workspace's time zone
    channel         smallint NOT NULL,  -- 0 email, 1 webhook
    target          text NOT NULL,      -- addresses or URL
    secret          text NOT NULL,      -- the webhook signing key; empty for email
    created_at      timestamp NOT NULL
);
CREATE INDEX subscriptions_by_workspace ON analytics.subscriptions (workspace_id, created_at);

-- One row per subscription and schedule slot: its primary key is the claim, so however many servers run the schedule,
-- one inserts the row and sends; a row still 'sending' past its lease belongs to a server that died, and is claimed again.
CREATE TABLE analytics.deliveries (
    subscription_id text NOT NULL REFERENCES analytics.subscriptions ON DELETE CASCADE,
    slot            timestamp NOT NULL,  -- UTC
    workspace_id    text NOT NULL,
    status          smallint NOT NULL,   -- 0 sending, 1 delivered, 2 failed
    attempts        integer NOT NULL,
    reason          text,
    claimed_by      text NOT NULL,
    lease_until     timestamp NOT NULL,
    updated_at      timestamp NOT NULL,
    PRIMARY KEY (subscription_id, slot)
);
CREATE INDEX deliveries_by_workspace ON analytics.deliveries (workspace_id, slot);
CREATE INDEX deliveries_sending ON analytics.deliveries (lease_until) WHERE status = 0;
