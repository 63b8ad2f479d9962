-- The overview's daily trend: per day (in the time zone $tz: the caller's, else the workspace's default; UTC when NULL) of
-- the half-open range [$from, $to), sessions started, finished sessions and their total duration (for an average over any
-- span of days), deployments made and delivered. Days with neither sessions nor deployments are absent.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz
),
-- Counted per quarter hour first: zone offsets change only on quarter hours, so each quarter hour is named by its local
-- day once instead of each row.
session_quarters AS (
    SELECT epoch_us(s.session_started_timestamp) // 900000000 AS quarter,
           count(*) AS sessions,
           count(s.session_finished_timestamp) AS finished_sessions,
           -- Whole microseconds, so the sum is exact whatever order it is added in.
           coalesce(sum(epoch_us(s.session_finished_timestamp) - epoch_us(s.session_started_timestamp)), 0) AS finished_duration_us
    FROM sessions s
    WHERE ($from::TIMESTAMP IS NULL OR s.session_started_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR s.session_started_timestamp < $to::TIMESTAMP)
    GROUP BY 1
),
deployment_quarters AS (
    SELECT epoch_us(d.deployment_timestamp) // 900000000 AS quarter,
           count(*) AS deployments,
           count(*) FILTER (WHERE d.delivery_status = 'Delivered') AS delivered
    FROM deployments d
    WHERE ($from::TIMESTAMP IS NULL OR d.deployment_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR d.deployment_timestamp < $to::TIMESTAMP)
    GROUP BY 1
),
session_days AS (
    SELECT CAST(timezone(settings.tz, make_timestamptz(q.quarter * 900000000)) AS DATE) AS day,
           sum(q.sessions)::BIGINT AS sessions,
           sum(q.finished_sessions)::BIGINT AS finished_sessions,
           sum(q.finished_duration_us) / 1e6 AS finished_duration_s
    FROM session_quarters q, settings
    GROUP BY 1
),
deployment_days AS (
    SELECT CAST(timezone(settings.tz, make_timestamptz(q.quarter * 900000000)) AS DATE) AS day,
           sum(q.deployments)::BIGINT AS deployments,
           sum(q.delivered)::BIGINT AS delivered
    FROM deployment_quarters q, settings
    GROUP BY 1
)
SELECT strftime(coalesce(s.day, d.day), '%Y-%m-%d') AS day,
       coalesce(s.sessions, 0) AS sessions,
       coalesce(s.finished_sessions, 0) AS finished_sessions,
       coalesce(s.finished_duration_s, 0) AS finished_duration_s,
       coalesce(d.deployments, 0) AS deployments,
       coalesce(d.delivered, 0) AS delivered
FROM session_days s
FULL OUTER JOIN deployment_days d ON d.day = s.day
ORDER BY 1
