-- Every workspace a refresh of all brings up to date: those with events (a timeline, or an event no refresh has seen) and
-- those refreshed before.
SELECT workspace_id FROM analytics.timelines
UNION SELECT workspace_id FROM analytics.refresh_batches
UNION SELECT workspace_id FROM analytics.refresh_state
ORDER BY 1;
