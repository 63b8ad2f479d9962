-- Session duration trend: average and median of finished - started, in seconds, over finished sessions, by the day
-- or week ($grain 'day' or 'week', default 'day') of session_started_timestamp in the time zone $tz (an IANA name,
-- default 'UTC'; daylight-saving changes follow the zone's rules). A week starts on Monday; period_start is its date.
-- Only periods with finished sessions appear.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz,
           CASE WHEN coalesce($grain::VARCHAR, 'day') IN ('day', 'week') THEN coalesce($grain::VARCHAR, 'day')
                ELSE error('grain must be ''day'' or ''week'', not ''' || $grain::VARCHAR || '''') END AS grain
),
finished AS (
    SELECT timezone(settings.tz, make_timestamptz(epoch_us(s.session_started_timestamp))) AS local_start,
           epoch(s.session_finished_timestamp - s.session_started_timestamp) AS duration_s,
           settings.grain
    FROM sessions s, settings
    WHERE s.session_finished_timestamp IS NOT NULL
      AND ($from::TIMESTAMP IS NULL OR s.session_started_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR s.session_started_timestamp < $to::TIMESTAMP)
      AND ($conversation_id::VARCHAR IS NULL OR s.conversation_id = $conversation_id::VARCHAR)
      AND ($conversation_version::INTEGER IS NULL OR s.conversation_version = $conversation_version::INTEGER)
      AND ($country::VARCHAR IS NULL OR s.user_country_code = $country::VARCHAR)
      AND ($line::VARCHAR IS NULL OR s.line_whatsapp_number = $line::VARCHAR)
      AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
)
SELECT CAST(CASE grain WHEN 'week' THEN date_trunc('week', local_start) ELSE date_trunc('day', local_start) END AS DATE) AS period_start,
       count(*) AS finished_sessions,
       round(avg(duration_s), 1) AS avg_duration_s,
       round(median(duration_s), 1) AS median_duration_s
FROM finished
GROUP BY ALL
ORDER BY period_start
