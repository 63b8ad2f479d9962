-- A user's new link replaces the links they had.
WITH dropped AS (DELETE FROM analytics.password_links WHERE user_id = @id)
INSERT INTO analytics.password_links (token_hash, user_id, kind, expires_at, used_at) VALUES (@hash, @id, @kind, @expires, NULL);
