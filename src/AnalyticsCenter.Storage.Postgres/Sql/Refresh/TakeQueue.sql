-- Takes the workspace's queued events: each is taken by exactly this refresh, or, committed after this statement, left for
-- the next one. Returns their seqs as one multirange (NULL when none), which the refresh hands to DirtyTimelines.sql.
WITH taken AS (DELETE FROM analytics.refresh_batches WHERE workspace_id = @ws RETURNING seqs)
SELECT range_agg(seqs) FROM taken;
