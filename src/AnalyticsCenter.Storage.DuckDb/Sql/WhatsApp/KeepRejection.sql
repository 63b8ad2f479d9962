-- The texts come as UTF-8 bytes: a string parameter is cut at its first NUL, and a rejected body (or a reason quoting it) may hold one.
INSERT INTO ac.rejections (workspace_id, received_at, source, line_number, category, reason, raw)
VALUES ($ws, $now, $source, NULL, decode($category), decode($reason), decode($raw));
