-- Every user, or one workspace's; never the password hash.
SELECT user_id, workspace_id, email, role, created_at, password_hash IS NOT NULL
FROM analytics.users
WHERE @ws::text IS NULL OR workspace_id = @ws::text
ORDER BY workspace_id COLLATE "C", email COLLATE "C";
