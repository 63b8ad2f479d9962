INSERT INTO analytics.refresh_claims (boundary, claimed_by, claimed_at)
VALUES (@boundary, @claimed_by, @claimed_at)
ON CONFLICT (boundary) DO NOTHING;
