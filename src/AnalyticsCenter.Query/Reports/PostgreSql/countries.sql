-- Countries: as Reports/DuckDb/countries.sql, in PostgreSQL. Rates are computed exactly (numeric) and returned as double
-- precision, as DuckDB returns them; text sorts by code point (COLLATE "C"), as DuckDB sorts it.
WITH d AS (
    SELECT d.user_country_code,
           d.delivery_status,
           coalesce(d.delivery_status = 'Delivered' AND s.session_id IS NOT NULL, false) AS created_session,
           coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied
    FROM deployments d
    -- An equality-only join condition keeps this a hash join; the Delivered test sits in the expressions above.
    LEFT JOIN sessions s ON s.session_id = d.session_id
    WHERE {deployment_filters:d}
      AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
),
by_deployments AS (
    SELECT user_country_code,
           count(*) AS deployments,
           count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
           count(*) FILTER (WHERE created_session) AS outbound_sessions,
           count(*) FILTER (WHERE replied) AS replied_sessions
    FROM d
    GROUP BY user_country_code
),
by_sessions AS (
    SELECT user_country_code,
           count(*) AS sessions,
           round(avg(date_part('epoch', session_finished_timestamp - session_started_timestamp))::numeric, 1)::double precision AS avg_duration_s
    FROM sessions
    WHERE {session_filters}
      AND (@session_type::text IS NULL OR session_type = @session_type::text)
    GROUP BY user_country_code
)
SELECT coalesce(bd.user_country_code, bs.user_country_code) COLLATE "C" AS user_country_code,
       coalesce(bd.deployments, 0) AS deployments,
       coalesce(bd.delivered, 0) AS delivered,
       round(bd.delivered::numeric / nullif(bd.deployments, 0), 4)::double precision AS delivery_rate,
       coalesce(bd.outbound_sessions, 0) AS outbound_sessions,
       round(bd.outbound_sessions::numeric / nullif(bd.delivered, 0), 4)::double precision AS sessions_per_delivered,
       coalesce(bd.replied_sessions, 0) AS replied_sessions,
       round(bd.replied_sessions::numeric / nullif(bd.delivered, 0), 4)::double precision AS replies_per_delivered,
       coalesce(bs.sessions, 0) AS sessions,
       bs.avg_duration_s
FROM by_deployments bd
FULL JOIN by_sessions bs ON bs.user_country_code = bd.user_country_code
ORDER BY deployments DESC, sessions DESC, user_country_code
