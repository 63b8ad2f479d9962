-- Countries, or audience tags: as Reports/DuckDb/countries+audience_tags.sql, in PostgreSQL.
WITH
    {include:audience-tag},
    d AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN d.user_country_code END) AS group_key,
               d.delivery_status,
               coalesce(d.delivery_status = 'Delivered' AND s.session_id IS NOT NULL, false) AS created_session,
               coalesce(d.delivery_status = 'Delivered' AND s.first_message_timestamp IS NOT NULL, false) AS replied
        FROM deployments d
        LEFT JOIN sessions s ON s.session_id = d.session_id
        LEFT JOIN tag t ON t.phone_digits = substr(d.user_country_code, 2) || d.user_cellphone
        WHERE {deployment_filters:d}
          AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
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
        SELECT coalesce(t.tag, CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN s.user_country_code END) AS group_key,
               count(*) AS sessions,
               round(avg(date_part('epoch', s.session_finished_timestamp - s.session_started_timestamp))::numeric, 1)::double precision AS avg_duration_s
        FROM sessions s
        LEFT JOIN tag t ON t.phone_digits = substr(s.user_country_code, 2) || s.user_cellphone
        WHERE {session_filters:s}
          AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
        GROUP BY 1
    )
SELECT CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN coalesce(bd.group_key, bs.group_key) END COLLATE "C" AS user_country_code,
       CASE WHEN coalesce(@group_by::text, 'country') = 'tag' THEN coalesce(bd.group_key, bs.group_key) END COLLATE "C" AS tag,
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
-- The groups with no tag match too: PostgreSQL runs a FULL JOIN only on equalities, so IS NOT DISTINCT FROM is spelt as two.
FULL JOIN by_sessions bs ON (bs.group_key IS NULL) = (bd.group_key IS NULL) AND coalesce(bs.group_key, '') = coalesce(bd.group_key, '')
ORDER BY deployments DESC, sessions DESC, user_country_code, tag
