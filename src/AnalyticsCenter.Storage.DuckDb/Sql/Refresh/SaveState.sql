INSERT OR REPLACE INTO ac.refresh_state
SELECT workspace_id, $as_of, $refreshed_at, $last_seq, timeout_us, retention_days FROM refresh_workspaces;
