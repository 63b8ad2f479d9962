-- Delivery success rate: delivered / all deployments, grouped by `by` below: 'day' or 'week' (from Monday) of
-- deployment_timestamp in the time zone `tz` (timestamps are UTC), 'conversation', 'country' or 'line'.
WITH choice AS (
    SELECT $by AS by, $tz AS tz
),
grouped AS (
    SELECT CASE choice.by
               WHEN 'day' THEN strftime(timezone(choice.tz, timezone('UTC', d.deployment_timestamp)), '%Y-%m-%d')
               WHEN 'week' THEN strftime(date_trunc('week', timezone(choice.tz, timezone('UTC', d.deployment_timestamp))), '%Y-%m-%d')
               WHEN 'conversation' THEN d.conversation_id || ' v' || d.conversation_version
               WHEN 'country' THEN d.user_country_code
               WHEN 'line' THEN d.line_whatsapp_number
           END AS "group",
           choice.by IN ('day', 'week') AS is_period,
           d.delivery_status
    FROM deployments d, choice
    WHERE {deployment_filters:d}
      AND ($delivery_status::VARCHAR IS NULL OR d.delivery_status = $delivery_status::VARCHAR)
)
SELECT "group",
       count(*) AS deployments,
       count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
       count(*) FILTER (WHERE delivery_status = 'Failed') AS failed,
       count(*) FILTER (WHERE delivery_status = 'In Process') AS in_process,
       round(count(*) FILTER (WHERE delivery_status = 'Delivered') / count(*), 4) AS delivery_rate
FROM grouped
GROUP BY "group", is_period
-- Days and weeks in time order; other groups by deployments, most first.
ORDER BY CASE WHEN is_period THEN "group" END, deployments DESC, "group"
