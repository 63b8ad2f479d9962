-- One row the first time a token id is used; none when it was used before.
INSERT INTO ac.embed_tokens_used (host, token_id, keep_until) VALUES ($host, $jti, $until) ON CONFLICT DO NOTHING;
