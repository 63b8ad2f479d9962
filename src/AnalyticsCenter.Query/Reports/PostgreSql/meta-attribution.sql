-- Meta (Click-to-WhatsApp) attribution: as Reports/DuckDb/meta-attribution.sql, in PostgreSQL. PostgreSQL has no
-- arg_max: the headline is the first non-NULL one of the source's sessions latest first, as DuckDB's arg_max skips NULL values
-- (a window, not array_agg(…)[1]: a tenant's array_agg is bounded in size, and a source may have many sessions).
SELECT meta_source_type,
       meta_source_id,
       {include:meta-attribution-columns}
FROM (SELECT *,
             first_value(meta_source_headline) OVER (
                 PARTITION BY meta_source_type, meta_source_id ORDER BY meta_source_headline IS NULL, session_started_timestamp DESC) AS latest_headline
      FROM sessions
      WHERE meta_source_id IS NOT NULL
        AND {session_filters}
        AND (@session_type::text IS NULL OR session_type = @session_type::text)) AS s
GROUP BY meta_source_type, meta_source_id
ORDER BY sessions DESC, meta_source_type COLLATE "C", meta_source_id COLLATE "C"
