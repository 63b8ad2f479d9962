-- Timeline ids are the store's, so they name one workspace's rows.
DELETE FROM analytics.sessions WHERE workspace_id = @ws AND timeline_id IN (SELECT timeline_id FROM pg_temp.refresh_dirty);
DELETE FROM analytics.deployments WHERE workspace_id = @ws AND timeline_id IN (SELECT timeline_id FROM pg_temp.refresh_dirty);
