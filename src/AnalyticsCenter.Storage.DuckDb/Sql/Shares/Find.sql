-- The link a token opens, while it is neither revoked nor expired.
SELECT link_id, workspace_id, report, filters, created_at, expires_at, revoked_at
FROM ac.share_links
WHERE token_hash = $hash AND revoked_at IS NULL AND expires_at > $now;
