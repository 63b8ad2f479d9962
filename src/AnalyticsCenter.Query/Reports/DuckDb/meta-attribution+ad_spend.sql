-- Meta attribution with the uploaded ad_spend: the rows of Reports/DuckDb/meta-attribution.sql (per ad, or per ad and
-- day or week with $grain: see meta-attribution-by-period), each with its spend in the period (NULL when ad_spend names
-- none), its currency (one per workspace: ReportVariant refuses a mix before this runs) and cost_per_session = spend / sessions.
WITH
    {include:meta-attribution-by-period},
    {include:ad-spend-by-source}
SELECT b.*,
       round(sp.spend, 2) AS spend,
       sp.currency,
       round(sp.spend / b.sessions, 2) AS cost_per_session
FROM by_source b
LEFT JOIN spend sp ON sp.meta_source_id = b.meta_source_id::VARCHAR AND sp.period_start IS NOT DISTINCT FROM b.period_start
ORDER BY b.period_start, b.sessions DESC, b.meta_source_type, b.meta_source_id
