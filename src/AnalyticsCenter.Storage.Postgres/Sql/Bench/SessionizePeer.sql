-- The peer's sessions, inactivity rule only: per (workspace, line, user), in time order, a new session starts at the first
-- event and at every event that comes @timeout_us or more after the one before it.
WITH timeline AS (
    SELECT (doc ->> 'occurred_at')::timestamptz
           - lag((doc ->> 'occurred_at')::timestamptz)
             OVER (PARTITION BY doc ->> 'workspace_id', doc #>> '{line,number}', doc #>> '{user,phone}'
                   ORDER BY (doc ->> 'occurred_at')::timestamptz) AS gap
    FROM analytics_bench_peer.events
    WHERE doc ? 'user'
)
SELECT count(*) FROM timeline WHERE gap IS NULL OR gap >= interval '1 microsecond' * @timeout_us::bigint;
