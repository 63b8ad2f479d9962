-- A workspace's settings (no row: the defaults) and what its last refresh applied (none before its first).
SELECT s.workspace_id IS NOT NULL AS configured, s.inactivity_timeout_us,
       r.workspace_id IS NOT NULL AS refreshed, r.as_of, r.inactivity_timeout_us, r.retention_days, s.retention_us
FROM (SELECT @ws::text AS workspace_id) w
LEFT JOIN analytics.workspaces s ON s.workspace_id = w.workspace_id
LEFT JOIN analytics.refresh_state r ON r.workspace_id = w.workspace_id;
