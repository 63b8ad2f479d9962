-- The rows of Reports/DuckDb/meta-attribution.sql, for the reports that read ad_spend: one per ad and period of
-- session_started_timestamp in the time zone settings.tz (settings.grain 'day', or 'week' from Monday), or with grain
-- 'total' (the default) one per ad with period_start NULL, as there. meta_session: the sessions counted, with their period.
settings AS (
    SELECT coalesce($tz::VARCHAR, 'UTC') AS tz,
           CASE WHEN coalesce($grain::VARCHAR, 'total') IN ('total', 'day', 'week') THEN coalesce($grain::VARCHAR, 'total')
                ELSE error('grain must be ''total'', ''day'' or ''week'', not ''' || $grain::VARCHAR || '''') END AS grain
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
           CASE WHEN settings.grain <> 'total' THEN CAST(date_trunc(CASE WHEN settings.grain = 'week' THEN 'week' ELSE 'day' END,
                timezone(settings.tz, timezone('UTC', s.session_started_timestamp))) AS DATE) END AS period_start
    FROM sessions s, settings
    WHERE s.meta_source_id IS NOT NULL
      AND {session_filters:s}
      AND ($session_type::VARCHAR IS NULL OR s.session_type = $session_type::VARCHAR)
),
by_source AS (
    SELECT meta_source_type,
           meta_source_id,
           period_start,
           {include:meta-attribution-columns}
    FROM meta_session
    GROUP BY meta_source_type, meta_source_id, period_start
)
