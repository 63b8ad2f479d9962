-- Every workspace a refresh of all brings up to date: those with events (a timeline, or an event no refresh has seen) and
-- those refreshed before. The union is in a subquery so that Citus runs it on each shard (the three tables are co-located
-- by workspace) and only the workspace ids come to the coordinator.
SELECT workspace_id
FROM (SELECT workspace_id FROM analytics.timelines
      UNION SELECT workspace_id FROM analytics.refresh_batches
      UNION SELECT workspace_id FROM analytics.refresh_state) w
ORDER BY 1;
