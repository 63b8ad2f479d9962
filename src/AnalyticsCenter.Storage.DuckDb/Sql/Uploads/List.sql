-- One workspace's uploads, by name: what lists show and what a tenant query's views read.
SELECT name, table_id, columns, row_count, bytes, uploaded_at
FROM ac.uploads
WHERE workspace_id = $ws
ORDER BY name;
