-- Waiting statuses (of @ws, or every workspace's when NULL) whose deployment is now known: the deployment.created (type 9)
-- of their workspace whose message_id is the status's. Should two deployments name one message, the first (by time, then
-- event id) is the one, as for a deployment id created twice.
WITH sent AS (
    SELECT DISTINCT ON (workspace_id, details::json ->> 'message_id') workspace_id, details::json ->> 'message_id' AS message_id, deployment_id
    FROM analytics.events
    WHERE type = 9 AND details::json ->> 'message_id' IS NOT NULL
      AND workspace_id IN (SELECT workspace_id FROM analytics.whatsapp_statuses WHERE @ws::text IS NULL OR workspace_id = @ws::text)
    ORDER BY workspace_id, details::json ->> 'message_id', occurred_at, event_id COLLATE "C"
)
SELECT s.workspace_id, s.event_id, s.message_id, s.status, s.occurred_at, s.error_code, s.error_title, s.error_detail, d.deployment_id
FROM analytics.whatsapp_statuses s
JOIN sent d ON d.workspace_id = s.workspace_id AND d.message_id = s.message_id
ORDER BY s.workspace_id, s.occurred_at, s.event_id COLLATE "C";
