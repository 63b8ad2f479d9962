-- The keys every ingested event is checked against, compared bytewise. Under the database's collation each comparison of
-- two different ids in these B-trees was a strcoll() call; with COLLATE "C" it is a memcmp(). Equality is the same either
-- way (a deterministic collation calls two texts equal only when their bytes are), so the keys take exactly the events and
-- timelines they took before; only their order in the index changes. The event key leads with the event id, which tells
-- two entries apart at once, where the workspace id (a handful of values) compared equal at every step of a descent; it
-- still holds the workspace id, as Citus needs of a unique key. They become unique indexes rather than constraints: ON
-- CONFLICT infers them by their columns alone, whatever their order and collation.
CREATE UNIQUE INDEX events_key ON analytics.events (event_id COLLATE "C", workspace_id COLLATE "C");
ALTER TABLE analytics.events DROP CONSTRAINT events_workspace_id_event_id_key;
CREATE UNIQUE INDEX timelines_key
    ON analytics.timelines (workspace_id COLLATE "C", line_number COLLATE "C", user_country_code COLLATE "C", user_cellphone COLLATE "C");
ALTER TABLE analytics.timelines DROP CONSTRAINT timelines_workspace_id_line_number_user_country_code_user_c_key;
