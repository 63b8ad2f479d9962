-- Timeline ids are the store's, so they name one workspace's rows.
DELETE FROM ac.sessions WHERE timeline_id IN (SELECT timeline_id FROM dirty_timelines);
DELETE FROM ac.deployments WHERE timeline_id IN (SELECT timeline_id FROM dirty_timelines);
