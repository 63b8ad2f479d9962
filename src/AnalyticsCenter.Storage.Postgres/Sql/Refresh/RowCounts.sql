-- The workspace's sessions and deployments after the refresh.
SELECT (SELECT count(*) FROM analytics.sessions WHERE workspace_id = @ws),
       (SELECT count(*) FROM analytics.deployments WHERE workspace_id = @ws);
