DELETE FROM ac.password_links WHERE user_id IN (SELECT user_id FROM ac.users WHERE user_id = $id AND workspace_id = $ws);
