-- Retention: a status no deployment has named by the start of its workspace's window (its own, or $default_us) is for a
-- message that was not a deployment's template (WhatsApp reports on every message the business sends), or for a
-- deployment already gone.
DELETE FROM ac.whatsapp_statuses s
WHERE s.occurred_at < $as_of - to_microseconds(coalesce(
    (SELECT w.retention_us FROM ac.workspaces w WHERE w.workspace_id = s.workspace_id), $default_us));
