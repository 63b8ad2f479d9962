-- Retention: a status no deployment has named by the cutoff is for a message that was not a deployment's template
-- (WhatsApp reports on every message the business sends), or for a deployment already gone.
DELETE FROM analytics.whatsapp_statuses WHERE occurred_at < @cutoff AND (@ws::text IS NULL OR workspace_id = @ws::text);
