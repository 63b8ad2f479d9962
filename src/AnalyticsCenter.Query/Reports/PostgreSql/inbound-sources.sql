-- Inbound sources: as Reports/DuckDb/inbound-sources.sql, in PostgreSQL. PostgreSQL has no arg_max: a source's name is
-- the headline of its latest session that has one, as DuckDB's arg_max skips NULL values. The sessions are grouped once
-- by source and headline (a few headlines a source), each group with its latest start, and the name picked from those
-- groups: no sort or window over every inbound session, and the grouping runs in parallel workers.
WITH inbound AS (
    SELECT CASE WHEN whatsapp_link_campaign_name IS NOT NULL OR whatsapp_link_campaign_source IS NOT NULL THEN 'whatsapp_link'
                WHEN meta_source_type = 'Ad' THEN 'meta_ad'
                WHEN meta_source_type = 'Post' THEN 'meta_post'
                ELSE 'other' END AS channel,
           *
    FROM sessions
    WHERE session_type = 'INBOUND'
      AND {session_filters}
),
keyed AS (
    SELECT *,
           CASE channel WHEN 'whatsapp_link' THEN whatsapp_link_campaign_source
                        WHEN 'other' THEN NULL
                        ELSE meta_source_id END AS source,
           CASE channel WHEN 'whatsapp_link' THEN whatsapp_link_campaign_name END AS link_name
    FROM inbound
),
by_headline AS (
    SELECT channel,
           source,
           link_name,
           meta_source_headline,
           count(*) AS sessions,
           count(session_finished_timestamp) AS finished_sessions,
           sum(date_part('epoch', session_finished_timestamp - session_started_timestamp)) AS duration_s,
           max(session_started_timestamp) AS latest_start
    FROM keyed
    GROUP BY channel, source, link_name, meta_source_headline
)
SELECT channel,
       source,
       CASE WHEN channel IN ('meta_ad', 'meta_post')
            THEN (array_agg(meta_source_headline ORDER BY meta_source_headline IS NULL, latest_start DESC))[1]
            ELSE link_name END COLLATE "C" AS name,
       sum(sessions)::bigint AS sessions,
       sum(finished_sessions)::bigint AS finished_sessions,
       round((sum(duration_s) / nullif(sum(finished_sessions), 0))::numeric, 1)::double precision AS avg_duration_s
FROM by_headline
GROUP BY channel, source, link_name
ORDER BY sessions DESC, channel COLLATE "C", source COLLATE "C", name
