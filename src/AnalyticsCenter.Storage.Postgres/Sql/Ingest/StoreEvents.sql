-- Stores the batch's new events and queues them for their workspace's next refresh; returns how many it stored per receipt
-- time (each input of a group has its own, so the counts are per input). An event id repeated in the batch keeps its first
-- line (by ord), which DISTINCT ON keeps; one already stored, by whichever process, is a duplicate (the unique key decides,
-- also against a batch committing at the same moment). One sort, in the one bytewise order every batch inserts in, which
-- keeps two batches with events in common from deadlocking: they wait for each other instead. Each of the batch's
-- timelines is looked up once (bytewise, as its key's index is), from the distinct keys AddTimelines.sql listed
-- (read through DISTINCT for the planner's estimate, as there).
WITH batch_timelines AS (
    SELECT k.workspace_id, k.line_number, k.country_code, k.cellphone, t.timeline_id
    FROM (SELECT DISTINCT * FROM pg_temp.ingest_timelines) k
    JOIN analytics.timelines t
        ON t.workspace_id = k.workspace_id AND t.line_number = k.line_number
       AND t.user_country_code = k.country_code AND t.user_cellphone = k.cellphone
),
stored AS (
    INSERT INTO analytics.events (workspace_id, event_id, type, occurred_at, received_at, timeline_id, deployment_id, status, details)
    SELECT DISTINCT ON (s.workspace_id COLLATE "C", s.event_id COLLATE "C")
           s.workspace_id, s.event_id, s.type, s.occurred_at, s.received_at, t.timeline_id, s.deployment_id, s.status, s.details
    FROM pg_temp.ingest_staging s
    LEFT JOIN batch_timelines t
        ON t.workspace_id = s.workspace_id COLLATE "C" AND t.line_number = s.line_number COLLATE "C"
       AND t.country_code = s.country_code COLLATE "C" AND t.cellphone = s.cellphone COLLATE "C"
    ORDER BY s.workspace_id COLLATE "C", s.event_id COLLATE "C", s.ord
    ON CONFLICT (workspace_id, event_id) DO NOTHING
    RETURNING workspace_id, seq, received_at
),
queued AS (
    INSERT INTO analytics.refresh_batches (workspace_id, seqs)
    SELECT workspace_id, range_agg(int8range(seq, seq, '[]')) FROM stored GROUP BY workspace_id
)
SELECT received_at, count(*) FROM stored GROUP BY received_at;
