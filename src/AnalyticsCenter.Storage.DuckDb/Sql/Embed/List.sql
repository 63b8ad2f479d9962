-- Keys good for one workspace, or every key when none is named; never their secrets.
SELECT key_id, host, workspace_id, created_at, revoked_at
FROM ac.embed_keys
WHERE CAST($ws AS VARCHAR) IS NULL OR workspace_id = CAST($ws AS VARCHAR)
ORDER BY created_at, key_id;
