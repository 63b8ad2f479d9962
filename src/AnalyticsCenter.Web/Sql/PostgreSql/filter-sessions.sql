-- Sessions that pass the browse filters (each NULL when not given), in storage order: what an export streams.
SELECT *
FROM sessions
WHERE {session_filters}
  AND (@type::text IS NULL OR session_type = @type::text)
  AND (@status::text IS NULL OR session_status = @status::text)
