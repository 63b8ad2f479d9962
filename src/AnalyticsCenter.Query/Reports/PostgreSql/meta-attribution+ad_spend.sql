-- Meta attribution with the uploaded ad_spend: as Reports/DuckDb/meta-attribution+ad_spend.sql, in PostgreSQL.
WITH
    {include:meta-attribution-by-period},
    {include:ad-spend-by-source}
SELECT b.*,
       round(sp.spend::numeric, 2)::double precision AS spend,
       sp.currency,
       round((sp.spend / b.sessions)::numeric, 2)::double precision AS cost_per_session
FROM by_source b
LEFT JOIN spend sp ON sp.meta_source_id = b.meta_source_id::text AND sp.period_start IS NOT DISTINCT FROM b.period_start
ORDER BY b.period_start, b.sessions DESC, b.meta_source_type COLLATE "C", b.meta_source_id COLLATE "C"
