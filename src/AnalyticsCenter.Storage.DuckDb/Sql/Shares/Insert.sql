INSERT INTO ac.share_links (link_id, token_hash, workspace_id, report, filters, created_at, expires_at, revoked_at)
VALUES ($id, $hash, $ws, $report, $filters, $now, $expires, NULL);
