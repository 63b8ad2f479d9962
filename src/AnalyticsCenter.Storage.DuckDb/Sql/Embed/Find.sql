-- The active key a token's header names, with its secret.
SELECT key_id, host, workspace_id, created_at, revoked_at, secret
FROM ac.embed_keys
WHERE key_id = $id AND host = $host AND revoked_at IS NULL;
