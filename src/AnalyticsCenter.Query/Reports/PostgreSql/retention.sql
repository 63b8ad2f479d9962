-- User retention as a cohort grid: as Reports/DuckDb/retention.sql, in PostgreSQL.
-- settings is inlined wherever it is read (NOT MATERIALIZED), so its values fold into the plan as constants.
WITH settings AS NOT MATERIALIZED (
    SELECT coalesce(@tz::text, 'UTC') AS tz,
           -- PostgreSQL has no error(): casting the message to a number stops the query with the message in its error.
           CASE WHEN coalesce(@grain::text, 'day') IN ('day', 'week') THEN coalesce(@grain::text, 'day')
                ELSE CAST('grain must be ''day'' or ''week'', not ''' || @grain::text || '''' AS integer)::text END AS grain,
           CASE WHEN coalesce(@grain::text, 'day') = 'week' THEN 7 ELSE 1 END AS length
),
-- Each session's local day is converted directly: PostgreSQL's zone conversion is cheap enough that the DuckDB twin's
-- quarter-hour table would cost more (its rows read twice and joined back) than it saves.
visits AS (
    -- The user as one E.164 number (country codes are prefix-free, so the digits name one user): a number sorts
    -- much faster than two strings.
    SELECT CAST(substr(s.user_country_code, 2) || s.user_cellphone AS bigint) AS user_number,
           ((s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date AS day
    FROM sessions s, settings
    WHERE {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
),
-- Each user's visits in day order, in one sort: the first is the user's first day, and a visit in another period than
-- the visit before it is the user's first in that period. Counting those visits counts distinct users, with no
-- per-user hash table or join back to the visits (both spill at a tenant's work_mem).
ordered AS (
    SELECT v.day, first_value(v.day) OVER by_user AS first_day, lag(v.day) OVER by_user AS previous_day
    FROM visits v
    WINDOW by_user AS (PARTITION BY v.user_number ORDER BY v.day ROWS UNBOUNDED PRECEDING)
),
cohorts AS (
    SELECT CASE WHEN settings.grain = 'week' THEN date_trunc('week', o.first_day)::date ELSE o.first_day END AS cohort_start,
           o.day,
           o.previous_day
    FROM ordered o, settings
),
-- Users by cohort and period: period 0 holds every user of the cohort (their first visit), so it is the cohort's size.
counted AS (
    SELECT c.cohort_start, (c.day - c.cohort_start) / settings.length AS n, count(*) AS users, max(c.day) AS last_day
    FROM cohorts c, settings
    WHERE c.previous_day IS NULL OR (c.previous_day - c.cohort_start) / settings.length <> (c.day - c.cohort_start) / settings.length
    GROUP BY c.cohort_start, (c.day - c.cohort_start) / settings.length
),
periods AS (
    SELECT o.n, o.length
    FROM (VALUES ('day', 1, 1), ('day', 3, 1), ('day', 7, 1), ('day', 14, 1), ('week', 1, 7), ('week', 2, 7), ('week', 3, 7), ('week', 4, 7))
         AS o(grain, n, length), settings
    WHERE o.grain = settings.grain
)
SELECT z.cohort_start,
       z.users AS cohort_users,
       settings.grain || ' ' || p.n AS period,
       coalesce(r.users, 0) AS returned_users,
       CASE WHEN z.cohort_start + (p.n + 1) * p.length - 1 <= l.day
            THEN round(coalesce(r.users, 0)::numeric / z.users, 4)::double precision END AS return_rate
FROM counted z
CROSS JOIN periods p
LEFT JOIN counted r ON r.cohort_start = z.cohort_start AND r.n = p.n
CROSS JOIN settings
CROSS JOIN (SELECT max(last_day) AS day FROM counted) l
WHERE z.n = 0
ORDER BY z.cohort_start, p.n
