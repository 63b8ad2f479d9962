-- Retention: raw events that no retained row needs; returns how many went. A timeline's events before its safe purge
-- point go (no session was open then, no earlier deployment changed later). A status goes with its deployment: when every
-- deployment.created of its id in its workspace is purged. A status whose deployment has not arrived yet stays pending,
-- however old: the deployment may still come, and it will need it. Both deletes see the events as they were. Timeline ids
-- are the workspace's own, so the workspace filters change no result: they keep the statement on its shard on Citus.
WITH gone AS (
    SELECT c.deployment_id FROM analytics.events c
    JOIN analytics.purge_cuts p ON p.workspace_id = c.workspace_id AND p.timeline_id = c.timeline_id
    WHERE c.workspace_id = @ws AND p.workspace_id = @ws AND c.type = 9 AND c.occurred_at < p.purge_before
    EXCEPT
    SELECT c.deployment_id FROM analytics.events c
    LEFT JOIN analytics.purge_cuts p ON p.workspace_id = c.workspace_id AND p.timeline_id = c.timeline_id
    WHERE c.workspace_id = @ws AND c.type = 9 AND (p.timeline_id IS NULL OR c.occurred_at >= p.purge_before)
),
statuses AS (
    DELETE FROM analytics.events s USING gone
    WHERE s.workspace_id = @ws AND s.type = 10 AND s.deployment_id = gone.deployment_id
    RETURNING 1
),
timeline_events AS (
    DELETE FROM analytics.events e USING analytics.purge_cuts p
    WHERE e.workspace_id = @ws AND p.workspace_id = @ws AND e.workspace_id = p.workspace_id AND e.timeline_id = p.timeline_id
      AND e.occurred_at < p.purge_before
    RETURNING 1
)
SELECT (SELECT count(*) FROM statuses) + (SELECT count(*) FROM timeline_events);
