-- Delivery success: as Reports/DuckDb/delivery-rate.sql, in PostgreSQL. A zone's days are local days of the UTC
-- timestamps (AT TIME ZONE 'UTC', then the zone), weeks start on Monday (date_trunc's ISO week).
-- The settings are written into each use (NOT MATERIALIZED), so the planner folds them to constants: a materialized
-- row joined to every deployment made each row test them again and kept the grouping out of parallel workers.
WITH settings AS NOT MATERIALIZED (
    SELECT coalesce(@tz::text, 'UTC') AS tz,
           -- PostgreSQL has no error(): casting the message to a number stops the query with the message in its error.
           CASE WHEN coalesce(@by::text, 'day') IN ('day', 'week', 'conversation', 'country', 'line') THEN coalesce(@by::text, 'day')
                ELSE CAST('by must be ''day'', ''week'', ''conversation'', ''country'' or ''line'', not ''' || @by::text || '''' AS integer)::text
           END AS by
),
-- Counted per quarter hour first: zone offsets change only on quarter hours, so each quarter hour is named by its local
-- day or week once instead of each deployment.
quarters AS (
    SELECT CASE WHEN settings.by IN ('day', 'week') THEN date_bin('15 minutes', d.deployment_timestamp, TIMESTAMP '2000-01-01') END AS quarter,
           CASE settings.by
               WHEN 'conversation' THEN d.conversation_id || ' v' || d.conversation_version
               WHEN 'country' THEN d.user_country_code
               WHEN 'line' THEN d.line_whatsapp_number
           END AS other_group,
           count(*) AS deployments,
           count(*) FILTER (WHERE d.delivery_status = 'Delivered') AS delivered,
           count(*) FILTER (WHERE d.delivery_status = 'Failed') AS failed,
           count(*) FILTER (WHERE d.delivery_status = 'In Process') AS in_process
    FROM deployments d, settings
    WHERE {deployment_filters:d}
      AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
    GROUP BY 1, 2
),
grouped AS (
    SELECT CASE settings.by
               WHEN 'day' THEN to_char((q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz, 'YYYY-MM-DD')
               WHEN 'week' THEN to_char(date_trunc('week', (q.quarter AT TIME ZONE 'UTC') AT TIME ZONE settings.tz), 'YYYY-MM-DD')
               ELSE q.other_group
           END COLLATE "C" AS "group",
           settings.by IN ('day', 'week') AS is_period,
           q.deployments, q.delivered, q.failed, q.in_process
    FROM quarters q, settings
)
SELECT "group",
       sum(deployments)::bigint AS deployments,
       sum(delivered)::bigint AS delivered,
       sum(failed)::bigint AS failed,
       sum(in_process)::bigint AS in_process,
       round(sum(delivered) / sum(deployments), 4)::double precision AS delivery_rate
FROM grouped
GROUP BY "group", is_period
ORDER BY CASE WHEN is_period THEN "group" END, deployments DESC, "group"
