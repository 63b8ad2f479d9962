-- Takes the workspace's queued events: each is taken by exactly this refresh, or, committed after this statement, left for
-- the next one.
WITH taken AS (DELETE FROM analytics.refresh_batches WHERE workspace_id = @ws RETURNING seqs)
INSERT INTO pg_temp.refresh_queued SELECT unnest(seqs) FROM taken;
