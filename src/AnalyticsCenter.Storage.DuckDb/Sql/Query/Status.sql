-- Per workspace: the last refresh, row counts, events waiting for a later refresh, statuses pending their deployment, and
-- its settings. {time_zone} and {retention_us} are those columns of ws, or NULL for a store opened read-only before the
-- column existed.
WITH workspaces AS (
    SELECT workspace_id FROM ac.refresh_state
    UNION SELECT DISTINCT workspace_id FROM ac.events
    UNION SELECT workspace_id FROM ac.workspaces
)
SELECT w.workspace_id,
       r.as_of,
       r.refreshed_at,
       (SELECT count(*) FROM ac.sessions s WHERE s.workspace_id = w.workspace_id) AS sessions,
       (SELECT count(*) FROM ac.deployments d WHERE d.workspace_id = w.workspace_id) AS deployments,
       (SELECT count(*) FROM ac.events e WHERE e.workspace_id = w.workspace_id
           AND (r.workspace_id IS NULL OR e.seq > r.last_seq OR e.occurred_at > r.as_of)) AS events_waiting,
       (SELECT count(*) FROM ac.events s WHERE s.workspace_id = w.workspace_id AND s.type = 10
           AND r.workspace_id IS NOT NULL AND s.seq <= r.last_seq AND s.occurred_at <= r.as_of
           AND NOT EXISTS (SELECT 1 FROM ac.events c WHERE c.workspace_id = s.workspace_id AND c.type = 9
                           AND c.deployment_id = s.deployment_id AND c.seq <= r.last_seq AND c.occurred_at <= r.as_of)) AS statuses_pending,
       ws.inactivity_timeout_us IS NOT NULL OR ws.workspace_id IS NULL AS has_timeout,
       coalesce(ws.inactivity_timeout_us, CASE WHEN ws.workspace_id IS NULL THEN 3600000000 END) AS inactivity_timeout_us,
       {time_zone} AS time_zone,
       {retention_us} AS retention_us
FROM workspaces w
LEFT JOIN ac.refresh_state r ON r.workspace_id = w.workspace_id
LEFT JOIN ac.workspaces ws ON ws.workspace_id = w.workspace_id
WHERE $ws::VARCHAR IS NULL OR w.workspace_id = $ws::VARCHAR
ORDER BY w.workspace_id;
