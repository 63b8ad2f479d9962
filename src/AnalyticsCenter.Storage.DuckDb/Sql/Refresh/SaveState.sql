INSERT OR REPLACE INTO ac.refresh_state VALUES ($ws, $as_of, $refreshed_at, $last_seq, $timeout_us, $retention_days);
