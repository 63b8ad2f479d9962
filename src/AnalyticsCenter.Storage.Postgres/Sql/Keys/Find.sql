-- One key with what checking a presented secret needs.
SELECT key_id, workspace_id, name, scope, created_at, revoked_at, salt, hash FROM analytics.api_keys WHERE key_id = @key_id;
