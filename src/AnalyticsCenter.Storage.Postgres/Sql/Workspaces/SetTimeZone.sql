-- Sets one workspace's default time zone, keeping its other settings. A workspace without a row gets one with the default
-- timeout (@default_timeout_us) spelled out, because a row's NULL timeout means none, not the default.
INSERT INTO analytics.workspaces (workspace_id, inactivity_timeout_us, updated_at, time_zone)
VALUES (@ws, @default_timeout_us, @now, @tz)
ON CONFLICT (workspace_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at;
