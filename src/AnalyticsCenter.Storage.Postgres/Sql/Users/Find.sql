SELECT user_id, workspace_id, email, role, created_at, password_hash IS NOT NULL FROM analytics.users WHERE user_id = @id;
