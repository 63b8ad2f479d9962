INSERT INTO analytics.signin_keys (name, xml, stored_at)
VALUES (@name, @xml, @stored_at)
ON CONFLICT (name) DO NOTHING;
