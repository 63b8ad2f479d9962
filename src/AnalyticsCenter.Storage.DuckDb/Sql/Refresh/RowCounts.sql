-- Each workspace's sessions and deployments after the refresh.
SELECT w.workspace_id,
       (SELECT count(*) FROM ac.sessions s WHERE s.workspace_id = w.workspace_id),
       (SELECT count(*) FROM ac.deployments d WHERE d.workspace_id = w.workspace_id)
FROM refresh_workspaces w;
