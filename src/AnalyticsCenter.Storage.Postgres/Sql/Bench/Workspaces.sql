-- The workspaces a refresh has made tables for.
SELECT workspace_id FROM analytics.refresh_state ORDER BY 1;
