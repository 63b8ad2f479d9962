-- A workspace's alert transitions (of one alert when @id is not NULL), newest first.
SELECT alert_id, as_of, state, value, status, reason, updated_at, attempts
FROM analytics.alert_history
WHERE workspace_id = @ws AND (@id::text IS NULL OR alert_id = @id)
ORDER BY as_of DESC, alert_id
LIMIT @limit;
