-- The overview's daily figures: for every day (in the time zone $tz: the caller's, else the workspace's default; UTC when
-- NULL) from the day of $from to the day before $to (or the data's first and last day when not given), days with nothing
-- in them as zeros: sessions started, finished sessions with their total duration (finished - started) and total active
-- duration (start to the user's last message, 0 when the user wrote nothing), deployments made and delivered. Totals, so
-- any span of days can be averaged. Filters: the shared ones, $source (a session's Meta source id or WhatsApp-link
-- campaign source: sessions only) and $reason (a failed deployment's status_detail: deployments only).
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz
),
-- Counted per quarter hour first: zone offsets change only on quarter hours, so each quarter hour is named by its local
-- day once instead of each row.
session_quarters AS (
    SELECT epoch_us(s.session_started_timestamp) // 900000000 AS quarter,
           count(*) AS sessions,
           count(s.session_finished_timestamp) AS finished_sessions,
           -- Whole microseconds, so the sums are exact whatever order they are added in.
           coalesce(sum(epoch_us(s.session_finished_timestamp) - epoch_us(s.session_started_timestamp)), 0) AS finished_duration_us,
           coalesce(sum(CASE WHEN s.session_finished_timestamp IS NOT NULL
                             THEN coalesce(epoch_us(s.last_message_timestamp) - epoch_us(s.session_started_timestamp), 0) END), 0) AS active_duration_us
    FROM sessions s
    WHERE {session_filters:s}
      AND ($source::VARCHAR IS NULL OR s.meta_source_id = $source::VARCHAR OR s.whatsapp_link_campaign_source = $source::VARCHAR)
    GROUP BY 1
),
deployment_quarters AS (
    SELECT epoch_us(d.deployment_timestamp) // 900000000 AS quarter,
           count(*) AS deployments,
           count(*) FILTER (WHERE d.delivery_status = 'Delivered') AS delivered
    FROM deployments d
    WHERE {deployment_filters:d}
      AND ($reason::VARCHAR IS NULL OR (d.delivery_status = 'Failed' AND d.status_detail = $reason::VARCHAR))
    GROUP BY 1
),
session_days AS (
    SELECT CAST(timezone(settings.tz, make_timestamptz(q.quarter * 900000000)) AS DATE) AS day,
           sum(q.sessions)::BIGINT AS sessions,
           sum(q.finished_sessions)::BIGINT AS finished_sessions,
           sum(q.finished_duration_us) / 1e6 AS finished_duration_s,
           sum(q.active_duration_us) / 1e6 AS active_duration_s
    FROM session_quarters q, settings
    GROUP BY 1
),
deployment_days AS (
    SELECT CAST(timezone(settings.tz, make_timestamptz(q.quarter * 900000000)) AS DATE) AS day,
           sum(q.deployments)::BIGINT AS deployments,
           sum(q.delivered)::BIGINT AS delivered
    FROM deployment_quarters q, settings
    GROUP BY 1
),
bounds AS (
    SELECT coalesce(CAST(timezone(settings.tz, make_timestamptz(epoch_us($from::TIMESTAMP))) AS DATE),
                    (SELECT min(day) FROM (SELECT day FROM session_days UNION ALL SELECT day FROM deployment_days))) AS first_day,
           -- $to is exclusive: its last day is the day of the instant just before it.
           coalesce(CAST(timezone(settings.tz, make_timestamptz(epoch_us($to::TIMESTAMP) - 1)) AS DATE),
                    (SELECT max(day) FROM (SELECT day FROM session_days UNION ALL SELECT day FROM deployment_days))) AS last_day
    FROM settings
),
days AS (
    SELECT CAST(unnest(generate_series(CAST(first_day AS TIMESTAMP), CAST(last_day AS TIMESTAMP), INTERVAL 1 DAY)) AS DATE) AS day
    FROM bounds
)
SELECT strftime(days.day, '%Y-%m-%d') AS day,
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
