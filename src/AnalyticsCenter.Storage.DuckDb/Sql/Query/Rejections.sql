-- The kept rejections, newest first; $ws NULL lists every workspace's.
SELECT received_at, workspace_id, source, line_number, reason, raw
FROM ac.rejections
WHERE $ws::VARCHAR IS NULL OR workspace_id = $ws::VARCHAR
ORDER BY received_at DESC, source, line_number;
