-- As Reports/DuckDb/countries-by-key.sql, in PostgreSQL. Rates are computed exactly (numeric) and returned as double
-- precision, as DuckDB returns them; group_key sorts by code point (COLLATE "C"), as DuckDB sorts text.
-- keyed_deployments reads tenant_deployment_facts: each deployment's session (its start, whether the user wrote in it),
-- which the refresh keeps, so the sessions are not joined here.
d AS (
    SELECT group_key,
           delivery_status,
           delivery_status = 'Delivered' AND session_started_timestamp IS NOT NULL AS created_session,
           delivery_status = 'Delivered' AND session_replied AS replied
    FROM keyed_deployments
),
{include:countries-counts}
