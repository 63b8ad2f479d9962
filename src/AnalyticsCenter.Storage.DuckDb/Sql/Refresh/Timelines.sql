-- The timelines a refresh recomputes, each with its workspace's index in refresh_workspaces: every timeline of a workspace
-- rebuilt in full; of the others, those whose rows may differ between their last refresh (as of prev_as_of, up to seq
-- prev_last_seq) and this one. Anything else keeps its rows, which is what makes a refresh incremental and still equal
-- to a rebuild. One statement for all workspaces, so a store of many pays for its tables once, not once per workspace.
INSERT INTO refresh_timelines
WITH incremental AS (
    SELECT * FROM refresh_workspaces WHERE NOT rebuild
),
-- Deployments by their keys, one per (workspace, deployment id): numbers, where their text would be decompressed for
-- every deployment.created in the store.
created AS (
    SELECT e.deployment_key, e.timeline_id FROM ac.events e WHERE e.type = 9
),
touched AS (
    -- events ingested since, or whose time has now come, or that retention drops: one branch each, so that each
    -- branch's bound common to all workspaces lets the scan skip the row groups that cannot match (the store appends in
    -- seq order, and mostly in time order), and a frequent refresh reads the newest events, not all of them
    SELECT e.type, e.timeline_id, e.deployment_key
    FROM ac.events e JOIN incremental w ON w.workspace_id = e.workspace_id
    WHERE e.seq > $since_seq AND e.seq > w.prev_last_seq
    UNION ALL
    SELECT e.type, e.timeline_id, e.deployment_key
    FROM ac.events e JOIN incremental w ON w.workspace_id = e.workspace_id
    WHERE e.occurred_at > $since_as_of AND e.occurred_at <= $as_of AND e.occurred_at > w.prev_as_of
    UNION ALL
    SELECT e.type, e.timeline_id, e.deployment_key
    FROM ac.events e JOIN incremental w ON w.workspace_id = e.workspace_id
    WHERE e.occurred_at < $latest_cutoff AND e.occurred_at < w.cutoff
),
dirty AS (
    SELECT timeline_id FROM touched WHERE type <> 10
    UNION
    -- a status or a new deployment.created affects every timeline holding a deployment of that id
    SELECT c.timeline_id FROM touched t
    JOIN created c ON c.deployment_key = t.deployment_key
    WHERE t.type IN (9, 10)
    UNION
    -- open sessions that the passing time closes
    SELECT s.timeline_id FROM ac.sessions s JOIN incremental w ON w.workspace_id = s.workspace_id
    WHERE s.session_finished_timestamp IS NULL
      AND w.timeout_us IS NOT NULL AND s.last_activity_at + to_microseconds(w.timeout_us) <= $as_of
    UNION
    -- rows that retention drops
    SELECT s.timeline_id FROM ac.sessions s JOIN incremental w ON w.workspace_id = s.workspace_id
    WHERE s.session_started_timestamp < w.cutoff
    UNION
    SELECT d.timeline_id FROM ac.deployments d JOIN incremental w ON w.workspace_id = d.workspace_id
    WHERE d.deployment_timestamp < w.cutoff
    UNION
    -- workspaces rebuilt in full: all of theirs
    SELECT t.timeline_id FROM ac.timelines t JOIN refresh_workspaces w ON w.workspace_id = t.workspace_id
    WHERE w.rebuild
)
SELECT d.timeline_id, w.ws
FROM dirty d
JOIN ac.timelines t ON t.timeline_id = d.timeline_id
JOIN refresh_workspaces w ON w.workspace_id = t.workspace_id;
