-- Sets one workspace's inactivity timeout (@timeout_us, NULL: none), keeping its other settings.
INSERT INTO analytics.workspaces (workspace_id, inactivity_timeout_us, updated_at)
VALUES (@ws, @timeout_us::bigint, @now)
ON CONFLICT (workspace_id) DO UPDATE SET inactivity_timeout_us = excluded.inactivity_timeout_us, updated_at = excluded.updated_at;
