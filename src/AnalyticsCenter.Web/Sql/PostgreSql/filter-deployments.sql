-- Deployments that pass the browse filters (each NULL when not given), in storage order: what an export streams.
SELECT *
FROM deployments
WHERE {deployment_filters}
  AND (@status::text IS NULL OR delivery_status = @status::text)
