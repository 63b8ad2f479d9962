-- Retention: raw events that no retained row needs go, listed first in purged_events with their workspaces (counted
-- by PurgedCounts.sql). A timeline's events before its safe purge point go (no session was open then, no earlier
-- deployment changed later). A status goes with its deployment: when every deployment.created of its id in its
-- workspace is purged. A status whose deployment has not arrived yet stays pending, however old: the deployment may
-- still come, and it will need it.
-- A purge point is never past its workspace's retention start, so $latest_cutoff, the latest of those, bounds every
-- purged event: the scans skip the newer row groups. Deployments are compared by their keys, one per workspace and
-- deployment id, so no scan decompresses their text.
-- The rows are listed first and deleted by row id, with no RETURNING: DuckDB fetches every column of each row a DELETE
-- returns, one row at a time, decompressing a whole vector of details for each.
INSERT INTO purged_events
SELECT s.rowid, s.workspace_id
FROM ac.events s
JOIN (
    SELECT c.deployment_key FROM ac.events c JOIN purge_cuts p ON p.timeline_id = c.timeline_id
    WHERE c.type = 9 AND c.occurred_at < make_timestamp(p.purge_before_us) AND c.occurred_at < $latest_cutoff
    EXCEPT
    SELECT c.deployment_key FROM ac.events c LEFT JOIN purge_cuts p ON p.timeline_id = c.timeline_id
    WHERE c.type = 9 AND (p.timeline_id IS NULL OR c.occurred_at >= make_timestamp(p.purge_before_us))
) gone ON s.deployment_key = gone.deployment_key
WHERE s.type = 10
UNION
SELECT e.rowid, e.workspace_id
FROM ac.events e
JOIN purge_cuts p ON e.timeline_id = p.timeline_id
WHERE e.occurred_at < make_timestamp(p.purge_before_us) AND e.occurred_at < $latest_cutoff;
DELETE FROM ac.events WHERE rowid IN (SELECT row_id FROM purged_events);
