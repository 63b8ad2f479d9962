INSERT INTO analytics.subscriptions
    (subscription_id, workspace_id, name, source_kind, source_ref, parameters, schedule, channel, target, secret, created_at, created_by)
VALUES (@id, @ws, @name, @source_kind, @source_ref, @parameters, @schedule, @channel, @target, @secret, @now, @by);
