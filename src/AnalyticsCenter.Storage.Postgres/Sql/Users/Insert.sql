-- A new user without a password; an email the store already has inserts nothing.
INSERT INTO analytics.users (user_id, workspace_id, email, role, password_hash, created_at)
VALUES (@id, @ws, @email, @role, NULL, @now)
ON CONFLICT DO NOTHING;
