COPY pg_temp.ingest_staging (ord, workspace_id, event_id, type, occurred_at, received_at, line_number, country_code, cellphone, deployment_id,
                             status, details)
FROM STDIN (FORMAT BINARY)
