-- The user of a link that is neither used nor expired.
SELECT u.user_id, u.workspace_id, u.email, u.role, u.created_at, u.password_hash IS NOT NULL
FROM analytics.password_links l JOIN analytics.users u ON u.user_id = l.user_id
WHERE l.token_hash = @hash AND l.used_at IS NULL AND l.expires_at > @now;
