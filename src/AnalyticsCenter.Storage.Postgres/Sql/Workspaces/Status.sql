-- Per workspace (or only @ws): the last refresh, row counts, events the tables do not reflect yet (queued for a refresh,
-- or occurring after its as-of time), statuses the last refresh saw without their deployment, and its settings.
WITH workspaces AS (
    SELECT workspace_id FROM analytics.refresh_state
    UNION SELECT workspace_id FROM analytics.timelines
    UNION SELECT workspace_id FROM analytics.refresh_batches
    UNION SELECT workspace_id FROM analytics.workspaces
)
SELECT w.workspace_id,
       r.as_of,
       r.refreshed_at,
       (SELECT count(*) FROM analytics.sessions s WHERE s.workspace_id = w.workspace_id) AS sessions,
       (SELECT count(*) FROM analytics.deployments d WHERE d.workspace_id = w.workspace_id) AS deployments,
       (SELECT count(*) FROM analytics.events e WHERE e.workspace_id = w.workspace_id
           AND (r.workspace_id IS NULL OR e.occurred_at > r.as_of
                OR EXISTS (SELECT 1 FROM analytics.refresh_batches q WHERE q.workspace_id = e.workspace_id AND q.seqs @> e.seq))) AS events_waiting,
       (SELECT count(*) FROM analytics.events s WHERE s.workspace_id = w.workspace_id AND s.type = 10
           AND r.workspace_id IS NOT NULL AND s.occurred_at <= r.as_of
           AND NOT EXISTS (SELECT 1 FROM analytics.refresh_batches q WHERE q.workspace_id = s.workspace_id AND q.seqs @> s.seq)
           AND NOT EXISTS (SELECT 1 FROM analytics.events c WHERE c.workspace_id = s.workspace_id AND c.type = 9
                           AND c.deployment_id = s.deployment_id AND c.occurred_at <= r.as_of
                           AND NOT EXISTS (SELECT 1 FROM analytics.refresh_batches q WHERE q.workspace_id = c.workspace_id AND q.seqs @> c.seq)))
           AS statuses_pending,
       ws.inactivity_timeout_us IS NOT NULL OR ws.workspace_id IS NULL AS has_timeout,
       coalesce(ws.inactivity_timeout_us, CASE WHEN ws.workspace_id IS NULL THEN 3600000000 END) AS inactivity_timeout_us,
       ws.time_zone
FROM workspaces w
LEFT JOIN analytics.refresh_state r ON r.workspace_id = w.workspace_id
LEFT JOIN analytics.workspaces ws ON ws.workspace_id = w.workspace_id
WHERE @ws::text IS NULL OR w.workspace_id = @ws::text
ORDER BY w.workspace_id COLLATE "C";
