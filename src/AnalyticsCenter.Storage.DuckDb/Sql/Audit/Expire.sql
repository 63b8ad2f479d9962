-- The workspace's entries older than the log keeps.
DELETE FROM ac.audit_log WHERE workspace_id = $ws AND recorded_at < $keep_from;
