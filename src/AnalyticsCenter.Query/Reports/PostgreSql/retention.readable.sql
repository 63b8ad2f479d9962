-- User retention as a cohort grid. A user is user_country_code || user_cellphone; their first day is the day, in the
-- time zone `tz` below (timestamps are UTC), of their first session here. `grain` 'day': a cohort is a first day and
-- "day N" (1, 3, 7, 14) means a session on the N-th day after it; 'week': a cohort is the week (from Monday) of the
-- first day and "week N" (1 to 4) a session in the N-th week after it. return_rate is NULL while the period is not over.
WITH choice AS (
    SELECT @grain::text AS grain, @tz::text AS tz
),
visits AS (
    SELECT DISTINCT s.user_country_code || s.user_cellphone AS user_id,
           ((s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE choice.tz)::date AS day
    FROM sessions s, choice
    WHERE {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
),
cohorts AS (
    SELECT v.user_id,
           CASE WHEN choice.grain = 'week' THEN date_trunc('week', min(v.day))::date ELSE min(v.day) END AS cohort_start
    FROM visits v, choice
    GROUP BY v.user_id, choice.grain
),
periods AS (
    SELECT o.n, o.length
    FROM (VALUES ('day', 1, 1), ('day', 3, 1), ('day', 7, 1), ('day', 14, 1), ('week', 1, 7), ('week', 2, 7), ('week', 3, 7), ('week', 4, 7))
         AS o(grain, n, length), choice
    WHERE o.grain = choice.grain
),
returned AS (
    SELECT c.cohort_start, p.n, count(DISTINCT v.user_id) AS returned_users
    FROM visits v
    JOIN cohorts c USING (user_id)
    JOIN periods p ON v.day - c.cohort_start >= p.n * p.length AND v.day - c.cohort_start < (p.n + 1) * p.length
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
       choice.grain || ' ' || c.n AS period,
       sum(c.returned_users)::bigint AS returned_users,
       CASE WHEN z.cohort_start + (c.n + 1) * p.length - 1 <= l.day
            THEN round(sum(c.returned_users)::numeric / z.cohort_users, 4)::double precision END AS return_rate
FROM counts c
JOIN sizes z ON z.cohort_start = c.cohort_start
JOIN periods p ON p.n = c.n
CROSS JOIN choice
CROSS JOIN last_day l
GROUP BY z.cohort_start, z.cohort_users, choice.grain, c.n, p.length, l.day
ORDER BY z.cohort_start, c.n
