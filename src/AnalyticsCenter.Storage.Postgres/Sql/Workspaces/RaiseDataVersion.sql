-- In the transaction that changes what the workspace's reports read (IDataVersions).
INSERT INTO analytics.data_versions (workspace_id, version) VALUES (@ws, 1)
ON CONFLICT (workspace_id) DO UPDATE SET version = analytics.data_versions.version + 1;
