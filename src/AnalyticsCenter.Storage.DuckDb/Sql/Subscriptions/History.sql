-- A workspace's deliveries (of one subscription when $id is not NULL), newest slot first.
SELECT subscription_id, slot, status, attempts, reason, claimed_by, updated_at
FROM ac.deliveries
WHERE workspace_id = $ws AND ($id::VARCHAR IS NULL OR subscription_id = $id)
ORDER BY slot DESC, subscription_id
LIMIT $limit;
