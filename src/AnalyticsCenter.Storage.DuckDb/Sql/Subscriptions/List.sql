-- Every subscription, or one workspace's ($ws NULL for all), oldest first.
SELECT subscription_id, workspace_id, name, source_kind, source_ref, parameters, schedule, channel, target, secret, created_at, created_by
FROM ac.subscriptions
WHERE $ws::VARCHAR IS NULL OR workspace_id = $ws
ORDER BY created_at, subscription_id;
