SELECT coalesce((SELECT version FROM ac.data_versions WHERE workspace_id = $ws), 0);
