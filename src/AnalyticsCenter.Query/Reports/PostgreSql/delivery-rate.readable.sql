-- Delivery success rate: delivered / all deployments, grouped by `by` below: 'day' or 'week' (from Monday) of
-- deployment_timestamp in the time zone `tz` (timestamps are UTC), 'conversation', 'country' or 'line'.
WITH choice AS (
    SELECT @by::text AS by, @tz::text AS tz
),
grouped AS (
    SELECT CASE choice.by
               WHEN 'day' THEN to_char((d.deployment_timestamp AT TIME ZONE 'UTC') AT TIME ZONE choice.tz, 'YYYY-MM-DD')
               WHEN 'week' THEN to_char(date_trunc('week', (d.deployment_timestamp AT TIME ZONE 'UTC') AT TIME ZONE choice.tz), 'YYYY-MM-DD')
               WHEN 'conversation' THEN d.conversation_id || ' v' || d.conversation_version
               WHEN 'country' THEN d.user_country_code
               WHEN 'line' THEN d.line_whatsapp_number
           END COLLATE "C" AS "group",
           choice.by IN ('day', 'week') AS is_period,
           d.delivery_status
    FROM deployments d, choice
    WHERE {deployment_filters:d}
      AND (@delivery_status::text IS NULL OR d.delivery_status = @delivery_status::text)
)
SELECT "group",
       count(*) AS deployments,
       count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
       count(*) FILTER (WHERE delivery_status = 'Failed') AS failed,
       count(*) FILTER (WHERE delivery_status = 'In Process') AS in_process,
       round(count(*) FILTER (WHERE delivery_status = 'Delivered')::numeric / count(*), 4)::double precision AS delivery_rate
FROM grouped
GROUP BY "group", is_period
-- Days and weeks in time order; other groups by deployments, most first.
ORDER BY CASE WHEN is_period THEN "group" END, deployments DESC, "group"
