INSERT INTO analytics.uploads (workspace_id, name, columns, row_count, bytes, uploaded_at)
VALUES (@ws, @name, @columns, @row_count, @bytes, @now)
ON CONFLICT (workspace_id, name) DO UPDATE
    SET columns = excluded.columns, row_count = excluded.row_count, bytes = excluded.bytes, uploaded_at = excluded.uploaded_at;
