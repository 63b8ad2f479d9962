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
    by_deployments AS (
        SELECT group_key,
               count(*) AS deployments,
               count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
               count(*) FILTER (WHERE created_session) AS outbound_sessions,
               count(*) FILTER (WHERE replied) AS replied_sessions
        FROM d
        GROUP BY group_key
    ),
    by_sessions AS (
        SELECT group_key,
               count(*) AS sessions,
               round(avg(date_part('epoch', session_finished_timestamp - session_started_timestamp))::numeric, 1)::double precision AS avg_duration_s
        FROM keyed_sessions
        GROUP BY group_key
    ),
    by_key AS (
        SELECT coalesce(bd.group_key, bs.group_key) COLLATE "C" AS group_key,
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
        -- A NULL group_key (no tag) is a group too; PostgreSQL runs a FULL JOIN only on equalities, so IS NOT DISTINCT FROM
        -- is spelt as two.
        FULL JOIN by_sessions bs ON (bs.group_key IS NULL) = (bd.group_key IS NULL) AND coalesce(bs.group_key, '') = coalesce(bd.group_key, '')
    )
SELECT *
FROM by_key AS k (user_country_code)
ORDER BY deployments DESC, sessions DESC, user_country_code
