-- The first claim of a slot inserts its row; a later one takes it only while it is still sending and its lease ran out
-- (the process died). Anything else returns no row: the slot is finished, or its claim is still alive.
INSERT INTO ac.deliveries
    (subscription_id, slot, workspace_id, status, attempts, reason, claimed_by, lease_until, updated_at)
VALUES ($id, $slot, $ws, 0, 1, NULL, $claimant, $lease_until, $now)
ON CONFLICT (subscription_id, slot) DO UPDATE
    SET attempts = attempts + 1, claimed_by = excluded.claimed_by, lease_until = excluded.lease_until, updated_at = excluded.updated_at
    WHERE status = 0 AND lease_until < excluded.updated_at
RETURNING subscription_id, slot, status, attempts, reason, claimed_by, updated_at;
