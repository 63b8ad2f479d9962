-- Sessions that pass the browse filters (each NULL when not given), in storage order: what an export streams.
SELECT *
FROM sessions
WHERE {session_filters}
  AND ($type::VARCHAR IS NULL OR session_type = $type::VARCHAR)
  AND ($status::VARCHAR IS NULL OR session_status = $status::VARCHAR)
