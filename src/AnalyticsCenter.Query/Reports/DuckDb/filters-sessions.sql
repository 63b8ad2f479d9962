-- The filters every sessions report and the table browser take, each NULL when not given; written in (SharedFilters)
-- where a line says {session_filters} (or {session_filters:ALIAS}), with the sessions table's alias in place of {t}.
($from::TIMESTAMP IS NULL OR {t}session_started_timestamp >= $from::TIMESTAMP)
AND ($to::TIMESTAMP IS NULL OR {t}session_started_timestamp < $to::TIMESTAMP)
AND ($conversation_id::VARCHAR IS NULL OR {t}conversation_id = $conversation_id::VARCHAR)
AND ($conversation_version::INTEGER IS NULL OR {t}conversation_version = $conversation_version::INTEGER)
AND ($country::VARCHAR IS NULL OR {t}user_country_code = $country::VARCHAR)
AND ($line::VARCHAR IS NULL OR {t}line_whatsapp_number = $line::VARCHAR)
