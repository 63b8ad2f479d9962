-- A transition's notification is taken again only while it is still sending and its claimant's lease ran out (it died);
-- anything else returns no row: it is finished, or its claim is still alive.
UPDATE analytics.alert_history
SET attempts = attempts + 1, claimed_by = @claimant, lease_until = @lease_until, updated_at = @now
WHERE alert_id = @id AND as_of = @as_of AND status = 0 AND lease_until < @now
RETURNING alert_id, as_of, state, value, status, reason, updated_at, attempts;
