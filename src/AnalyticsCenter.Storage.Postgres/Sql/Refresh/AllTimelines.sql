-- A workspace rebuilt in full recomputes every timeline it has.
INSERT INTO analytics.refresh_dirty (workspace_id, timeline_id)
SELECT workspace_id, timeline_id FROM analytics.timelines WHERE workspace_id = @ws;
