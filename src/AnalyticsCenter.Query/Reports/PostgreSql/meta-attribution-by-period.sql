-- As Reports/DuckDb/meta-attribution-by-period.sql, in PostgreSQL; the headline is picked as in meta-attribution.sql.
settings AS (
    SELECT coalesce(@tz::text, 'UTC') AS tz,
           -- PostgreSQL has no error(): casting the message to a number stops the query with the message in its error.
           CASE WHEN coalesce(@grain::text, 'total') IN ('total', 'day', 'week') THEN coalesce(@grain::text, 'total')
                ELSE CAST('grain must be ''total'', ''day'' or ''week'', not ''' || @grain::text || '''' AS integer)::text END AS grain
),
meta_session AS (
    SELECT s.session_id,
           s.meta_source_type,
           s.meta_source_id,
           s.meta_source_headline,
           s.session_started_timestamp,
           s.session_finished_timestamp,
           s.session_status,
           s.session_end_reason,
           CASE WHEN settings.grain <> 'total' THEN date_trunc(CASE WHEN settings.grain = 'week' THEN 'week' ELSE 'day' END,
                (s.session_started_timestamp AT TIME ZONE 'UTC') AT TIME ZONE settings.tz)::date END AS period_start
    FROM sessions s, settings
    WHERE s.meta_source_id IS NOT NULL
      AND {session_filters:s}
      AND (@session_type::text IS NULL OR s.session_type = @session_type::text)
),
by_source AS (
    SELECT meta_source_type,
           meta_source_id,
           period_start,
           {include:meta-attribution-columns}
    FROM (SELECT *,
                 first_value(meta_source_headline) OVER (PARTITION BY meta_source_type, meta_source_id, period_start
                     ORDER BY meta_source_headline IS NULL, session_started_timestamp DESC) AS latest_headline
          FROM meta_session) AS m
    GROUP BY meta_source_type, meta_source_id, period_start
)
