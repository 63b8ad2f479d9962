COPY pg_temp.purge_cuts (timeline_id, purge_before) FROM STDIN (FORMAT BINARY)
