DELETE FROM refresh_workspaces;
DELETE FROM refresh_timelines;
DELETE FROM purge_cuts;
DELETE FROM purged_events;
