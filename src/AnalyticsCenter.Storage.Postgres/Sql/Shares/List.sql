-- One workspace's links, newest first; never the token hash.
SELECT link_id, workspace_id, report, filters, created_at, expires_at, revoked_at
FROM analytics.share_links
WHERE workspace_id = @ws
ORDER BY created_at DESC, link_id;
