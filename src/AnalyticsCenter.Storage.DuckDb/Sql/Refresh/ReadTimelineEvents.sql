-- The events of the dirty timelines up to the as-of time, in timeline order: occurred_at, ties by event_id; each with its
-- timeline's workspace (ws), whose settings the sessionizer applies.
-- A deployment's first deployment.created (by the same order) is the one that counts; its statuses join its timeline.
-- It comes from one grouped scan that keeps what the timeline needs of it, so no window sorts every created and no
-- second scan fetches it again. Only the deployments the dirty timelines create are grouped (a deployment's first
-- created is in one of its timelines): an incremental refresh's few, not the store's every deployment.
-- Deployments are matched by their keys (one per workspace and deployment id), which the scans compare without
-- decompressing any text.
WITH dirty_deployments AS (
    SELECT DISTINCT e.deployment_key
    FROM ac.events e SEMI JOIN dirty_timelines d ON d.timeline_id = e.timeline_id
    WHERE e.type = 9 AND e.occurred_at <= $as_of
),
created AS (
    SELECT e.deployment_key,
           min({'occurred_at': e.occurred_at, 'event_id': e.event_id, 'seq': e.seq, 'timeline_id': e.timeline_id}) AS c
    FROM ac.events e SEMI JOIN dirty_deployments x ON x.deployment_key = e.deployment_key
    WHERE e.type = 9 AND e.occurred_at <= $as_of
    GROUP BY e.deployment_key
),
timeline_events AS (
    SELECT e.timeline_id, d.ws, e.seq, e.type, e.occurred_at, e.event_id, NULL::BIGINT AS deployment_seq, NULL::UTINYINT AS status
    FROM ac.events e JOIN dirty_timelines d ON d.timeline_id = e.timeline_id
    WHERE e.type NOT IN (9, 10) AND e.occurred_at <= $as_of
    UNION ALL
    SELECT c.c.timeline_id, d.ws, c.c.seq, 9, c.c.occurred_at, c.c.event_id, c.c.seq, NULL
    FROM created c JOIN dirty_timelines d ON d.timeline_id = c.c.timeline_id
    UNION ALL
    SELECT c.c.timeline_id, d.ws, s.seq, s.type, s.occurred_at, s.event_id, c.c.seq, s.status
    FROM ac.events s
    JOIN created c ON c.deployment_key = s.deployment_key
    JOIN dirty_timelines d ON d.timeline_id = c.c.timeline_id
    WHERE s.type = 10 AND s.occurred_at <= $as_of
)
SELECT timeline_id, ws, seq, type, epoch_us(occurred_at) AS at_us, deployment_seq, status
FROM timeline_events
ORDER BY timeline_id, occurred_at, event_id;
