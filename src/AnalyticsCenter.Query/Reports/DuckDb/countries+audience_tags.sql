-- Countries, or audience tags: as Reports/DuckDb/countries.sql by user_country_code ($group_by 'country', the default),
-- or by the tags the workspace uploaded in audience_tags ($group_by 'tag'): a user with several tags counts in each, one
-- with none in the row whose tag is NULL. The row's group is in tag or in user_country_code, the other NULL.
WITH
    {include:audience-tag},
    d AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'country' THEN d.user_country_code END) AS group_key,
               d.delivery_status,
               coalesce(d.delivery_status = 'Delivered' AND s.session_id IS NOT NULL, false) AS created_session,
               coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied
        FROM deployments d
        LEFT JOIN sessions s ON s.session_id = d.session_id
        LEFT JOIN tag t ON t.phone_digits = substr(d.user_country_code, 2) || d.user_cellphone
        WHERE {deployment_filters:d}
          AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
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
        SELECT coalesce(t.tag, CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'country' THEN s.user_country_code END) AS group_key,
               count(*) AS sessions,
               round(avg(epoch(s.session_finished_timestamp - s.session_started_timestamp)), 1) AS avg_duration_s
        FROM sessions s
        LEFT JOIN tag t ON t.phone_digits = substr(s.user_country_code, 2) || s.user_cellphone
        WHERE {session_filters:s}
          AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
        GROUP BY 1
    )
SELECT CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'country' THEN coalesce(bd.group_key, bs.group_key) END AS user_country_code,
       CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'tag' THEN coalesce(bd.group_key, bs.group_key) END AS tag,
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
FULL JOIN by_sessions bs ON bs.group_key IS NOT DISTINCT FROM bd.group_key
ORDER BY deployments DESC, sessions DESC, user_country_code, tag
