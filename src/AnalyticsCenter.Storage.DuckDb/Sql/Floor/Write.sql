-- Writing the events into a store's events table (its compression named as Schema.sql names it), then to disk.
INSERT INTO ac.events FROM floor_events;
CHECKPOINT;
