-- As Reports/DuckDb/ad-spend-by-source.sql, in PostgreSQL.
spend AS (
    SELECT a.meta_source_id::text AS meta_source_id,
           CASE WHEN settings.grain <> 'total'
                THEN date_trunc(CASE WHEN settings.grain = 'week' THEN 'week' ELSE 'day' END, CAST(a.date AS timestamp))::date END AS period_start,
           sum(a.spend)::double precision AS spend,
           min(a.currency::text) AS currency
    FROM ad_spend a, settings
    WHERE (@from::timestamp IS NULL OR CAST(a.date AS timestamp) >= @from::timestamp)
      AND (@to::timestamp IS NULL OR CAST(a.date AS timestamp) < @to::timestamp)
    GROUP BY a.meta_source_id::text, 2
)
