DELETE FROM dirty_timelines;
DELETE FROM session_refs;
DELETE FROM deployment_refs;
