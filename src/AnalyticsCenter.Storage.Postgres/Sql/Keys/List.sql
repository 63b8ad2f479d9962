-- Every key, or one workspace's; never the salt or hash.
SELECT key_id, workspace_id, name, scope, created_at, revoked_at
FROM analytics.api_keys
WHERE @ws::text IS NULL OR workspace_id = @ws::text
ORDER BY workspace_id COLLATE "C", created_at, key_id COLLATE "C";
