-- Events by time serve only a refresh's search for events whose time has come or that retention drops. A B-tree on
-- (workspace_id, occurred_at) costs every ingested event a descent of its own; a BRIN index keeps a summary per block
-- range, almost free to maintain, and events arrive roughly in time order, so its ranges stay narrow.
DROP INDEX analytics.events_by_time;
CREATE INDEX events_by_time ON analytics.events USING brin (occurred_at);
