INSERT INTO ac.alerts
    (alert_id, workspace_id, name, source_kind, source_ref, parameters, operator, threshold, channel, target, secret, created_at, state, metric)
VALUES ($id, $ws, $name, $source_kind, $source_ref, $parameters, $operator, $threshold, $channel, $target, $secret, $now, 0, $metric);
