-- The refresh's rows in its work tables go before it commits, so no other session ever sees them.
DELETE FROM analytics.refresh_dirty WHERE workspace_id = @ws;
DELETE FROM analytics.purge_cuts WHERE workspace_id = @ws;
