-- A report as the store's owner runs it for one workspace: sessions a day by status and deployments a day by delivery
-- status. The workspace is named in each branch, so on Citus the query goes to that workspace's shards alone.
SELECT day, kind, status, count(*) AS n
FROM (SELECT date_trunc('day', session_started_timestamp) AS day, 'session' AS kind, session_status AS status
      FROM analytics.sessions WHERE workspace_id = @ws
      UNION ALL
      SELECT date_trunc('day', deployment_timestamp), 'deployment', delivery_status
      FROM analytics.deployments WHERE workspace_id = @ws) AS rows
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
