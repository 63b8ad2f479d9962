-- Countries: by user_country_code, deployments and their delivery rate (delivered / deployments); sessions created by
-- deliveries (sessions joined through deployments.session_id of Delivered deployments) per delivered deployment, and
-- how many of those the user replied in (first_message_timestamp not NULL) per delivered deployment; and all sessions
-- of the country with their average duration (finished - started in seconds, finished sessions only).
-- $from/$to select deployments by deployment_timestamp and sessions by session_started_timestamp; $delivery_status
-- filters deployments and $session_type the country's sessions. The counting is Reports/DuckDb/countries-by-key.sql.
WITH
    keyed_deployments AS (
        SELECT d.user_country_code AS group_key, d.session_id, d.delivery_status
        FROM deployments d
        WHERE {deployment_filters:d}
          AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
    ),
    keyed_sessions AS (
        SELECT s.user_country_code AS group_key, s.session_started_timestamp, s.session_finished_timestamp
        FROM sessions s
        WHERE {session_filters:s}
          AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
    ),
    {include:countries-by-key}
SELECT *
FROM by_key AS k (user_country_code)
ORDER BY deployments DESC, sessions DESC, user_country_code
