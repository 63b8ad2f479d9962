-- The workspace's entries older than the log keeps (one index range of one workspace, on one shard on Citus).
DELETE FROM analytics.audit_log WHERE workspace_id = @ws AND recorded_at < @keep_from;
