-- Timeline ids are the store's, so they name one workspace's rows.
DELETE FROM analytics.sessions s USING analytics.refresh_dirty d
WHERE s.workspace_id = @ws AND d.workspace_id = @ws AND s.timeline_id = d.timeline_id;
DELETE FROM analytics.deployments p USING analytics.refresh_dirty d
WHERE p.workspace_id = @ws AND d.workspace_id = @ws AND p.timeline_id = d.timeline_id;
