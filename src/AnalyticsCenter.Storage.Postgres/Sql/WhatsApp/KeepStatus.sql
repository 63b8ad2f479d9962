-- A status Meta sent again (a retried delivery) is already here.
INSERT INTO analytics.whatsapp_statuses (workspace_id, event_id, message_id, status, occurred_at, error_code, error_title, error_detail, received_at)
VALUES (@ws, @event_id, @message_id, @status, @occurred_at, @error_code::text, @error_title::text, @error_detail::text, @now)
ON CONFLICT DO NOTHING;
