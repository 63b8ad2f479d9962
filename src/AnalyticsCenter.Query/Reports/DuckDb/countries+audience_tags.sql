-- Countries, or audience tags: as Reports/DuckDb/countries.sql by user_country_code ($group_by 'country', the default),
-- or by the tags the workspace uploaded in audience_tags ($group_by 'tag'): a user with several tags counts in each, one
-- with none in the row whose tag is NULL. The row's group is in tag or in user_country_code, the other NULL.
WITH
    {include:audience-tag},
    keyed_deployments AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'country' THEN d.user_country_code END) AS group_key,
               d.session_id,
               d.delivery_status
        FROM deployments d
        LEFT JOIN tag t ON t.phone_digits = substr(d.user_country_code, 2) || d.user_cellphone
        WHERE {deployment_filters:d}
          AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
    ),
    keyed_sessions AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'country' THEN s.user_country_code END) AS group_key,
               s.session_started_timestamp,
               s.session_finished_timestamp
        FROM sessions s
        LEFT JOIN tag t ON t.phone_digits = substr(s.user_country_code, 2) || s.user_cellphone
        WHERE {session_filters:s}
          AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
    ),
    {include:countries-by-key}
SELECT CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'country' THEN k.group_key END AS user_country_code,
       CASE WHEN coalesce($group_by::VARCHAR, 'country') = 'tag' THEN k.group_key END AS tag,
       k.* EXCLUDE (group_key)
FROM by_key k
ORDER BY deployments DESC, sessions DESC, user_country_code, tag
