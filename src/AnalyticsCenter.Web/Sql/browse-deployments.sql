-- A page of deployments, newest first, with keyset paging: the page after ($after_started, $after_id).
SELECT *
FROM deployments
WHERE ($from::TIMESTAMP IS NULL OR deployment_timestamp >= $from::TIMESTAMP)
  AND ($to::TIMESTAMP IS NULL OR deployment_timestamp < $to::TIMESTAMP)
  AND ($conversation_id::VARCHAR IS NULL OR conversation_id = $conversation_id::VARCHAR)
  AND ($conversation_version::INTEGER IS NULL OR conversation_version = $conversation_version::INTEGER)
  AND ($country::VARCHAR IS NULL OR user_country_code = $country::VARCHAR)
  AND ($line::VARCHAR IS NULL OR line_whatsapp_number = $line::VARCHAR)
  AND ($status::VARCHAR IS NULL OR delivery_status = $status::VARCHAR)
  AND ($after_started::TIMESTAMP IS NULL
       OR deployment_timestamp < $after_started::TIMESTAMP
       OR (deployment_timestamp = $after_started::TIMESTAMP AND deployment_id < $after_id::VARCHAR))
ORDER BY deployment_timestamp DESC, deployment_id DESC
LIMIT $limit::BIGINT
