-- The refresh queue: a row and an index entry per stored event were a large share of an ingest's work. A batch now queues
-- the seqs it stored as one multirange per workspace (runs of consecutive seqs, one run for a batch no other writer
-- interleaved with): as exact as the rows were, and as atomic with the events, at a row per batch.
CREATE TABLE analytics.refresh_batches (
    workspace_id text NOT NULL,
    seqs         int8multirange NOT NULL
);
CREATE INDEX refresh_batches_by_workspace ON analytics.refresh_batches (workspace_id);
INSERT INTO analytics.refresh_batches (workspace_id, seqs)
SELECT workspace_id, range_agg(int8range(seq, seq, '[]')) FROM analytics.refresh_queue GROUP BY workspace_id;
DROP TABLE analytics.refresh_queue;

