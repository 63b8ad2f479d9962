-- List.sql for a file opened read-only from before subscriptions kept their creator (Audit/Schema.sql adds the column).
SELECT subscription_id, workspace_id, name, source_kind, source_ref, parameters, schedule, channel, target, secret, created_at, NULL AS created_by
FROM ac.subscriptions
WHERE $ws::VARCHAR IS NULL OR workspace_id = $ws
ORDER BY created_at, subscription_id;
