-- Meta attribution with ad_spend and conversions: as Reports/DuckDb/meta-attribution+ad_spend+conversions.sql, in PostgreSQL.
WITH
    {include:conversion-attribution},
    {include:meta-attribution-by-period},
    {include:ad-spend-by-source},
    credited_to_source AS (
        SELECT m.meta_source_type,
               m.meta_source_id,
               m.period_start,
               count(*) AS conversions,
               sum(a.value) AS conversion_value
        FROM attributed a
        JOIN meta_session m ON m.session_id = a.session_id
        GROUP BY m.meta_source_type, m.meta_source_id, m.period_start
    )
SELECT b.*,
       round(sp.spend::numeric, 2)::double precision AS spend,
       sp.currency,
       round((sp.spend / b.sessions)::numeric, 2)::double precision AS cost_per_session,
       coalesce(c.conversions, 0) AS conversions,
       round(c.conversion_value::numeric, 2)::double precision AS conversion_value,
       round((coalesce(c.conversion_value, 0) / nullif(sp.spend, 0))::numeric, 4)::double precision AS roas
FROM by_source b
LEFT JOIN spend sp ON sp.meta_source_id = b.meta_source_id::text AND sp.period_start IS NOT DISTINCT FROM b.period_start
LEFT JOIN credited_to_source c
       ON c.meta_source_type = b.meta_source_type AND c.meta_source_id = b.meta_source_id AND c.period_start IS NOT DISTINCT FROM b.period_start
ORDER BY b.period_start, b.sessions DESC, b.meta_source_type COLLATE "C", b.meta_source_id COLLATE "C"
