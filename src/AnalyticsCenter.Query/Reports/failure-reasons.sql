-- Failure patterns: failed deployments by status_detail ('(no reason given)' when NULL), with share = failed with that
-- reason / all failed deployments.
SELECT coalesce(status_detail, '(no reason given)') AS status_detail,
       count(*) AS failed,
       round(count(*) / sum(count(*)) OVER (), 4) AS share
FROM deployments
WHERE delivery_status = 'Failed'
  AND ($from::TIMESTAMP IS NULL OR deployment_timestamp >= $from::TIMESTAMP)
  AND ($to::TIMESTAMP IS NULL OR deployment_timestamp < $to::TIMESTAMP)
  AND ($conversation_id::VARCHAR IS NULL OR conversation_id = $conversation_id::VARCHAR)
  AND ($conversation_version::INTEGER IS NULL OR conversation_version = $conversation_version::INTEGER)
  AND ($country::VARCHAR IS NULL OR user_country_code = $country::VARCHAR)
  AND ($line::VARCHAR IS NULL OR line_whatsapp_number = $line::VARCHAR)
GROUP BY ALL
ORDER BY failed DESC, status_detail
