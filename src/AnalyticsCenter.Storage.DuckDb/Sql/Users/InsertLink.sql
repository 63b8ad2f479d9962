-- A user's new link replaces the links they had.
DELETE FROM ac.password_links WHERE user_id = $id;
INSERT INTO ac.password_links (token_hash, user_id, kind, expires_at, used_at) VALUES ($hash, $id, $kind, $expires, NULL);
