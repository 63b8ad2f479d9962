-- Its links go with it (ON DELETE CASCADE).
DELETE FROM analytics.users WHERE user_id = @id AND workspace_id = @ws;
