-- In the transaction that changes what the workspace's reports read (IDataVersions).
INSERT OR REPLACE INTO ac.data_versions
SELECT $ws, coalesce((SELECT version FROM ac.data_versions WHERE workspace_id = $ws), 0) + 1;
