-- Conversions by source: the sessions of each source (Reports/DuckDb/session-sources.sql) and the uploaded conversions
-- credited to them (Reports/DuckDb/conversion-attribution.sql). converted_sessions: sessions credited with at least one;
-- conversion_rate = converted_sessions / sessions; conversion_value: the sum of their value. Conversions no session
-- qualifies for (none in the window before them) are one row, channel 'none', those that occurred from $from to $to.
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
             coalesce(sum(b.conversions), 0)::BIGINT AS conversions,
             round(count(b.session_id) / count(*), 4) AS conversion_rate,
             round(sum(b.conversion_value), 2) AS conversion_value
      FROM sourced so
      LEFT JOIN by_session b ON b.session_id = so.session_id
      GROUP BY so.channel, so.source, so.name
      UNION ALL
      SELECT 'none', NULL, NULL, 0, 0, count(*), NULL, round(sum(value), 2)
      FROM attributed
      WHERE session_id IS NULL
        AND ($from::TIMESTAMP IS NULL OR occurred_at >= $from::TIMESTAMP)
        AND ($to::TIMESTAMP IS NULL OR occurred_at < $to::TIMESTAMP)
      HAVING count(*) > 0) AS r
ORDER BY conversions DESC, sessions DESC, channel, source NULLS LAST, name NULLS LAST
