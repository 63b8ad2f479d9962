-- A full rebuild of a workspace: every timeline it has.
INSERT INTO refresh_timelines SELECT timeline_id FROM ac.timelines WHERE workspace_id = $ws;
