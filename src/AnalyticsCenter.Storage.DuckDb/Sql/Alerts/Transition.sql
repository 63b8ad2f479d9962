INSERT INTO ac.alert_history (alert_id, as_of, workspace_id, state, value, status, reason, updated_at, attempts, claimed_by, lease_until)
VALUES ($id, $as_of, $ws, $state, $value, 0, NULL, $now, 1, $claimant, $lease_until);
