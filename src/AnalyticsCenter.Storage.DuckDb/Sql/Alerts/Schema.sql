-- Alerts (a condition on a saved query's or report's number, checked after each refresh) with their state, and their
-- transitions (firing, resolved) with how each notification went. A check moves the state by compare-and-set on
-- (state, last_checked_as_of), so one check per refresh wins.
CREATE TABLE IF NOT EXISTS ac.alerts (
    alert_id           VARCHAR PRIMARY KEY,
    workspace_id       VARCHAR NOT NULL,
    name               VARCHAR NOT NULL,
    source_kind        SMALLINT NOT NULL,
    source_ref         VARCHAR NOT NULL,
    parameters         VARCHAR NOT NULL,
    operator           SMALLINT NOT NULL,
    threshold          DOUBLE NOT NULL,
    channel            SMALLINT NOT NULL,
    target             VARCHAR NOT NULL,
    secret             VARCHAR NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    state              SMALLINT NOT NULL,
    last_value         DOUBLE,
    last_checked_as_of TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ac.alert_history (
    alert_id     VARCHAR NOT NULL,
    as_of        TIMESTAMP NOT NULL,
    workspace_id VARCHAR NOT NULL,
    state        SMALLINT NOT NULL,
    value        DOUBLE,
    status       SMALLINT NOT NULL,
    reason       VARCHAR,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (alert_id, as_of)
);

-- A transition is its server's claim on the notification until lease_until, as a delivery is for a subscription's slot; a
-- notification cut off by a crash is claimed again once the lease runs out. A transition kept before these columns and
-- still sending has no live claimant. An alert may watch a chosen numeric column (metric); empty watches the first.
ALTER TABLE ac.alert_history ADD COLUMN IF NOT EXISTS attempts INTEGER DEFAULT 1;
ALTER TABLE ac.alert_history ADD COLUMN IF NOT EXISTS claimed_by VARCHAR DEFAULT '';
ALTER TABLE ac.alert_history ADD COLUMN IF NOT EXISTS lease_until TIMESTAMP DEFAULT '-infinity';
ALTER TABLE ac.alerts ADD COLUMN IF NOT EXISTS metric VARCHAR DEFAULT '';
