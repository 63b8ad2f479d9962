-- Sets one workspace's retention window ($retention_us, NULL: the store's), keeping its other settings. A workspace without
-- a row gets one with the default timeout ($default_timeout_us) spelled out, because a row's NULL timeout means none.
INSERT INTO ac.workspaces (workspace_id, inactivity_timeout_us, updated_at, retention_us)
VALUES ($ws, $default_timeout_us, $now, $retention_us)
ON CONFLICT (workspace_id) DO UPDATE SET retention_us = excluded.retention_us, updated_at = excluded.updated_at;
