-- The overview's daily trend: as Sql/DuckDb/overview.sql, in PostgreSQL. Durations are summed exactly (numeric seconds)
-- and returned as double precision, as DuckDB returns them.
WITH settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz
),
-- Counted per quarter hour first: zone offsets change only on quarter hours, so each quarter hour is named by its local
-- day once instead of each row.
session_quarters AS (
    SELECT date_bin('15 minutes', s.session_started_timestamp, TIMESTAMP '2000-01-01') AS quarter,
           count(*) AS sessions,
           count(s.session_finished_timestamp) AS finished_sessions,
           coalesce(sum(extract(epoch FROM s.session_finished_timestamp - s.session_started_timestamp)), 0) AS finished_duration_s
    FROM sessions s
    WHERE (@from::timestamp IS NULL OR s.session_started_timestamp >= @from::timestamp)
      AND (@to::timestamp IS NULL OR s.session_started_timestamp < @to::timestamp)
    GROUP BY 1
),
deployment_quarters AS (
    SELECT date_bin('15 minutes', d.deployment_timestamp, TIMESTAMP '2000-01-01') AS quarter,
           count(*) AS deployments,
           count(*) FILTER (WHERE d.delivery_status = 'Delivered') AS delivered
    FROM deployments d
    WHERE (@from::timestamp IS NULL OR d.deployment_timestamp >= @from::timestamp)
      AND (@to::timestamp IS NULL OR d.deployment_timestamp < @to::timestamp)
    GROUP BY 1
),
session_days AS (
    SELECT ((q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day,
           sum(q.sessions)::bigint AS sessions,
           sum(q.finished_sessions)::bigint AS finished_sessions,
           sum(q.finished_duration_s)::double precision AS finished_duration_s
    FROM session_quarters q, settings
    GROUP BY 1
),
deployment_days AS (
    SELECT ((q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day,
           sum(q.deployments)::bigint AS deployments,
           sum(q.delivered)::bigint AS delivered
    FROM deployment_quarters q, settings
    GROUP BY 1
)
SELECT to_char(coalesce(s.day, d.day), 'YYYY-MM-DD') AS day,
       coalesce(s.sessions, 0) AS sessions,
       coalesce(s.finished_sessions, 0) AS finished_sessions,
       coalesce(s.finished_duration_s, 0) AS finished_duration_s,
       coalesce(d.deployments, 0) AS deployments,
       coalesce(d.delivered, 0) AS delivered
FROM session_days s
FULL OUTER JOIN deployment_days d ON d.day = s.day
ORDER BY coalesce(s.day, d.day)
