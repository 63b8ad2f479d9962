-- As Reports/DuckDb/ad-spend-by-source.sql, in PostgreSQL.
spend AS (
    SELECT a.meta_source_id::text AS meta_source_id,
           sum(a.spend)::double precision AS spend,
           min(a.currency::text) AS currency
    FROM ad_spend a
    WHERE (@from::timestamp IS NULL OR CAST(a.date AS timestamp) >= @from::timestamp)
      AND (@to::timestamp IS NULL OR CAST(a.date AS timestamp) < @to::timestamp)
    GROUP BY a.meta_source_id::text
)
