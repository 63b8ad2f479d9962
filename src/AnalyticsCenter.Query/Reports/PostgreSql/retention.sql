-- User retention by cohort: as Reports/DuckDb/retention.sql, in PostgreSQL.
WITH settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz
),
filtered AS (
    -- The user as one E.164 number (country codes are prefix-free, so the digits name one user): a number hashes
    -- much faster than two strings.
    SELECT CAST(substr(s.user_country_code, 2) || s.user_cellphone AS bigint) AS user_number,
           date_bin('15 minutes', s.session_started_timestamp, TIMESTAMP '2000-01-01') AS quarter
    FROM sessions s
    WHERE {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
),
-- Zone offsets change only on quarter hours, so a quarter hour's sessions share one local day: each quarter hour is
-- converted once instead of each session.
quarter_days AS (
    SELECT q.quarter, ((q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day
    FROM (SELECT DISTINCT quarter FROM filtered) q, settings
),
visits AS (
    SELECT DISTINCT f.user_number, d.day
    FROM filtered f JOIN quarter_days d USING (quarter)
),
marked AS (
    SELECT day, min(day) OVER (PARTITION BY user_number) AS cohort_day
    FROM visits
),
last_day AS (
    SELECT max(day) AS day FROM visits
)
SELECT m.cohort_day,
       count(*) FILTER (WHERE m.day = m.cohort_day) AS cohort_users,
       count(*) FILTER (WHERE m.day = m.cohort_day + 1) AS day_1_returned,
       CASE WHEN m.cohort_day + 1 <= l.day
            THEN round(count(*) FILTER (WHERE m.day = m.cohort_day + 1)::numeric / count(*) FILTER (WHERE m.day = m.cohort_day), 4)::double precision
       END AS day_1_rate,
       count(*) FILTER (WHERE m.day = m.cohort_day + 7) AS day_7_returned,
       CASE WHEN m.cohort_day + 7 <= l.day
            THEN round(count(*) FILTER (WHERE m.day = m.cohort_day + 7)::numeric / count(*) FILTER (WHERE m.day = m.cohort_day), 4)::double precision
       END AS day_7_rate,
       count(*) FILTER (WHERE m.day = m.cohort_day + 30) AS day_30_returned,
       CASE WHEN m.cohort_day + 30 <= l.day
            THEN round(count(*) FILTER (WHERE m.day = m.cohort_day + 30)::numeric / count(*) FILTER (WHERE m.day = m.cohort_day), 4)::double precision
       END AS day_30_rate
FROM marked m, last_day l
GROUP BY m.cohort_day, l.day
ORDER BY m.cohort_day
