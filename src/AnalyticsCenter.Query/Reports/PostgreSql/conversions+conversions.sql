-- Conversions by source: as Reports/DuckDb/conversions+conversions.sql, in PostgreSQL.
WITH
    {include:conversion-attribution},
    by_session AS (
        SELECT session_id, count(*) AS conversions, sum(value) AS conversion_value
        FROM attributed
        WHERE session_id IS NOT NULL
        GROUP BY session_id
    ),
    {include:session-sources}
SELECT *
FROM (SELECT so.channel,
             so.source,
             so.name,
             count(*) AS sessions,
             count(b.session_id) AS converted_sessions,
             coalesce(sum(b.conversions), 0)::bigint AS conversions,
             round(count(b.session_id)::numeric / count(*), 4)::double precision AS conversion_rate,
             round(sum(b.conversion_value)::numeric, 2)::double precision AS conversion_value
      FROM sourced so
      LEFT JOIN by_session b ON b.session_id = so.session_id
      GROUP BY so.channel, so.source, so.name
      UNION ALL
      SELECT 'none', NULL, NULL, 0, 0, count(*), NULL, round(sum(value)::numeric, 2)::double precision
      FROM attributed
      WHERE session_id IS NULL
        AND (@from::timestamp IS NULL OR occurred_at >= @from::timestamp)
        AND (@to::timestamp IS NULL OR occurred_at < @to::timestamp)
      HAVING count(*) > 0) AS r
ORDER BY conversions DESC, sessions DESC, channel COLLATE "C", source COLLATE "C" NULLS LAST, name COLLATE "C" NULLS LAST
