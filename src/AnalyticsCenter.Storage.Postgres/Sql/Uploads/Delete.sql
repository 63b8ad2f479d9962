DELETE FROM analytics.uploads WHERE workspace_id = @ws AND name = @name;
