-- Subscriptions (a saved query or report delivered on a schedule by email or webhook) and their deliveries, one row per
-- subscription and schedule slot. One process writes the file, so the row is the claim only across restarts: a row still
-- sending (0) past its lease was cut off by a crash and is claimed again.
CREATE TABLE IF NOT EXISTS ac.subscriptions (
    subscription_id VARCHAR PRIMARY KEY,
    workspace_id    VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    source_kind     SMALLINT NOT NULL,
    source_ref      VARCHAR NOT NULL,
    parameters      VARCHAR NOT NULL,
    schedule        VARCHAR NOT NULL,
    channel         SMALLINT NOT NULL,
    target          VARCHAR NOT NULL,
    secret          VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS ac.deliveries (
    subscription_id VARCHAR NOT NULL,
    slot            TIMESTAMP NOT NULL,
    workspace_id    VARCHAR NOT NULL,
    status          SMALLINT NOT NULL,
    attempts        INTEGER NOT NULL,
    reason          VARCHAR,
    claimed_by      VARCHAR NOT NULL,
    lease_until     TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (subscription_id, slot)
);
