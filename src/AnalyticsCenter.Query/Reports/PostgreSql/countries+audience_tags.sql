-- Countries, or audience tags: as Reports/DuckDb/countries+audience_tags.sql, in PostgreSQL.
WITH
    {include:audience-tag},
    keyed_deployments AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN d.user_country_code END) AS group_key,
               d.delivery_status,
               d.session_started_timestamp,
               d.session_replied
        FROM tenant_deployment_facts d
        LEFT JOIN tag t ON t.phone_digits = substr(d.user_country_code, 2) || d.user_cellphone
        WHERE {deployment_filters:d}
          AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
    ),
    keyed_sessions AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN s.user_country_code END) AS group_key,
               s.session_started_timestamp,
               s.session_finished_timestamp
        FROM sessions s
        LEFT JOIN tag t ON t.phone_digits = substr(s.user_country_code, 2) || s.user_cellphone
        WHERE {session_filters:s}
          AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
    ),
    {include:countries-by-key}
SELECT CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN k.group_key END AS user_country_code,
       CASE WHEN coalesce(@group_by::text, 'country') = 'tag' THEN k.group_key END AS tag,
       k.deployments, k.delivered, k.delivery_rate, k.outbound_sessions, k.sessions_per_delivered,
       k.replied_sessions, k.replies_per_delivered, k.sessions, k.avg_duration_s
FROM by_key k
ORDER BY deployments DESC, sessions DESC, user_country_code, tag
