-- Conversions by source, without a conversions upload: as Reports/DuckDb/conversions.sql, in PostgreSQL.
WITH
    {include:session-sources}
SELECT channel,
       source,
       name,
       count(*) AS sessions
FROM sourced
GROUP BY channel, source, name
ORDER BY sessions DESC, channel COLLATE "C", source COLLATE "C" NULLS LAST, name COLLATE "C" NULLS LAST
