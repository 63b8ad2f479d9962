-- A cursor over the dirty timelines' events up to the as-of time, in timeline order: occurred_at, ties by event_id in
-- code-point order (COLLATE "C", as DuckDB compares). A deployment's first deployment.created (by the same order) is the
-- one that counts; its statuses join its timeline. Every table is read for @ws alone, joined on workspace_id, so Citus
-- runs the whole query on the workspace's shard and streams its rows once.
DECLARE timeline_events NO SCROLL CURSOR FOR
WITH created AS (
    SELECT DISTINCT ON (deployment_id) workspace_id, deployment_id, occurred_at, event_id, seq, timeline_id
    FROM analytics.events
    WHERE workspace_id = @ws AND type = 9 AND occurred_at <= @as_of
    ORDER BY deployment_id, occurred_at, event_id COLLATE "C"
)
SELECT timeline_id, seq, type, occurred_at, deployment_seq, status
FROM (
    SELECT e.timeline_id, e.seq, e.type, e.occurred_at, e.event_id, NULL::bigint AS deployment_seq, NULL::smallint AS status
    FROM analytics.events e JOIN analytics.refresh_dirty d ON d.workspace_id = e.workspace_id AND d.timeline_id = e.timeline_id
    WHERE e.workspace_id = @ws AND d.workspace_id = @ws AND e.type NOT IN (9, 10) AND e.occurred_at <= @as_of
    UNION ALL
    SELECT c.timeline_id, c.seq, 9::smallint, c.occurred_at, c.event_id, c.seq, NULL
    FROM created c JOIN analytics.refresh_dirty d ON d.workspace_id = c.workspace_id AND d.timeline_id = c.timeline_id
    WHERE d.workspace_id = @ws
    UNION ALL
    SELECT c.timeline_id, s.seq, s.type, s.occurred_at, s.event_id, c.seq, s.status
    FROM analytics.events s
    JOIN created c ON c.workspace_id = s.workspace_id AND c.deployment_id = s.deployment_id
    JOIN analytics.refresh_dirty d ON d.workspace_id = c.workspace_id AND d.timeline_id = c.timeline_id
    WHERE s.workspace_id = @ws AND d.workspace_id = @ws AND s.type = 10 AND s.occurred_at <= @as_of
) t
ORDER BY timeline_id, occurred_at, event_id COLLATE "C";
