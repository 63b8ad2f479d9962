-- Per workspace (or only @ws): the last refresh, row counts, events the tables do not reflect yet (queued for a refresh,
-- or occurring after its as-of time), statuses the last refresh saw without their deployment, and its settings. Each
-- count is grouped by workspace on its own, so on Citus each runs on the shards and only the counts are joined.
WITH workspaces AS (
    SELECT workspace_id FROM analytics.refresh_state
    UNION SELECT workspace_id FROM analytics.timelines
    UNION SELECT workspace_id FROM analytics.refresh_batches
    UNION SELECT workspace_id FROM analytics.workspaces
),
sessions AS (
    SELECT workspace_id, count(*) AS n FROM analytics.sessions WHERE @ws::text IS NULL OR workspace_id = @ws::text GROUP BY workspace_id
),
deployments AS (
    SELECT workspace_id, count(*) AS n FROM analytics.deployments WHERE @ws::text IS NULL OR workspace_id = @ws::text GROUP BY workspace_id
),
-- Each workspace's queued seqs as one multirange, so telling whether an event is queued is one binary search, not a
-- probe of every queued batch (a workspace fed by HTTP requests queues one batch a request).
queued AS (
    SELECT q.workspace_id, range_agg(r.seqs) AS seqs
    FROM analytics.refresh_batches q, unnest(q.seqs) AS r(seqs)
    WHERE @ws::text IS NULL OR q.workspace_id = @ws::text
    GROUP BY q.workspace_id
),
waiting AS (
    SELECT e.workspace_id, count(*) AS n
    FROM analytics.events e
    LEFT JOIN analytics.refresh_state r ON r.workspace_id = e.workspace_id
    LEFT JOIN queued q ON q.workspace_id = e.workspace_id
    WHERE (@ws::text IS NULL OR e.workspace_id = @ws::text)
      AND (r.workspace_id IS NULL OR e.occurred_at > r.as_of OR q.seqs @> e.seq)
    GROUP BY e.workspace_id
),
pending AS (
    SELECT s.workspace_id, count(*) AS n
    FROM analytics.events s
    JOIN analytics.refresh_state r ON r.workspace_id = s.workspace_id
    LEFT JOIN queued q ON q.workspace_id = s.workspace_id
    WHERE (@ws::text IS NULL OR s.workspace_id = @ws::text) AND s.type = 10 AND s.occurred_at <= r.as_of
      AND NOT coalesce(q.seqs @> s.seq, false)
      AND NOT EXISTS (SELECT 1 FROM analytics.events c WHERE c.workspace_id = s.workspace_id AND c.type = 9
                      AND c.deployment_id = s.deployment_id AND c.occurred_at <= r.as_of
                      AND NOT coalesce(q.seqs @> c.seq, false))
    GROUP BY s.workspace_id
)
SELECT w.workspace_id,
       r.as_of,
       r.refreshed_at,
       coalesce(s.n, 0) AS sessions,
       coalesce(d.n, 0) AS deployments,
       coalesce(q.n, 0) AS events_waiting,
       coalesce(p.n, 0) AS statuses_pending,
       ws.inactivity_timeout_us IS NOT NULL OR ws.workspace_id IS NULL AS has_timeout,
       coalesce(ws.inactivity_timeout_us, CASE WHEN ws.workspace_id IS NULL THEN 3600000000 END) AS inactivity_timeout_us,
       ws.time_zone,
       ws.retention_us
FROM workspaces w
LEFT JOIN analytics.refresh_state r ON r.workspace_id = w.workspace_id
LEFT JOIN analytics.workspaces ws ON ws.workspace_id = w.workspace_id
LEFT JOIN sessions s ON s.workspace_id = w.workspace_id
LEFT JOIN deployments d ON d.workspace_id = w.workspace_id
LEFT JOIN waiting q ON q.workspace_id = w.workspace_id
LEFT JOIN pending p ON p.workspace_id = w.workspace_id
WHERE @ws::text IS NULL OR w.workspace_id = @ws::text
ORDER BY w.workspace_id COLLATE "C";
