-- A new key; a colliding key id inserts nothing and the caller draws another.
INSERT INTO analytics.api_keys (key_id, workspace_id, name, scope, salt, hash, created_at, revoked_at)
VALUES (@key_id, @ws, @name, @scope, @salt, @hash, @now, NULL)
ON CONFLICT DO NOTHING;
