-- Only the workspace's own query: another workspace's id deletes nothing.
DELETE FROM analytics.saved_queries WHERE query_id = @id AND workspace_id = @ws;
