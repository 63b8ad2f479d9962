-- One workspace's default time zone; no row, or NULL, is UTC.
SELECT time_zone FROM analytics.workspaces WHERE workspace_id = @ws;
