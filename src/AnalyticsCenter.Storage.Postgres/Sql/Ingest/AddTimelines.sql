-- The batch's timelines, sorted out of its events once: each distinct key with the id the store already has for it
-- (ingest_timelines, which StoreEvents.sql reads), then the new ones added. Each key is looked up once, however many of
-- the batch's events share it. An outer join rather than NOT EXISTS: Citus plans a join of a local table with the
-- distributed timelines, not a correlated subquery over them. Compared bytewise (COLLATE "C"), as the key's index is
-- (Migrations/022), so the join probes it and the sort calls no strcoll().
INSERT INTO pg_temp.ingest_timelines (workspace_id, line_number, country_code, cellphone, timeline_id)
SELECT k.workspace_id, k.line_number, k.country_code, k.cellphone, t.timeline_id
FROM (
    SELECT DISTINCT workspace_id COLLATE "C" AS workspace_id, line_number COLLATE "C" AS line_number,
                    country_code COLLATE "C" AS country_code, cellphone COLLATE "C" AS cellphone
    FROM pg_temp.ingest_staging
    WHERE line_number IS NOT NULL
) k
LEFT JOIN analytics.timelines t
    ON t.workspace_id = k.workspace_id AND t.line_number = k.line_number
   AND t.user_country_code = k.country_code AND t.user_cellphone = k.cellphone;

-- In key order, so two batches adding the same ones at once wait for each other instead of deadlocking; one that finds
-- a key another batch just added leaves it to that one (the unique key settles it).
INSERT INTO analytics.timelines (workspace_id, line_number, user_country_code, user_cellphone)
SELECT workspace_id, line_number, country_code, cellphone
FROM pg_temp.ingest_timelines
WHERE timeline_id IS NULL
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
