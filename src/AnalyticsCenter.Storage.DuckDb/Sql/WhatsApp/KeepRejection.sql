INSERT INTO ac.rejections (workspace_id, received_at, source, line_number, category, reason, raw)
VALUES ($ws, $now, $source, NULL, $category, $reason, $raw);
