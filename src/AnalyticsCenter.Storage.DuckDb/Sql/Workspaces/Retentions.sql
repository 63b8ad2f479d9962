-- The workspaces that set their own retention window.
SELECT workspace_id, retention_us FROM ac.workspaces WHERE retention_us IS NOT NULL ORDER BY workspace_id;
