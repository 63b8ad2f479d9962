-- Every user, or one workspace's; never the password hash.
SELECT user_id, workspace_id, email, role, created_at, password_hash IS NOT NULL
FROM ac.users
WHERE $ws::VARCHAR IS NULL OR workspace_id = $ws::VARCHAR
ORDER BY workspace_id, email;
