DELETE FROM ac.users WHERE user_id = $id AND workspace_id = $ws;
