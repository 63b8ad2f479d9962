-- User retention as a cohort grid, one row per cohort and period after it. A user is user_country_code || user_cellphone
-- (one person on two lines is one user). A user's first day is the day, in the time zone $tz (IANA name, default 'UTC'),
-- of their first session among the sessions that pass the filters (so $from also starts the observation). $grain 'day'
-- (default): the cohort is that day, and "returned on day N" (N = 1, 3, 7, 14) means started at least one session (of
-- any type, unless $session_type says which) on the N-th calendar day after it. $grain 'week': the cohort is the week
-- (from Monday) of the first day, and "returned in week N" (N = 1 to 4) means a session in the N-th week after it.
-- return_rate = returned_users / cohort_users, NULL (not yet known) while the day or week is not wholly before the
-- last day that has any session in the filtered data.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz,
           CASE WHEN coalesce($grain::VARCHAR, 'day') IN ('day', 'week') THEN coalesce($grain::VARCHAR, 'day')
                ELSE error('grain must be ''day'' or ''week'', not ''' || $grain::VARCHAR || '''') END AS grain
),
filtered AS (
    -- The user as one E.164 number (country codes are prefix-free, so the digits name one user): a number hashes
    -- much faster than two strings.
    SELECT CAST(substr(s.user_country_code, 2) || s.user_cellphone AS BIGINT) AS user_number,
           epoch_us(s.session_started_timestamp) // 900000000 AS quarter
    FROM sessions s
    WHERE {session_filters:s}
      AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
),
-- Zone offsets change only on quarter hours, so a quarter hour's sessions share one local day: each quarter hour is
-- converted once instead of each session.
quarter_days AS (
    SELECT q.quarter, CAST(timezone(settings.tz, make_timestamptz(q.quarter * 900000000)) AS DATE) AS day
    FROM (SELECT DISTINCT quarter FROM filtered) q, settings
),
visits AS (
    SELECT DISTINCT f.user_number, d.day
    FROM filtered f JOIN quarter_days d USING (quarter)
),
cohorts AS (
    SELECT v.user_number,
           CASE WHEN settings.grain = 'week' THEN CAST(date_trunc('week', min(v.day)) AS DATE) ELSE min(v.day) END AS cohort_start
    FROM visits v, settings
    GROUP BY v.user_number, settings.grain
),
periods AS (
    SELECT o.n, o.length
    FROM (VALUES ('day', 1, 1), ('day', 3, 1), ('day', 7, 1), ('day', 14, 1), ('week', 1, 7), ('week', 2, 7), ('week', 3, 7), ('week', 4, 7))
         AS o(grain, n, length), settings
    WHERE o.grain = settings.grain
),
returned AS (
    SELECT c.cohort_start, p.n, count(DISTINCT v.user_number) AS returned_users
    FROM visits v
    JOIN cohorts c USING (user_number)
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
       settings.grain || ' ' || c.n AS period,
       sum(c.returned_users)::BIGINT AS returned_users,
       CASE WHEN z.cohort_start + (c.n + 1) * p.length - 1 <= l.day
            THEN round(sum(c.returned_users) / z.cohort_users, 4) END AS return_rate
FROM counts c
JOIN sizes z ON z.cohort_start = c.cohort_start
JOIN periods p ON p.n = c.n
CROSS JOIN settings
CROSS JOIN last_day l
GROUP BY z.cohort_start, z.cohort_users, settings.grain, c.n, p.length, l.day
ORDER BY z.cohort_start, c.n
