-- Countries: by user_country_code, deployments and their delivery rate (delivered / deployments); sessions created by
-- deliveries (sessions joined through deployments.session_id of Delivered deployments) per delivered deployment, and
-- how many of those the user replied in (first_message_timestamp not NULL) per delivered deployment; and all sessions
-- of the country with their average duration (finished - started in seconds, finished sessions only).
-- $from/$to select deployments by deployment_timestamp and sessions by session_started_timestamp; $delivery_status
-- filters deployments and $session_type the country's sessions.
WITH d AS (
    SELECT d.user_country_code,
           d.delivery_status,
           coalesce(d.delivery_status = 'Delivered' AND s.session_id IS NOT NULL, false) AS created_session,
           coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied
    FROM deployments d
    -- An equality-only join condition keeps this a hash join; the Delivered test sits in the expressions above.
    LEFT JOIN sessions s ON s.session_id = d.session_id
    WHERE {deployment_filters:d}
      AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
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
           round(avg(epoch(session_finished_timestamp - session_started_timestamp)), 1) AS avg_duration_s
    FROM sessions
    WHERE {session_filters}
      AND ($session_type::VARCHAR IS NULL OR session_type = $session_type::VARCHAR)
    GROUP BY user_country_code
)
SELECT coalesce(bd.user_country_code, bs.user_country_code) AS user_country_code,
       coalesce(bd.deployments, 0) AS deployments,
       coalesce(bd.delivered, 0) AS delivered,
       round(bd.delivered / nullif(bd.deployments, 0), 4) AS delivery_rate,
       coalesce(bd.outbound_sessions, 0) AS outbound_sessions,
       round(bd.outbound_sessions / nullif(bd.delivered, 0), 4) AS sessions_per_delivered,
       coalesce(bd.replied_sessions, 0) AS replied_sessions,
       round(bd.replied_sessions / nullif(bd.delivered, 0), 4) AS replies_per_delivered,
       coalesce(bs.sessions, 0) AS sessions,
       bs.avg_duration_s
FROM by_deployments bd
FULL JOIN by_sessions bs ON bs.user_country_code = bd.user_country_code
ORDER BY deployments DESC, sessions DESC, user_country_code
