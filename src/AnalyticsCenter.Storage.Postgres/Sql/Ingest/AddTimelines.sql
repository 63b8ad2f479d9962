-- The batch's new timelines. In key order, so two batches adding the same ones at once wait for each other instead of
-- deadlocking; one that finds a key another batch just added leaves it to that one (the unique key settles it).
INSERT INTO analytics.timelines (workspace_id, line_number, user_country_code, user_cellphone)
SELECT DISTINCT s.workspace_id, s.line_number, s.country_code, s.cellphone
FROM pg_temp.ingest_staging s
WHERE s.line_number IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM analytics.timelines t
      WHERE t.workspace_id = s.workspace_id AND t.line_number = s.line_number
        AND t.user_country_code = s.country_code AND t.user_cellphone = s.cellphone)
ORDER BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
