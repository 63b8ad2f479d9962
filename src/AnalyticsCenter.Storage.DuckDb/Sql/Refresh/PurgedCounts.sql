-- How many events the purge (Purge.sql) deleted in each workspace.
SELECT workspace_id, count(*) FROM purged_events GROUP BY workspace_id
