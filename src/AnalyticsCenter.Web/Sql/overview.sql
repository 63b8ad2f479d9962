-- The overview's daily trend: per day (in the time zone $tz: the caller's, else the workspace's default; UTC when NULL) of
-- the half-open range [$from, $to), sessions started, finished sessions and their total duration (for an average over any
-- span of days), deployments made and delivered. Days with neither sessions nor deployments are absent.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz
),
session_days AS (
    SELECT CAST(timezone(settings.tz, make_timestamptz(epoch_us(s.session_started_timestamp))) AS DATE) AS day,
           count(*) AS sessions,
           count(s.session_finished_timestamp) AS finished_sessions,
           coalesce(sum(epoch(s.session_finished_timestamp - s.session_started_timestamp)), 0) AS finished_duration_s
    FROM sessions s, settings
    WHERE ($from::TIMESTAMP IS NULL OR s.session_started_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR s.session_started_timestamp < $to::TIMESTAMP)
    GROUP BY 1
),
deployment_days AS (
    SELECT CAST(timezone(settings.tz, make_timestamptz(epoch_us(d.deployment_timestamp))) AS DATE) AS day,
           count(*) AS deployments,
           count(*) FILTER (WHERE d.delivery_status = 'Delivered') AS delivered
    FROM deployments d, settings
    WHERE ($from::TIMESTAMP IS NULL OR d.deployment_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR d.deployment_timestamp < $to::TIMESTAMP)
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
