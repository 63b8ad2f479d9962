-- Changes one row only when the key exists and is still active.
UPDATE analytics.api_keys SET revoked_at = @now WHERE key_id = @key_id AND revoked_at IS NULL;
