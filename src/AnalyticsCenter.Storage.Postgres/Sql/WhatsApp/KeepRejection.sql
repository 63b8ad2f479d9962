-- A part of a delivery that could not be mapped. Texts come shown (StoredText): a NUL as U+2400, the raw's exact UTF-8 in raw_bytes.
INSERT INTO analytics.rejections (workspace_id, received_at, source, line_number, category, reason, raw, raw_bytes)
VALUES (@ws::text, @now, @source, NULL, @category, @reason, @raw, @raw_bytes::bytea);
