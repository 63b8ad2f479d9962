-- User retention as a cohort grid: as Reports/DuckDb/retention.sql, in PostgreSQL.
WITH settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz,
           -- PostgreSQL has no error(): casting the message to a number stops the query with the message in its error.
           CASE WHEN coalesce(@grain::text, 'day') IN ('day', 'week') THEN coalesce(@grain::text, 'day')
                ELSE CAST('grain must be ''day'' or ''week'', not ''' || @grain::text || '''' AS integer)::text END AS grain
),
-- Each session's local day is converted directly: PostgreSQL's zone conversion is cheap enough that the DuckDB twin's
-- quarter-hour table would cost more (its rows read twice and joined back) than it saves.
visits AS (
    -- The user as one E.164 number (country codes are prefix-free, so the digits name one user): a number hashes
    -- much faster than two strings. A row per session: the counts below are of distinct users, so the sessions need
    -- no distinct pass of their own.
    SELECT CAST(substr(s.user_country_code, 2) || s.user_cellphone AS bigint) AS user_number,
           ((s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day
    FROM sessions s, settings
    WHERE {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
),
-- Grouped by the user alone (the grain is applied to each user's first day after), so each group's key stays small.
cohorts AS (
    SELECT f.user_number,
           CASE WHEN settings.grain = 'week' THEN date_trunc('week', f.first_day)::date ELSE f.first_day END AS cohort_start
    FROM (SELECT user_number, min(day) AS first_day FROM visits GROUP BY user_number) f, settings
),
periods AS (
    SELECT o.n, o.length
    FROM (VALUES ('day', 1, 1), ('day', 3, 1), ('day', 7, 1), ('day', 14, 1), ('week', 1, 7), ('week', 2, 7), ('week', 3, 7), ('week', 4, 7))
         AS o(grain, n, length), settings
    WHERE o.grain = settings.grain
),
-- A visit falls in period n when its days since the cohort's start, divided by the grain's length (a one-time value), is
-- n: an equality, so the periods join by hash.
returned AS (
    SELECT c.cohort_start, p.n, count(DISTINCT v.user_number) AS returned_users
    FROM visits v
    JOIN cohorts c USING (user_number)
    JOIN periods p ON p.n = (v.day - c.cohort_start) / (SELECT CASE WHEN grain = 'week' THEN 7 ELSE 1 END FROM settings)
    GROUP BY c.cohort_start, p.n
),
sizes AS (
    SELECT cohort_start, count(*) AS cohort_users FROM cohorts GROUP BY cohort_start
),
-- Every cohort has every period: the returns counted, and a zero for each (a union, not an outer join, which DuckDB
-- cannot plan over these correlated CTEs).
counts AS (
    SELECT cohort_start, n, returned_users FROM returned
    UNION ALL
    SELECT z.cohort_start, p.n, 0 FROM sizes z, periods p
),
last_day AS (
    SELECT max(day) AS day FROM visits
)
SELECT z.cohort_start,
       z.cohort_users,
       settings.grain || ' ' || c.n AS period,
       sum(c.returned_users)::bigint AS returned_users,
       CASE WHEN z.cohort_start + (c.n + 1) * p.length - 1 <= l.day
            THEN round(sum(c.returned_users)::numeric / z.cohort_users, 4)::double precision END AS return_rate
FROM counts c
JOIN sizes z ON z.cohort_start = c.cohort_start
JOIN periods p ON p.n = c.n
CROSS JOIN settings
CROSS JOIN last_day l
GROUP BY z.cohort_start, z.cohort_users, settings.grain, c.n, p.length, l.day
ORDER BY z.cohort_start, c.n
