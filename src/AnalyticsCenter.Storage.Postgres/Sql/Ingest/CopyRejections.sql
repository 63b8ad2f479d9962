COPY analytics.rejections (workspace_id, received_at, source, line_number, category, reason, raw, raw_bytes) FROM STDIN (FORMAT BINARY)
