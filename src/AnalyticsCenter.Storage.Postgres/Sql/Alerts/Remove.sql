-- Only the workspace's own alert; its history goes with it (ON DELETE CASCADE).
DELETE FROM analytics.alerts WHERE alert_id = @id AND workspace_id = @ws;
