-- The kept rejections, newest first; @ws NULL lists every workspace's. raw and reason show a NUL as U+2400 (␀); the raw
-- line's exact UTF-8 is in raw_bytes then.
SELECT received_at, workspace_id, source, line_number, reason, raw
FROM analytics.rejections
WHERE @ws::text IS NULL OR workspace_id = @ws::text
ORDER BY received_at DESC, source COLLATE "C", line_number;
