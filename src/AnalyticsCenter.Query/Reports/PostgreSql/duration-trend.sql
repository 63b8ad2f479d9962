-- Session duration trend: as Reports/DuckDb/duration-trend.sql, in PostgreSQL; the median is percentile_cont(0.5), which
-- interpolates between the two middle values as DuckDB's median does.
WITH settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz,
           -- PostgreSQL has no error(): casting the message to a number stops the query with the message in its error.
           CASE WHEN coalesce(@grain::text, 'day') IN ('day', 'week') THEN coalesce(@grain::text, 'day')
                ELSE CAST('grain must be ''day'' or ''week'', not ''' || @grain::text || '''' AS integer)::text END AS grain
),
finished AS (
    SELECT date_bin('15 minutes', s.session_started_timestamp, TIMESTAMP '2000-01-01') AS quarter,
           date_part('epoch', s.session_finished_timestamp - s.session_started_timestamp) AS duration_s
    FROM sessions s
    WHERE s.session_finished_timestamp IS NOT NULL
      AND {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
),
-- Zone offsets change only on quarter hours, so a quarter hour's sessions share one local day: each quarter hour is
-- converted once instead of each session.
periods AS (
    SELECT q.quarter,
           date_trunc(settings.grain, (q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS period_start
    FROM (SELECT DISTINCT quarter FROM finished) q, settings
)
SELECT p.period_start,
       count(*) AS finished_sessions,
       round(avg(f.duration_s)::numeric, 1)::double precision AS avg_duration_s,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY f.duration_s)::numeric, 1)::double precision AS median_duration_s
FROM finished f
JOIN periods p USING (quarter)
GROUP BY p.period_start
ORDER BY p.period_start
