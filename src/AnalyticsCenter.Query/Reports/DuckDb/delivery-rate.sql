-- Delivery success: delivered / all deployments, grouped by $by: 'day' or 'week' of deployment_timestamp in the time
-- zone $tz (IANA name, default 'UTC'; a week starts on Monday and is named by that date, YYYY-MM-DD), 'conversation'
-- (conversation_id vVERSION), 'country' (user_country_code) or 'line' (line_whatsapp_number). Default 'day'.
-- Periods are in time order; other groups by deployments, most first.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz,
           CASE WHEN coalesce($by::VARCHAR, 'day') IN ('day', 'week', 'conversation', 'country', 'line') THEN coalesce($by::VARCHAR, 'day')
                ELSE error('by must be ''day'', ''week'', ''conversation'', ''country'' or ''line'', not ''' || $by::VARCHAR || '''') END AS by
),
-- Counted per quarter hour first: zone offsets change only on quarter hours, so each quarter hour is named by its local
-- day or week once instead of each deployment.
quarters AS (
    SELECT CASE WHEN settings.by IN ('day', 'week') THEN epoch_us(d.deployment_timestamp) // 900000000 END AS quarter,
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
      AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
    GROUP BY ALL
),
grouped AS (
    SELECT CASE settings.by
               WHEN 'day' THEN strftime(timezone(settings.tz, make_timestamptz(q.quarter * 900000000)), '%Y-%m-%d')
               WHEN 'week' THEN strftime(date_trunc('week', timezone(settings.tz, make_timestamptz(q.quarter * 900000000))), '%Y-%m-%d')
               ELSE q.other_group
           END AS "group",
           settings.by IN ('day', 'week') AS is_period,
           q.deployments, q.delivered, q.failed, q.in_process
    FROM quarters q, settings
)
SELECT "group",
       sum(deployments)::BIGINT AS deployments,
       sum(delivered)::BIGINT AS delivered,
       sum(failed)::BIGINT AS failed,
       sum(in_process)::BIGINT AS in_process,
       round(sum(delivered) / sum(deployments), 4) AS delivery_rate
FROM grouped
GROUP BY "group", is_period
ORDER BY CASE WHEN is_period THEN "group" END, deployments DESC, "group"
