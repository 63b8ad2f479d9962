-- Takes the workspace's queued events: each is taken by exactly this refresh, or, committed after this statement, left for
-- the next one.
WITH taken AS (DELETE FROM analytics.refresh_queue WHERE workspace_id = @ws RETURNING seq)
INSERT INTO pg_temp.refresh_queued SELECT seq FROM taken;
