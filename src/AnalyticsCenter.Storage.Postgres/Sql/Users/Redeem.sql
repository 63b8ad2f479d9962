-- Uses a usable link and sets its user's password in one statement: of two concurrent uses, one finds it used.
WITH used AS (
    UPDATE analytics.password_links SET used_at = @now
    WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
    RETURNING user_id
)
UPDATE analytics.users u SET password_hash = @password
FROM used
WHERE u.user_id = used.user_id
RETURNING u.user_id, u.workspace_id, u.email, u.role, u.created_at, true;
