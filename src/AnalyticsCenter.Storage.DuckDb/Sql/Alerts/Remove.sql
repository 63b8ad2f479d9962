-- Only the workspace's own alert, with its history.
DELETE FROM ac.alert_history WHERE alert_id = $id AND workspace_id = $ws;
DELETE FROM ac.alerts WHERE alert_id = $id AND workspace_id = $ws;
