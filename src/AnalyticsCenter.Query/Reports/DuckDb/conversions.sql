-- Conversions by source, without a conversions upload: the sessions of each source (Reports/DuckDb/session-sources.sql).
-- Uploading conversions adds what they converted (conversions+conversions.sql).
WITH
    {include:session-sources}
SELECT channel,
       source,
       name,
       count(*) AS sessions
FROM sourced
GROUP BY channel, source, name
ORDER BY sessions DESC, channel, source NULLS LAST, name NULLS LAST
