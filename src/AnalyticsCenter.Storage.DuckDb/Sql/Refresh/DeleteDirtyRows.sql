DELETE FROM ac.sessions WHERE workspace_id = $ws AND timeline_id IN (SELECT timeline_id FROM dirty_timelines);
DELETE FROM ac.deployments WHERE workspace_id = $ws AND timeline_id IN (SELECT timeline_id FROM dirty_timelines);
