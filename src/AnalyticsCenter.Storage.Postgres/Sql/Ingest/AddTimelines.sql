-- The batch's new timelines. In key order, so two batches adding the same ones at once wait for each other instead of
-- deadlocking; one that finds a key another batch just added leaves it to that one (the unique key settles it). An outer
-- join rather than NOT EXISTS: Citus plans a join of the local staging table with the distributed timelines, not a
-- correlated subquery over them.
INSERT INTO analytics.timelines (workspace_id, line_number, user_country_code, user_cellphone)
SELECT DISTINCT s.workspace_id, s.line_number, s.country_code, s.cellphone
FROM pg_temp.ingest_staging s
LEFT JOIN analytics.timelines t
    ON t.workspace_id = s.workspace_id AND t.line_number = s.line_number
   AND t.user_country_code = s.country_code AND t.user_cellphone = s.cellphone
WHERE s.line_number IS NOT NULL AND t.workspace_id IS NULL
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
