-- Only the workspace's own subscription, with its deliveries.
DELETE FROM ac.deliveries WHERE subscription_id = $id AND workspace_id = $ws;
DELETE FROM ac.subscriptions WHERE subscription_id = $id AND workspace_id = $ws;
