DELETE FROM refresh_timelines;
DELETE FROM purge_cuts;
