INSERT INTO ac.audit_log (workspace_id, recorded_at, actor, action, object_id, object_name, outcome, detail)
VALUES ($ws, $now, $actor, $action, $object_id, $object_name, $outcome, $detail);
