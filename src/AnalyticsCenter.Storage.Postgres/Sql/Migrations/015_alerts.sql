-- Alerts (a condition on a saved query's or report's number, checked after each refresh) with their state, and their
-- transitions (firing, resolved) with how each notification went. Only the store's own role reads them; on Citus they
-- stay plain tables on the coordinator, as subscriptions do. A check moves the state by compare-and-set on
-- (state, last_checked_as_of), so however many servers check one refresh, one wins and notifies.
CREATE TABLE analytics.alerts (
    alert_id           text PRIMARY KEY,
    workspace_id       text NOT NULL,
    name               text NOT NULL,
    source_kind        smallint NOT NULL,          -- 0 saved query, 1 ready report
    source_ref         text NOT NULL,              -- the saved query's id or the report's name
    parameters         text NOT NULL,              -- the report's parameters, a JSON object
    operator           smallint NOT NULL,          -- 0 below, 1 above, 2 no rows
    threshold          double precision NOT NULL,
    channel            smallint NOT NULL,          -- 0 email, 1 webhook
    target             text NOT NULL,              -- addresses or URL
    secret             text NOT NULL,              -- the webhook signing key; empty for email
    created_at         timestamp NOT NULL,
    state              smallint NOT NULL,          -- 0 ok, 1 firing
    last_value         double precision,           -- NULL: no rows, or never checked
    last_checked_as_of timestamp                   -- UTC; NULL: never checked
);
CREATE INDEX alerts_by_workspace ON analytics.alerts (workspace_id, created_at);

CREATE TABLE analytics.alert_history (
    alert_id     text NOT NULL REFERENCES analytics.alerts ON DELETE CASCADE,
    as_of        timestamp NOT NULL,  -- UTC, the refresh as-of of the check that saw the change
    workspace_id text NOT NULL,
    state        smallint NOT NULL,   -- the state it changed to: 1 firing, 0 resolved
    value        double precision,
    status       smallint NOT NULL,   -- its notification: 0 sending, 1 delivered, 2 failed
    reason       text,
    updated_at   timestamp NOT NULL,
    PRIMARY KEY (alert_id, as_of)
);
CREATE INDEX alert_history_by_workspace ON analytics.alert_history (workspace_id, as_of);
