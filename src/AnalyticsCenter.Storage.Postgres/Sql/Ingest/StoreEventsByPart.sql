-- Stores the batch's new events and queues them for their workspace's next refresh; returns how many each input (part)
-- added. An event id repeated in the batch keeps its first line (by ord); one already stored, by whichever process, is
-- a duplicate (the unique key decides, also against a batch committing at the same moment). In key order, so two
-- batches with events in common wait for each other instead of deadlocking. For groups of small inputs; a file's batch
-- is one part (StoreEvents.sql).
WITH firsts AS MATERIALIZED (
    SELECT DISTINCT ON (s.workspace_id COLLATE "C", s.event_id COLLATE "C") s.*, t.timeline_id
    FROM pg_temp.ingest_staging s
    LEFT JOIN analytics.timelines t
        ON t.workspace_id = s.workspace_id AND t.line_number = s.line_number
       AND t.user_country_code = s.country_code AND t.user_cellphone = s.cellphone
    ORDER BY s.workspace_id COLLATE "C", s.event_id COLLATE "C", s.ord
),
stored AS (
    INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at, timeline_id, deployment_id, status, details)
    SELECT workspace_id, event_id, type, occurred_at, received_at, timeline_id, deployment_id, status, details
    FROM firsts
    ORDER BY workspace_id COLLATE "C", event_id COLLATE "C"
    ON CONFLICT (workspace_id, event_id) DO NOTHING
    RETURNING seq, workspace_id, event_id
),
queued AS (
    INSERT INTO analytics.refresh_batches (workspace_id, seqs)
    SELECT workspace_id, range_agg(int8range(seq, seq, '[]')) FROM stored GROUP BY workspace_id
)
SELECT f.part, count(*)
FROM stored JOIN firsts f ON f.workspace_id = stored.workspace_id AND f.event_id = stored.event_id
GROUP BY f.part;
