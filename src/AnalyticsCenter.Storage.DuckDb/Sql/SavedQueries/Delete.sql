-- Only the workspace's own query: another workspace's id deletes nothing.
DELETE FROM ac.saved_queries WHERE query_id = $id AND workspace_id = $ws;
