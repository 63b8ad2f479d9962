-- Every key, or one workspace's; never the salt or hash.
SELECT key_id, workspace_id, name, scope, created_at, revoked_at
FROM ac.api_keys
WHERE $ws::VARCHAR IS NULL OR workspace_id = $ws::VARCHAR
ORDER BY workspace_id, created_at, key_id;
