-- Every table sharded by workspace on Citus gets a replica identity, so Citus can move its shards online: a move copies a
-- shard by logical replication while writes go on, and replays an update or delete by the row's identity. (The others had
-- a primary key already; the refresh's work tables have one from 018.)
-- A workspace's sessions and deployments are keyed by their ids: a session's id derives from the one event (or delivered
-- deployment) that started it, and a deployment's id is unique in its workspace, the first deployment.created counting.
ALTER TABLE analytics.sessions ADD PRIMARY KEY (workspace_id, session_id);
ALTER TABLE analytics.deployments ADD PRIMARY KEY (workspace_id, deployment_id);
-- A queued batch's seqs are its own (each seq is stored once), so its first seq names it. A column the server derives, so
-- the ingest writes the rows as before; the multirange itself can outgrow an index entry.
ALTER TABLE analytics.refresh_batches ADD COLUMN first_seq bigint GENERATED ALWAYS AS (lower(seqs)) STORED NOT NULL;
ALTER TABLE analytics.refresh_batches ADD PRIMARY KEY (workspace_id, first_seq);
-- An upload may repeat a row, so its rows have no key: the whole row identifies it. Uploads are small and rarely replaced.
ALTER TABLE analytics.upload_rows REPLICA IDENTITY FULL;
