-- Retention: raw events that no retained row needs. A timeline's events before its safe purge point go (no session
-- was open then, no earlier deployment changed later). A status goes with its deployment: when every
-- deployment.created of its id is purged. A status whose deployment has not arrived yet stays pending, however
-- old: the deployment may still come, and it will need it.
DELETE FROM ac.events s
WHERE s.workspace_id = $ws AND s.type = 10
  AND s.deployment_id IN (
      SELECT c.deployment_id FROM ac.events c JOIN purge_cuts p ON p.timeline_id = c.timeline_id
      WHERE c.workspace_id = $ws AND c.type = 9 AND c.occurred_at < make_timestamp(p.purge_before_us))
  AND NOT EXISTS (
      SELECT 1 FROM ac.events c LEFT JOIN purge_cuts p ON p.timeline_id = c.timeline_id
      WHERE c.workspace_id = $ws AND c.type = 9 AND c.deployment_id = s.deployment_id
        AND (p.timeline_id IS NULL OR c.occurred_at >= make_timestamp(p.purge_before_us)));
DELETE FROM ac.events e
USING purge_cuts p
WHERE e.workspace_id = $ws AND e.timeline_id = p.timeline_id AND e.occurred_at < make_timestamp(p.purge_before_us);
