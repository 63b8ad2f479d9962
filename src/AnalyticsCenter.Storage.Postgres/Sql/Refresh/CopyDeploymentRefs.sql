COPY pg_temp.deployment_refs (timeline_id, created_seq, delivery_status, outcome_seq, outcome_at) FROM STDIN (FORMAT BINARY)
