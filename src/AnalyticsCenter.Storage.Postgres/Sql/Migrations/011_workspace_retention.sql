-- Each workspace may keep its rows for a window of its own; NULL: the store's (30 days unless the store says otherwise).
ALTER TABLE analytics.workspaces ADD COLUMN retention_us bigint;
