-- Session duration by `grain` below ('day' or 'week' from Monday) of session_started_timestamp in the time zone `tz`
-- (timestamps are UTC), over finished sessions: duration is finished - started; active duration is started to the
-- user's last message (0 when the user wrote nothing). In seconds; the median is percentile_cont(0.5).
WITH choice AS (
    SELECT @grain::text AS grain, @tz::text AS tz
),
finished AS (
    SELECT date_trunc(choice.grain, (s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE choice.tz)::date AS period_start,
           date_part('epoch', s.session_finished_timestamp - s.session_started_timestamp) AS duration_s,
           coalesce(date_part('epoch', s.last_message_timestamp - s.session_started_timestamp), 0) AS active_s
    FROM sessions s, choice
    WHERE s.session_finished_timestamp IS NOT NULL
      AND {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
)
SELECT period_start,
       count(*) AS finished_sessions,
       round(avg(duration_s)::numeric, 1)::double precision AS avg_duration_s,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_s)::numeric, 1)::double precision AS median_duration_s,
       round(avg(active_s)::numeric, 1)::double precision AS avg_active_duration_s,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY active_s)::numeric, 1)::double precision AS median_active_duration_s
FROM finished
GROUP BY period_start
ORDER BY period_start
