-- The timelines whose rows may differ between the workspace's last refresh (as of @prev_as_of, with the events it took
-- from the queue) and this one. Anything else keeps its rows, which is what makes a refresh incremental and still equal
-- to a rebuild (DuckDB's Refresh/Timelines.sql, for one workspace).
INSERT INTO pg_temp.refresh_dirty
WITH touched AS (
    -- events stored since,
    SELECT e.type, e.timeline_id, e.deployment_id
    FROM pg_temp.refresh_queued q JOIN analytics.events e ON e.seq >= lower(q.seqs) AND e.seq < upper(q.seqs)
    -- (the queue holds the workspace's seqs only: the filter is for Citus, to read the workspace's shard alone)
    WHERE e.workspace_id = @ws
    UNION ALL
    -- or whose time has now come, or that retention drops
    SELECT e.type, e.timeline_id, e.deployment_id
    FROM analytics.events e
    WHERE e.workspace_id = @ws AND ((e.occurred_at > @prev_as_of AND e.occurred_at <= @as_of) OR e.occurred_at < @cutoff)
),
dirty AS (
    SELECT timeline_id FROM touched WHERE type <> 10
    UNION
    -- a status or a new deployment.created affects every timeline holding a deployment of that id
    SELECT c.timeline_id
    FROM (SELECT DISTINCT deployment_id FROM touched WHERE type IN (9, 10)) t
    JOIN analytics.events c ON c.workspace_id = @ws AND c.type = 9 AND c.deployment_id = t.deployment_id
    UNION
    -- open sessions that the passing time closes
    SELECT timeline_id FROM analytics.sessions
    WHERE workspace_id = @ws AND session_finished_timestamp IS NULL
      AND @timeout_us::bigint IS NOT NULL AND last_activity_at + interval '1 microsecond' * @timeout_us::bigint <= @as_of
    UNION
    -- rows that retention drops
    SELECT timeline_id FROM analytics.sessions WHERE workspace_id = @ws AND session_started_timestamp < @cutoff
    UNION
    SELECT timeline_id FROM analytics.deployments WHERE workspace_id = @ws AND deployment_timestamp < @cutoff
)
SELECT timeline_id FROM dirty WHERE timeline_id IS NOT NULL;
