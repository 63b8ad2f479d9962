-- Only the workspace's own subscription; its deliveries go with it (ON DELETE CASCADE).
DELETE FROM analytics.subscriptions WHERE subscription_id = @id AND workspace_id = @ws;
