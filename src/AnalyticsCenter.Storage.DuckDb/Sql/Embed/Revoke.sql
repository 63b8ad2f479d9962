-- Only a key of the named workspace (any key when none is named), and only once.
UPDATE ac.embed_keys SET revoked_at = $now
WHERE key_id = $id AND host = $host AND revoked_at IS NULL AND (CAST($ws AS VARCHAR) IS NULL OR workspace_id = CAST($ws AS VARCHAR));
