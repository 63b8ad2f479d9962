-- Deliveries whose claimant's lease ran out while still sending: its server died mid-delivery.
SELECT subscription_id, slot, status, attempts, reason, claimed_by, updated_at
FROM ac.deliveries
WHERE status = 0 AND lease_until < $now
ORDER BY slot;
