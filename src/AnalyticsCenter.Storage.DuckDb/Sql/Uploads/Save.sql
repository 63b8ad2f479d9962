-- Records an upload's catalog row, new or changed.
INSERT OR REPLACE INTO ac.uploads (workspace_id, name, table_id, columns, row_count, bytes, uploaded_at)
VALUES ($ws, $name, $table_id, $columns, $row_count, $bytes, $now);
