COPY analytics.purge_cuts (workspace_id, timeline_id, purge_before) FROM STDIN (FORMAT BINARY)
