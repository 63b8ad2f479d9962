COPY analytics.upload_rows (workspace_id, upload_name, value_texts) FROM STDIN (FORMAT BINARY)
