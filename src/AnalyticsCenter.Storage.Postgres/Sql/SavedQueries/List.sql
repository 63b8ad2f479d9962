-- One workspace's saved queries, by name.
SELECT query_id, name, sql, saved_at, created_by, changed_by
FROM analytics.saved_queries WHERE workspace_id = @ws ORDER BY name COLLATE "C", query_id;
