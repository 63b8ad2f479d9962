-- Inbound sources: as Reports/DuckDb/inbound-sources.sql, in PostgreSQL. PostgreSQL has no arg_max: a source's name is
-- the first non-NULL headline of its sessions latest first, as DuckDB's arg_max skips NULL values (a window, not
-- array_agg(…)[1]: a tenant's array_agg is bounded in size, and a source may have many sessions).
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
headed AS (
    SELECT *,
           first_value(meta_source_headline) OVER (
               PARTITION BY channel, source, link_name ORDER BY meta_source_headline IS NULL, session_started_timestamp DESC) AS latest_headline
    FROM keyed
)
SELECT channel,
       source,
       CASE WHEN channel IN ('meta_ad', 'meta_post')
            THEN max(latest_headline)
            ELSE link_name END COLLATE "C" AS name,
       count(*) AS sessions,
       count(session_finished_timestamp) AS finished_sessions,
       round(avg(date_part('epoch', session_finished_timestamp - session_started_timestamp))::numeric, 1)::double precision AS avg_duration_s
FROM headed
GROUP BY channel, source, link_name
ORDER BY sessions DESC, channel COLLATE "C", source COLLATE "C", name
