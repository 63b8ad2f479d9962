-- User retention by cohort. A user is user_country_code || user_cellphone (one person on two lines is one user).
-- A user's cohort is the day, in the time zone $tz (IANA name, default 'UTC'), of their first session among the
-- sessions that pass the filters (so $from also starts the observation). "Returned on day N" means: started at least
-- one session (of any type, unless $session_type says which) on the N-th calendar day after the cohort day, in $tz;
-- sessions on other days do not count for N. A rate is returned users / cohort users, and NULL (not yet known) when
-- the N-th day is after the last day that has any session in the filtered data.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz
),
visits AS (
    SELECT DISTINCT s.user_country_code || s.user_cellphone AS user_key,
           CAST(timezone(settings.tz, make_timestamptz(epoch_us(s.session_started_timestamp))) AS DATE) AS day
    FROM sessions s, settings
    WHERE ($from::TIMESTAMP IS NULL OR s.session_started_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR s.session_started_timestamp < $to::TIMESTAMP)
      AND ($conversation_id::VARCHAR IS NULL OR s.conversation_id = $conversation_id::VARCHAR)
      AND ($conversation_version::INTEGER IS NULL OR s.conversation_version = $conversation_version::INTEGER)
      AND ($country::VARCHAR IS NULL OR s.user_country_code = $country::VARCHAR)
      AND ($line::VARCHAR IS NULL OR s.line_whatsapp_number = $line::VARCHAR)
      AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
),
firsts AS (
    SELECT user_key, min(day) AS cohort_day
    FROM visits
    GROUP BY user_key
),
users AS (
    SELECT f.user_key,
           f.cohort_day,
           bool_or(v.day = f.cohort_day + 1) AS day_1,
           bool_or(v.day = f.cohort_day + 7) AS day_7,
           bool_or(v.day = f.cohort_day + 30) AS day_30
    FROM firsts f
    JOIN visits v USING (user_key)
    GROUP BY f.user_key, f.cohort_day
),
last_day AS (
    SELECT max(day) AS day FROM visits
)
SELECT u.cohort_day,
       count(*) AS cohort_users,
       count(*) FILTER (WHERE u.day_1) AS day_1_returned,
       CASE WHEN u.cohort_day + 1 <= l.day THEN round(count(*) FILTER (WHERE u.day_1) / count(*), 4) END AS day_1_rate,
       count(*) FILTER (WHERE u.day_7) AS day_7_returned,
       CASE WHEN u.cohort_day + 7 <= l.day THEN round(count(*) FILTER (WHERE u.day_7) / count(*), 4) END AS day_7_rate,
       count(*) FILTER (WHERE u.day_30) AS day_30_returned,
       CASE WHEN u.cohort_day + 30 <= l.day THEN round(count(*) FILTER (WHERE u.day_30) / count(*), 4) END AS day_30_rate
FROM users u, last_day l
GROUP BY u.cohort_day, l.day
ORDER BY u.cohort_day
