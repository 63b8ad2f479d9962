-- One workspace's saved queries, by name.
SELECT query_id, name, sql, saved_at, created_by, changed_by
FROM ac.saved_queries
WHERE workspace_id = $ws
ORDER BY name, query_id;
