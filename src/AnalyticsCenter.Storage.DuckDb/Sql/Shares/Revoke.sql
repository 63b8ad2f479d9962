-- Only the workspace's own link, and only once.
UPDATE ac.share_links SET revoked_at = $now WHERE link_id = $id AND workspace_id = $ws AND revoked_at IS NULL;
