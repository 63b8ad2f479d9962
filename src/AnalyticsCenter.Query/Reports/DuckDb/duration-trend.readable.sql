-- Session duration by `grain` below ('day' or 'week' from Monday) of session_started_timestamp in the time zone `tz`
-- (timestamps are UTC), over finished sessions: duration is finished - started; active duration is started to the
-- user's last message (0 when the user wrote nothing). In seconds.
WITH choice AS (
    SELECT $grain AS grain, $tz AS tz
),
finished AS (
    SELECT CAST(date_trunc(choice.grain, timezone(choice.tz, timezone('UTC', s.session_started_timestamp))) AS DATE) AS period_start,
           epoch(s.session_finished_timestamp - s.session_started_timestamp) AS duration_s,
           coalesce(epoch(s.last_message_timestamp - s.session_started_timestamp), 0) AS active_s
    FROM sessions s, choice
    WHERE s.session_finished_timestamp IS NOT NULL
      AND {session_filters:s}
      AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
)
SELECT period_start,
       count(*) AS finished_sessions,
       round(avg(duration_s), 1) AS avg_duration_s,
       round(median(duration_s), 1) AS median_duration_s,
       round(avg(active_s), 1) AS avg_active_duration_s,
       round(median(active_s), 1) AS median_active_duration_s
FROM finished
GROUP BY period_start
ORDER BY period_start
