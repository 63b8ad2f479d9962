-- The timelines whose rows may differ between the workspace's last refresh (as of @prev_as_of, with the events it took
-- from the queue, @queued) and this one. Anything else keeps its rows, which is what makes a refresh incremental and still
-- equal to a rebuild (DuckDB's Refresh/Timelines.sql, for one workspace). Every table is read for @ws alone and the
-- workspace id is carried from the rows read to the rows written, so Citus sends the whole statement to the workspace's
-- shard: given the id as a value, or the events touched as a CTE read twice (materialized), it brings the rows to the
-- coordinator and back. Inlining the small CTE reads its events twice, on the shard.
INSERT INTO analytics.refresh_dirty (workspace_id, timeline_id)
WITH touched AS NOT MATERIALIZED (
    -- events stored since,
    SELECT e.workspace_id, e.type, e.timeline_id, e.deployment_id
    FROM unnest(@queued::int8multirange) q JOIN analytics.events e ON e.seq >= lower(q) AND e.seq < upper(q)
    WHERE e.workspace_id = @ws
    UNION ALL
    -- or whose time has now come, or that retention drops
    SELECT e.workspace_id, e.type, e.timeline_id, e.deployment_id
    FROM analytics.events e
    WHERE e.workspace_id = @ws AND ((e.occurred_at > @prev_as_of AND e.occurred_at <= @as_of) OR e.occurred_at < @cutoff)
),
dirty AS (
    SELECT workspace_id, timeline_id FROM touched WHERE type <> 10
    UNION
    -- a status or a new deployment.created affects every timeline holding a deployment of that id
    SELECT c.workspace_id, c.timeline_id
    FROM (SELECT DISTINCT workspace_id, deployment_id FROM touched WHERE type IN (9, 10)) t
    JOIN analytics.events c ON c.workspace_id = t.workspace_id AND c.type = 9 AND c.deployment_id = t.deployment_id
    WHERE c.workspace_id = @ws
    UNION
    -- open sessions that the passing time closes
    SELECT workspace_id, timeline_id FROM analytics.sessions
    WHERE workspace_id = @ws AND session_finished_timestamp IS NULL
      AND @timeout_us::bigint IS NOT NULL AND last_activity_at + interval '1 microsecond' * @timeout_us::bigint <= @as_of
    UNION
    -- rows that retention drops
    SELECT workspace_id, timeline_id FROM analytics.sessions WHERE workspace_id = @ws AND session_started_timestamp < @cutoff
    UNION
    SELECT workspace_id, timeline_id FROM analytics.deployments WHERE workspace_id = @ws AND deployment_timestamp < @cutoff
)
SELECT workspace_id, timeline_id FROM dirty WHERE timeline_id IS NOT NULL;
