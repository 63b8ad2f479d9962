-- ...and sessionized with window functions, the inactivity rule only: a timeline's (workspace, line, user) next session
-- starts after 60 minutes without an event.
CREATE TABLE reference_sessions AS
WITH gaps AS (
    SELECT workspace_id, line_number, user_phone, occurred_at,
           CASE WHEN occurred_at - lag(occurred_at) OVER timeline <= INTERVAL 60 MINUTE THEN 0 ELSE 1 END AS starts
    FROM reference_events
    WHERE workspace_id IS NOT NULL AND line_number IS NOT NULL AND user_phone IS NOT NULL AND occurred_at IS NOT NULL
    WINDOW timeline AS (PARTITION BY workspace_id, line_number, user_phone ORDER BY occurred_at)
),
numbered AS (
    SELECT *, sum(starts) OVER (PARTITION BY workspace_id, line_number, user_phone ORDER BY occurred_at ROWS UNBOUNDED PRECEDING) AS session
    FROM gaps
)
SELECT workspace_id, line_number, user_phone, session,
       min(occurred_at) AS started_at, max(occurred_at) AS last_activity_at, count(*) AS events
FROM numbered
GROUP BY workspace_id, line_number, user_phone, session;
