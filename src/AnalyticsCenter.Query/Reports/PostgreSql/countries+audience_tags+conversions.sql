-- Countries or audience tags with conversions: as Reports/DuckDb/countries+audience_tags+conversions.sql, in PostgreSQL.
WITH
    {include:conversion-attribution},
    {include:audience-tag},
    by_group AS (
        {include:countries+audience_tags}
    ),
    credited_to_group AS (
        SELECT coalesce(t.tag, CASE WHEN coalesce(@group_by::text, 'country') = 'country' THEN s.user_country_code END) AS group_key,
               count(*) AS conversions,
               sum(a.value) AS conversion_value
        FROM attributed a
        JOIN sessions s ON s.session_id = a.session_id
        LEFT JOIN tag t ON t.phone_digits = substr(s.user_country_code, 2) || s.user_cellphone
        WHERE {session_filters:s}
          AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
        GROUP BY 1
    )
SELECT g.*,
       coalesce(c.conversions, 0) AS conversions,
       round(c.conversion_value::numeric, 2)::double precision AS conversion_value
FROM by_group g
LEFT JOIN credited_to_group c ON c.group_key IS NOT DISTINCT FROM coalesce(g.user_country_code, g.tag)
ORDER BY g.deployments DESC, g.sessions DESC, g.user_country_code, g.tag
