-- A new key, unless its host already has the most active keys for that workspace scope.
INSERT INTO analytics.embed_keys (key_id, host, workspace_id, secret, created_at, revoked_at)
SELECT @id, @host, CAST(@ws AS text), @secret, @now, NULL
WHERE (SELECT count(*) FROM analytics.embed_keys
       WHERE host = @host AND workspace_id IS NOT DISTINCT FROM CAST(@ws AS text) AND revoked_at IS NULL) < @max;
