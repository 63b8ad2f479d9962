-- A page of one workspace's log, newest first: since a time (never before what the log keeps), below the previous page's last id.
SELECT entry_id, recorded_at, actor, action, object_id, object_name, outcome, detail
FROM ac.audit_log
WHERE workspace_id = $ws AND recorded_at >= $since AND ($before::BIGINT IS NULL OR entry_id < $before)
ORDER BY entry_id DESC
LIMIT $limit;
