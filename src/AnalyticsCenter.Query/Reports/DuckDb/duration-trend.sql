-- Session duration trend: average and median of finished - started (the product's duration, which for a session closed
-- by inactivity includes the idle wait before the close) and of the active duration (started to the user's last
-- message, 0 when the user wrote nothing), in seconds, over finished sessions, by the day
-- or week ($grain 'day' or 'week', default 'day') of session_started_timestamp in the time zone $tz (an IANA name,
-- default 'UTC'; daylight-saving changes follow the zone's rules). A week starts on Monday; period_start is its date.
-- Only periods with finished sessions appear.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz,
           CASE WHEN coalesce($grain::VARCHAR, 'day') IN ('day', 'week') THEN coalesce($grain::VARCHAR, 'day')
                ELSE error('grain must be ''day'' or ''week'', not ''' || $grain::VARCHAR || '''') END AS grain
),
finished AS (
    SELECT epoch_us(s.session_started_timestamp) // 900000000 AS quarter,
           epoch(s.session_finished_timestamp - s.session_started_timestamp) AS duration_s,
           coalesce(epoch(s.last_message_timestamp - s.session_started_timestamp), 0) AS active_s
    FROM sessions s
    WHERE s.session_finished_timestamp IS NOT NULL
      AND {session_filters:s}
      AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
),
-- Zone offsets change only on quarter hours, so a quarter hour's sessions share one local day: each quarter hour is
-- converted once instead of each session.
periods AS (
    SELECT q.quarter,
           CAST(date_trunc(settings.grain, timezone(settings.tz, make_timestamptz(q.quarter * 900000000))) AS DATE) AS period_start
    FROM (SELECT DISTINCT quarter FROM finished) q, settings
)
SELECT p.period_start,
       count(*) AS finished_sessions,
       round(avg(f.duration_s), 1) AS avg_duration_s,
       round(median(f.duration_s), 1) AS median_duration_s,
       round(avg(f.active_s), 1) AS avg_active_duration_s,
       round(median(f.active_s), 1) AS median_active_duration_s
FROM finished f
JOIN periods p USING (quarter)
GROUP BY p.period_start
ORDER BY p.period_start
