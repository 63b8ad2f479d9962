-- An alert's transition is its server's claim on the notification, as a delivery is for a subscription's slot: a server
-- that dies after the check's compare-and-set but before notifying leaves it sending, and once its lease runs out another
-- server (or the restarted one) claims it again and sends it with the same idempotency key. A transition kept before this
-- migration and still sending has no live claimant: its lease has run out. An alert may also watch a chosen numeric
-- column of its source (metric); empty watches the first, as before.
ALTER TABLE analytics.alert_history
    ADD COLUMN attempts    integer NOT NULL DEFAULT 1,
    ADD COLUMN claimed_by  text NOT NULL DEFAULT '',
    ADD COLUMN lease_until timestamp NOT NULL DEFAULT '-infinity';
CREATE INDEX alert_history_sending ON analytics.alert_history (lease_until) WHERE status = 0;

ALTER TABLE analytics.alerts ADD COLUMN metric text NOT NULL DEFAULT '';
