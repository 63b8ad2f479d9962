-- Transitions whose claimant's lease ran out while still sending: its server died before notifying.
SELECT alert_id, as_of, state, value, status, reason, updated_at, attempts
FROM analytics.alert_history
WHERE status = 0 AND lease_until < @now
ORDER BY as_of, alert_id;
