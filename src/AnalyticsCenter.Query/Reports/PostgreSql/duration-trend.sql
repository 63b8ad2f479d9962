-- Session duration trend: as Reports/DuckDb/duration-trend.sql, in PostgreSQL; the median is percentile_cont(0.5), which
-- interpolates between the two middle values as DuckDB's median does.
WITH settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz,
           -- PostgreSQL has no error(): casting the message to a number stops the query with the message in its error.
           CASE WHEN coalesce(@grain::text, 'day') IN ('day', 'week') THEN coalesce(@grain::text, 'day')
                ELSE CAST('grain must be ''day'' or ''week'', not ''' || @grain::text || '''' AS integer)::text END AS grain
),
-- Each session's local period is converted directly: PostgreSQL's zone conversion is cheap enough that the DuckDB
-- twin's quarter-hour table would cost more (its rows read twice and joined back) than it saves.
finished AS (
    SELECT date_trunc(settings.grain, (s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS period_start,
           date_part('epoch', s.session_finished_timestamp - s.session_started_timestamp) AS duration_s,
           coalesce(date_part('epoch', s.last_message_timestamp - s.session_started_timestamp), 0) AS active_s
    FROM sessions s, settings
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
