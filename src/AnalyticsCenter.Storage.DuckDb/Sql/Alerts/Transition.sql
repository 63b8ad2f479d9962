INSERT INTO ac.alert_history (alert_id, as_of, workspace_id, state, value, status, reason, updated_at)
VALUES ($id, $as_of, $ws, $state, $value, 0, NULL, $now);
