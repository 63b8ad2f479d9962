-- Each ad's uploaded spend over the days from $from to $to (a day counts when its midnight is within them, as a session's
-- start is), its meta_source_id as text: long ids are uploaded as text, and sessions' may be compared as either. Per
-- period of settings.grain (meta-attribution-by-period): an ad_spend date is already a day of the workspace's calendar.
spend AS (
    SELECT a.meta_source_id::VARCHAR AS meta_source_id,
           CASE WHEN settings.grain <> 'total'
                THEN CAST(date_trunc(CASE WHEN settings.grain = 'week' THEN 'week' ELSE 'day' END, CAST(a.date AS DATE)) AS DATE) END AS period_start,
           sum(a.spend)::DOUBLE AS spend,
           min(a.currency::VARCHAR) AS currency
    FROM ad_spend a, settings
    WHERE ($from::TIMESTAMP IS NULL OR CAST(a.date AS TIMESTAMP) >= $from::TIMESTAMP)
      AND ($to::TIMESTAMP IS NULL OR CAST(a.date AS TIMESTAMP) < $to::TIMESTAMP)
    GROUP BY a.meta_source_id::VARCHAR, 2
)
