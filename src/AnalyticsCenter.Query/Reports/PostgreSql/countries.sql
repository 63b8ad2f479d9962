-- Countries: as Reports/DuckDb/countries.sql, in PostgreSQL. The counting is Reports/PostgreSql/countries-by-key.sql.
WITH
    keyed_deployments AS (
        SELECT d.user_country_code AS group_key, d.delivery_status, d.session_started_timestamp, d.session_replied
        FROM tenant_deployment_facts d
        WHERE {deployment_filters:d}
          AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
    ),
    keyed_sessions AS (
        SELECT s.user_country_code AS group_key, s.session_started_timestamp, s.session_finished_timestamp
        FROM sessions s
        WHERE {session_filters:s}
          AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
    ),
    {include:countries-by-key}
SELECT *
FROM by_key AS k (user_country_code)
ORDER BY deployments DESC, sessions DESC, user_country_code
