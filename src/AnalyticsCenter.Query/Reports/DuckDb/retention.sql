-- User retention by cohort. A user is user_country_code || user_cellphone (one person on two lines is one user).
-- A user's cohort is the day, in the time zone $tz (IANA name, default 'UTC'), of their first session among the
-- sessions that pass the filters (so $from also starts the observation). "Returned on day N" means: started at least
-- one session (of any type, unless $session_type says which) on the N-th calendar day after the cohort day, in $tz;
-- sessions on other days do not count for N. A rate is returned users / cohort users, and NULL (not yet known) when
-- the N-th day is after the last day that has any session in the filtered data.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz
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
       CASE WHEN m.cohort_day + 1 <= l.day THEN round(count(*) FILTER (WHERE m.day = m.cohort_day + 1) / count(*) FILTER (WHERE m.day = m.cohort_day), 4) END AS day_1_rate,
       count(*) FILTER (WHERE m.day = m.cohort_day + 7) AS day_7_returned,
       CASE WHEN m.cohort_day + 7 <= l.day THEN round(count(*) FILTER (WHERE m.day = m.cohort_day + 7) / count(*) FILTER (WHERE m.day = m.cohort_day), 4) END AS day_7_rate,
       count(*) FILTER (WHERE m.day = m.cohort_day + 30) AS day_30_returned,
       CASE WHEN m.cohort_day + 30 <= l.day THEN round(count(*) FILTER (WHERE m.day = m.cohort_day + 30) / count(*) FILTER (WHERE m.day = m.cohort_day), 4) END AS day_30_rate
FROM marked m, last_day l
GROUP BY m.cohort_day, l.day
ORDER BY m.cohort_day
