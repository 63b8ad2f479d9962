-- The overview's daily figures: as Sql/DuckDb/overview.sql, in PostgreSQL. Durations are summed exactly (numeric seconds)
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
           coalesce(sum(extract(epoch FROM s.session_finished_timestamp - s.session_started_timestamp)), 0) AS finished_duration_s,
           coalesce(sum(CASE WHEN s.session_finished_timestamp IS NOT NULL
                             THEN coalesce(extract(epoch FROM s.last_message_timestamp - s.session_started_timestamp), 0) END), 0) AS active_duration_s
    FROM sessions s
    WHERE {session_filters:s}
      AND (@source::text IS NULL OR s.meta_source_id = @source::text OR s.whatsapp_link_campaign_source = @source::text)
    GROUP BY 1
),
deployment_quarters AS (
    SELECT date_bin('15 minutes', d.deployment_timestamp, TIMESTAMP '2000-01-01') AS quarter,
           count(*) AS deployments,
           count(*) FILTER (WHERE d.delivery_status = 'Delivered') AS delivered
    FROM deployments d
    WHERE {deployment_filters:d}
      AND (@reason::text IS NULL OR (d.delivery_status = 'Failed' AND d.status_detail = @reason::text))
    GROUP BY 1
),
session_days AS (
    SELECT ((q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day,
           sum(q.sessions)::bigint AS sessions,
           sum(q.finished_sessions)::bigint AS finished_sessions,
           sum(q.finished_duration_s)::double precision AS finished_duration_s,
           sum(q.active_duration_s)::double precision AS active_duration_s
    FROM session_quarters q, settings
    GROUP BY 1
),
deployment_days AS (
    SELECT ((q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day,
           sum(q.deployments)::bigint AS deployments,
           sum(q.delivered)::bigint AS delivered
    FROM deployment_quarters q, settings
    GROUP BY 1
),
bounds AS (
    SELECT coalesce(((@from::timestamp AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date,
                    (SELECT min(day) FROM (SELECT day FROM session_days UNION ALL SELECT day FROM deployment_days) counted)) AS first_day,
           -- @to is exclusive: its last day is the day of the instant just before it.
           coalesce((((@to::timestamp - interval '1 microsecond') AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date,
                    (SELECT max(day) FROM (SELECT day FROM session_days UNION ALL SELECT day FROM deployment_days) counted)) AS last_day
    FROM settings
),
days AS (
    SELECT series::date AS day
    FROM bounds, generate_series(bounds.first_day::timestamp, bounds.last_day::timestamp, interval '1 day') AS series
)
SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
       coalesce(s.sessions, 0) AS sessions,
       coalesce(s.finished_sessions, 0) AS finished_sessions,
       coalesce(s.finished_duration_s, 0) AS finished_duration_s,
       coalesce(s.active_duration_s, 0) AS active_duration_s,
       coalesce(d.deployments, 0) AS deployments,
       coalesce(d.delivered, 0) AS delivered
FROM days
LEFT JOIN session_days s ON s.day = days.day
LEFT JOIN deployment_days d ON d.day = days.day
ORDER BY days.day
