SELECT user_id, workspace_id, email, role, created_at, password_hash IS NOT NULL, password_hash FROM analytics.users WHERE email = @email;
