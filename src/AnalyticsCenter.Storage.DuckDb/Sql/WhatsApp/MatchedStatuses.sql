-- Waiting statuses whose deployment is now known: the deployment.created (type 9) of their workspace whose message_id
-- is the status's. Should two deployments name one message, the first (by time, then event id) is the one, as for a
-- deployment id created twice.
WITH created AS (
    SELECT workspace_id, json_extract_string(details, '$.message_id') AS message_id, deployment_id, occurred_at, event_id
    FROM ac.events
    WHERE type = 9 AND workspace_id IN (SELECT DISTINCT workspace_id FROM ac.whatsapp_statuses)
),
sent AS (
    SELECT workspace_id, message_id, deployment_id FROM created
    WHERE message_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY workspace_id, message_id ORDER BY occurred_at, event_id) = 1
)
SELECT s.workspace_id, s.event_id, s.message_id, s.status, s.occurred_at, s.error_code, s.error_title, s.error_detail, d.deployment_id
FROM ac.whatsapp_statuses s
JOIN sent d ON d.workspace_id = s.workspace_id AND d.message_id = s.message_id
ORDER BY s.workspace_id, s.occurred_at, s.event_id;
