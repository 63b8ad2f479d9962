-- Retention: raw events that no retained row needs. A timeline's events before its safe purge point go
-- (no session was open then, no earlier deployment changed later); statuses go with their deployment.
DELETE FROM ac.events e
USING purge_cuts p
WHERE e.workspace_id = $ws AND e.timeline_id = p.timeline_id AND e.occurred_at < make_timestamp(p.purge_before_us);
DELETE FROM ac.events s
WHERE s.workspace_id = $ws AND s.type = 10 AND s.occurred_at < $cutoff
  AND NOT EXISTS (SELECT 1 FROM ac.events c WHERE c.workspace_id = $ws AND c.type = 9 AND c.deployment_id = s.deployment_id);
