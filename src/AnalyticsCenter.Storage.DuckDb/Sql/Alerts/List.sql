-- Every alert, or one workspace's ($ws NULL for all), oldest first.
SELECT alert_id, workspace_id, name, source_kind, source_ref, parameters, operator, threshold, channel, target, secret, created_at,
       state, last_value, last_checked_as_of, metric
FROM ac.alerts
WHERE $ws::VARCHAR IS NULL OR workspace_id = $ws
ORDER BY created_at, alert_id;
