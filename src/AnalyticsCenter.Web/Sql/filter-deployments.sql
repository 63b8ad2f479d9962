-- Deployments that pass the browse filters (each NULL when not given), in storage order: what an export streams.
SELECT *
FROM deployments
WHERE ($from::TIMESTAMP IS NULL OR deployment_timestamp >= $from::TIMESTAMP)
  AND ($to::TIMESTAMP IS NULL OR deployment_timestamp < $to::TIMESTAMP)
  AND ($conversation_id::VARCHAR IS NULL OR conversation_id = $conversation_id::VARCHAR)
  AND ($conversation_version::INTEGER IS NULL OR conversation_version = $conversation_version::INTEGER)
  AND ($country::VARCHAR IS NULL OR user_country_code = $country::VARCHAR)
  AND ($line::VARCHAR IS NULL OR line_whatsapp_number = $line::VARCHAR)
  AND ($status::VARCHAR IS NULL OR delivery_status = $status::VARCHAR)
