COPY (
    -- The events in the sessionizer's order, the columns it reads, sent to the client: the refresh's cursor without its
    -- joins, with the refresh's memory for the sort (Settings.sql). A comment before COPY would hide it from Npgsql's
    -- raw copy, which checks that the text starts with COPY.
    SELECT timeline_id, seq, type, occurred_at, status
    FROM analytics_bench_floor.events
    ORDER BY timeline_id, occurred_at, event_id COLLATE "C"
) TO STDOUT (FORMAT BINARY)
