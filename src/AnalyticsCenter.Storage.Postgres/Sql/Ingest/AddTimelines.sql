-- The batch's timelines, sorted out of its events once: each distinct key into ingest_timelines (which StoreEvents.sql
-- reads too), then the ones the store lacks added. Each key is looked up once, however many of the batch's events share
-- it. In key order, so two batches adding the same ones at once wait for each other instead of deadlocking; one that
-- finds a key another batch just added leaves it to that one (the unique key settles it). An outer join rather than NOT
-- EXISTS: Citus plans a join of a local table with the distributed timelines, not a correlated subquery over them.
-- Compared bytewise (COLLATE "C"), as the key's index is (Migrations/022), so the join probes it and the sort calls no
-- strcoll(). The list is read through DISTINCT, a no-op on it, because the planner has no statistics for a work table and
-- guessed it large enough to hash every timeline of the store instead of probing the index for the batch's few; a
-- DISTINCT it estimates at a couple of hundred groups, as it did when the keys were sorted out here.
INSERT INTO pg_temp.ingest_timelines (workspace_id, line_number, country_code, cellphone)
SELECT DISTINCT workspace_id COLLATE "C", line_number COLLATE "C", country_code COLLATE "C", cellphone COLLATE "C"
FROM pg_temp.ingest_staging
WHERE line_number IS NOT NULL;

INSERT INTO analytics.timelines (workspace_id, line_number, user_country_code, user_cellphone)
SELECT k.workspace_id, k.line_number, k.country_code, k.cellphone
FROM (SELECT DISTINCT * FROM pg_temp.ingest_timelines) k
LEFT JOIN analytics.timelines t
    ON t.workspace_id = k.workspace_id AND t.line_number = k.line_number
   AND t.user_country_code = k.country_code AND t.user_cellphone = k.cellphone
WHERE t.workspace_id IS NULL
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
