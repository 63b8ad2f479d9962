SELECT coalesce((SELECT version FROM analytics.data_versions WHERE workspace_id = @ws), 0);
