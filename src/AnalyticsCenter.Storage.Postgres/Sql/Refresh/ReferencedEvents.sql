-- The events a fetch's rows refer to, by seq (the key's index, so only those are read), with their details.
SELECT seq, type, event_id, deployment_id, occurred_at, details
FROM analytics.events
WHERE workspace_id = @ws AND seq = ANY (@seqs);
