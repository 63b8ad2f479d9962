-- One workspace's uploads, by name.
SELECT name, columns, row_count, bytes, uploaded_at
FROM analytics.uploads
WHERE workspace_id = @ws
ORDER BY name;
