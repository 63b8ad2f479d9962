-- Delivery success: delivered / all deployments, grouped by $by: 'day' or 'week' of deployment_timestamp in the time
-- zone $tz (IANA name, default 'UTC'; a week starts on Monday and is named by that date, YYYY-MM-DD), 'conversation'
-- (conversation_id vVERSION), 'country' (user_country_code) or 'line' (line_whatsapp_number). Default 'day'.
-- Periods are in time order; other groups by deployments, most first.
WITH settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz,
           CASE WHEN coalesce($by::VARCHAR, 'day') IN ('day', 'week', 'conversation', 'country', 'line') THEN coalesce($by::VARCHAR, 'day')
                ELSE error('by must be ''day'', ''week'', ''conversation'', ''country'' or ''line'', not ''' || $by::VARCHAR || '''') END AS by
),
grouped AS (
    SELECT CASE settings.by
               WHEN 'day' THEN strftime(timezone(settings.tz, make_timestamptz(epoch_us(d.deployment_timestamp))), '%Y-%m-%d')
               WHEN 'week' THEN strftime(date_trunc('week', timezone(settings.tz, make_timestamptz(epoch_us(d.deployment_timestamp)))), '%Y-%m-%d')
               WHEN 'conversation' THEN d.conversation_id || ' v' || d.conversation_version
               WHEN 'country' THEN d.user_country_code
               ELSE d.line_whatsapp_number
           END AS "group",
           settings.by IN ('day', 'week') AS is_period,
           d.delivery_status
    FROM deployments d, settings
    WHERE ($from::TIMESTAMP IS NULL OR d.deployment_timestamp >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR d.deployment_timestamp < $to::TIMESTAMP)
      AND ($conversation_id::VARCHAR IS NULL OR d.conversation_id = $conversation_id::VARCHAR)
      AND ($conversation_version::INTEGER IS NULL OR d.conversation_version = $conversation_version::INTEGER)
      AND ($country::VARCHAR IS NULL OR d.user_country_code = $country::VARCHAR)
      AND ($line::VARCHAR IS NULL OR d.line_whatsapp_number = $line::VARCHAR)
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
ORDER BY CASE WHEN is_period THEN "group" END, deployments DESC, "group"
