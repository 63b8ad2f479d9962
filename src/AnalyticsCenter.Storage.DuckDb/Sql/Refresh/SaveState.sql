INSERT OR REPLACE INTO ac.refresh_state
SELECT workspace_id, $as_of, $refreshed_at, $last_seq, timeout_us, retention_days FROM refresh_workspaces;
-- What the refreshed workspaces' reports read may have changed (IDataVersions).
INSERT OR REPLACE INTO ac.data_versions
SELECT w.workspace_id, coalesce(v.version, 0) + 1 FROM refresh_workspaces w LEFT JOIN ac.data_versions v USING (workspace_id);
