-- User retention by cohort: as Reports/DuckDb/retention.sql, in PostgreSQL.
WITH settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz
),
-- Each session's local day is converted directly: PostgreSQL's zone conversion is cheap enough that the DuckDB twin's
-- quarter-hour table would cost more (its rows read twice and joined back) than it saves.
visits AS (
    -- The user as one E.164 number (country codes are prefix-free, so the digits name one user): a number hashes
    -- much faster than two strings.
    SELECT DISTINCT CAST(substr(s.user_country_code, 2) || s.user_cellphone AS bigint) AS user_number,
           ((s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day
    FROM sessions s, settings
    WHERE {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
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
