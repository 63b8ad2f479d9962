UPDATE analytics.alert_history SET status = @status, reason = @reason, updated_at = @now
WHERE alert_id = @id AND as_of = @as_of;
