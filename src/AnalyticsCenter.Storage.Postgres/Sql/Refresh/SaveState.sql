INSERT INTO analytics.refresh_state (workspace_id, as_of, refreshed_at, inactivity_timeout_us, retention_days)
VALUES (@ws, @as_of, @refreshed_at, @timeout_us, @retention_days)
ON CONFLICT (workspace_id) DO UPDATE SET as_of = excluded.as_of, refreshed_at = excluded.refreshed_at,
    inactivity_timeout_us = excluded.inactivity_timeout_us, retention_days = excluded.retention_days;
