-- Retention: a status no deployment has named by the start of its workspace's window (@cutoff) is for a message that was
-- not a deployment's template (WhatsApp reports on every message the business sends), or for a deployment already gone.
-- Of every workspace (or only @ws) but those in @except, which keep windows of their own.
DELETE FROM analytics.whatsapp_statuses
WHERE occurred_at < @cutoff AND (@ws::text IS NULL OR workspace_id = @ws::text) AND NOT (workspace_id = ANY (@except::text[]));
