-- Saving a name the workspace already has replaces its text and time, and keeps its id.
INSERT INTO analytics.saved_queries (query_id, workspace_id, name, sql, saved_at)
VALUES (@id, @ws, @name, @sql, @now)
ON CONFLICT (workspace_id, name) DO UPDATE SET sql = excluded.sql, saved_at = excluded.saved_at
RETURNING query_id, name, sql, saved_at;
