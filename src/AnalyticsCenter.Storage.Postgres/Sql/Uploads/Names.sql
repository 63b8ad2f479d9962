SELECT name FROM analytics.uploads WHERE workspace_id = @ws;
