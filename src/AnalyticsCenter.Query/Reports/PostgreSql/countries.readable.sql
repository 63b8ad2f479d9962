-- Performance by country: deployments, deliveries, the sessions delivered deployments started and the replies in them by
-- the deployment's country, and sessions and their average duration by the session's. Rates are computed exactly
-- (numeric); a country sorts by code point (COLLATE "C"). The report itself reads each deployment's session facts from
-- tenant_deployment_facts, which the refresh keeps, instead of joining the sessions.
WITH
    keyed_deployments AS (
        SELECT d.user_country_code AS group_key, d.session_id, d.delivery_status
        FROM deployments d
        WHERE {deployment_filters:d}
          AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
    ),
    keyed_sessions AS (
        SELECT s.user_country_code AS group_key, s.session_started_timestamp, s.session_finished_timestamp
        FROM sessions s
        WHERE {session_filters:s}
          AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
    ),
    d AS (
        SELECT d.group_key,
               d.delivery_status,
               coalesce(d.delivery_status = 'Delivered' AND s.session_id IS NOT NULL, false) AS created_session,
               coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied
        FROM keyed_deployments d
        -- An equality-only join condition keeps this a hash join; the Delivered test sits in the expressions above.
        LEFT JOIN sessions s ON s.session_id = d.session_id
    ),
    {include:countries-counts}
SELECT *
FROM by_key AS k (user_country_code)
ORDER BY deployments DESC, sessions DESC, user_country_code
