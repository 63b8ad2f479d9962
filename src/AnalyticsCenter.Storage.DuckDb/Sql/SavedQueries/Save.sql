-- Saving a name the workspace already has replaces its text, time and last changer, and keeps its id and creator.
INSERT INTO ac.saved_queries (query_id, workspace_id, name, sql, saved_at, created_by, changed_by)
VALUES ($id, $ws, $name, $sql, $now, $by, $by)
ON CONFLICT (workspace_id, name) DO UPDATE SET sql = excluded.sql, saved_at = excluded.saved_at, changed_by = excluded.changed_by
RETURNING query_id, name, sql, saved_at, created_by, changed_by;
