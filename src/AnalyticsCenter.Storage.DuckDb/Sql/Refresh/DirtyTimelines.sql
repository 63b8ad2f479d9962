-- The timelines whose rows may differ between the last refresh (as of $prev_as_of, up to seq $prev_last_seq) and this one:
-- anything else keeps its rows, which is what makes a refresh incremental and still equal to a rebuild.
INSERT INTO refresh_timelines
WITH created AS (
    SELECT deployment_id, timeline_id FROM ac.events WHERE workspace_id = $ws AND type = 9
),
touched AS (
    -- events ingested since, or whose time has now come
    SELECT type, timeline_id, deployment_id FROM ac.events
    WHERE workspace_id = $ws
      AND (seq > $prev_last_seq OR (occurred_at > $prev_as_of AND occurred_at <= $as_of) OR occurred_at < $cutoff)
)
SELECT timeline_id FROM touched WHERE type <> 10
UNION
-- a status or a new deployment.created affects every timeline holding a deployment of that id
SELECT c.timeline_id FROM touched t JOIN created c ON c.deployment_id = t.deployment_id WHERE t.type IN (9, 10)
UNION
-- open sessions that the passing time closes
SELECT timeline_id FROM ac.sessions
WHERE workspace_id = $ws AND session_finished_timestamp IS NULL
  AND $timeout_us::BIGINT IS NOT NULL AND last_activity_at + to_microseconds($timeout_us::BIGINT) <= $as_of
UNION
-- rows that retention drops
SELECT timeline_id FROM ac.sessions WHERE workspace_id = $ws AND session_started_timestamp < $cutoff
UNION
SELECT timeline_id FROM ac.deployments WHERE workspace_id = $ws AND deployment_timestamp < $cutoff;
