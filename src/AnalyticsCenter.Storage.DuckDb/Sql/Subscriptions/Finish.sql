UPDATE ac.deliveries SET status = $status, reason = $reason, updated_at = $now
WHERE subscription_id = $id AND slot = $slot;
