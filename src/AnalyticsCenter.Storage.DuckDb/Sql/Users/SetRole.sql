-- Only the workspace's own user: another workspace's id changes nothing.
UPDATE ac.users SET role = $role WHERE user_id = $id AND workspace_id = $ws;
