-- Every workspace a refresh brings up to date: its settings (a workspace with no row has the defaults) and what its last
-- refresh applied (none before its first); only $only when it is set. Those with events up to $known_seq all have a
-- refresh state, so only the newer events are searched for others: the scan skips the older row groups.
WITH workspaces AS (
    SELECT DISTINCT workspace_id FROM ac.events WHERE seq > $known_seq
    UNION SELECT workspace_id FROM ac.refresh_state
)
SELECT w.workspace_id,
       s.workspace_id IS NOT NULL AS configured, s.inactivity_timeout_us,
       r.workspace_id IS NOT NULL AS refreshed, r.as_of, r.last_seq, r.inactivity_timeout_us, r.retention_days,
       s.retention_us
FROM workspaces w
LEFT JOIN ac.workspaces s ON s.workspace_id = w.workspace_id
LEFT JOIN ac.refresh_state r ON r.workspace_id = w.workspace_id
WHERE $only IS NULL OR w.workspace_id = $only
ORDER BY w.workspace_id;
