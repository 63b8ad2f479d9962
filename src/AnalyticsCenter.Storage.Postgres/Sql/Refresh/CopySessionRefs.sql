COPY pg_temp.session_refs (timeline_id, id_seq, parent_id_seq, started_at, finished_at, last_activity_at, session_type, session_status,
                           first_message_seq, last_message_seq, last_node_seq, end_reason)
FROM STDIN (FORMAT BINARY)
