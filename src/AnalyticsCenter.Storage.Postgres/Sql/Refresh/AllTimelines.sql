-- A workspace rebuilt in full recomputes every timeline it has.
INSERT INTO pg_temp.refresh_dirty SELECT timeline_id FROM analytics.timelines WHERE workspace_id = @ws;
