-- Token ids past their time: their tokens are refused as expired anyway.
DELETE FROM analytics.embed_tokens_used WHERE keep_until <= @now;
